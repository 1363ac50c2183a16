import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyInWaves } from '../../../src/kube/apply';
import { outcomeCounts } from '../../../src/kube/applyResult';
import { ClusterClient } from '../../../src/kube/client';
import { parseManifestText, type ManifestEntry } from '../../../src/kube/manifests';
import type { KubeObject } from '../../../src/kube/objects';
import type { ApiRequest, ApiResponse, KubeHttp, NetworkFailure, StreamResponse } from '../../../src/kube/transport';
import { ok, err, type Result } from '../../../src/util/result';

type Answer = Result<ApiResponse, NetworkFailure>;

/** An in-memory API: LIST answers empty, PATCH echoes the object with 201; `override` changes single answers. */
class FakeHttp implements KubeHttp {
  readonly server = 'https://fake:6443';
  readonly contextName = 'fake';
  readonly patches: string[] = [];
  readonly bodies: KubeObject[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly override: (request: ApiRequest, index: number) => Answer | undefined = () => undefined,
  ) {}
  async request(request: ApiRequest): Promise<Answer> {
    if (request.method === 'GET') return ok({ status: 200, body: { items: [] } });
    const index = this.patches.push(request.path) - 1;
    this.bodies.push(request.body as KubeObject);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((r) => setTimeout(r, 2));
    this.inFlight--;
    return (
      this.override(request, index) ??
      ok({
        status: 201,
        body: {
          ...(request.body as KubeObject),
          metadata: { ...(request.body as KubeObject).metadata, resourceVersion: '1' },
        },
      })
    );
  }
  stream(): Promise<Result<StreamResponse, NetworkFailure>> {
    return Promise.resolve(err({ code: 'ENOTSUP', message: 'apply does not stream' }));
  }
  dispose(): void {}
}

const doc = (kind: string, apiVersion: string, name: string, extra = ''): string =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;
function entries(...docs: string[]): ManifestEntry[] {
  const parsed = parseManifestText(docs.join('---\n'), 'stack.yaml');
  assert.ok(parsed.ok);
  return parsed.value;
}
const STACK = entries(
  doc('HorizontalPodAutoscaler', 'autoscaling/v2', 'web'),
  doc('Deployment', 'apps/v1', 'web', 'spec:\n  replicas: 2\n'),
  doc('Service', 'v1', 'web'),
  doc('ConfigMap', 'v1', 'cfg'),
  doc('Namespace', 'v1', 'shop'),
  doc('Ingress', 'networking.k8s.io/v1', 'web'),
  doc('ClusterRole', 'rbac.authorization.k8s.io/v1', 'reader'),
);

describe('applyInWaves', () => {
  it('applies in dependency waves: Namespace, then config/RBAC/Service, then workloads, then Ingress/HPA', async () => {
    const http = new FakeHttp();
    const report = await applyInWaves(new ClusterClient(http), STACK, { namespace: 'shop', concurrency: 1 });
    assert.deepEqual(http.patches, [
      '/api/v1/namespaces/shop',
      '/api/v1/namespaces/shop/services/web',
      '/api/v1/namespaces/shop/configmaps/cfg',
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/reader',
      '/apis/apps/v1/namespaces/shop/deployments/web',
      '/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/web',
      '/apis/networking.k8s.io/v1/namespaces/shop/ingresses/web',
    ]);
    assert.ok(report.results.every((r) => r.status === 'created'));
  });

  it('runs a wave in parallel up to the bound', async () => {
    const many = entries(...Array.from({ length: 20 }, (_, i) => doc('ConfigMap', 'v1', `c${i}`)));
    const http = new FakeHttp();
    await applyInWaves(new ClusterClient(http), many, { namespace: 'x', concurrency: 4 });
    assert.equal(http.maxInFlight, 4);
  });

  it('stops at a fatal failure and lists what was not applied', async () => {
    const http = new FakeHttp((_req, index) =>
      index === 2 ? err({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }) : undefined,
    );
    const report = await applyInWaves(new ClusterClient(http), STACK, { namespace: 'shop', concurrency: 1 });
    assert.deepEqual(
      report.results.map((r) => r.status),
      ['created', 'created', 'failed', 'skipped', 'skipped', 'skipped', 'skipped'],
    );
    assert.match(
      report.interrupted ?? '',
      /^cannot reach the cluster at https:\/\/fake:6443 \(context fake\).*2 of 7 objects applied, 1 failed, 0 unknown \(re-run to converge\), 4 not applied\. Re-running apply is safe/,
    );
  });

  it('an answer lost after the request was sent is unknown, not failed, and every object is counted once', async () => {
    const http = new FakeHttp((_req, index) =>
      index >= 2
        ? err({ code: index === 2 ? 'ECONNRESET' : 'ECONNREFUSED', message: 'socket hang up', sent: index === 2 })
        : undefined,
    );
    const report = await applyInWaves(new ClusterClient(http), STACK, { namespace: 'shop', concurrency: 1 });
    // The reset request is retried once; the retry is refused, but the first attempt may have been stored.
    assert.deepEqual(
      report.results.map((r) => r.status),
      ['created', 'created', 'unknown', 'skipped', 'skipped', 'skipped', 'skipped'],
    );
    assert.match(
      report.results[2]?.message ?? '',
      /^unknown: re-run to converge \(lost the connection to the cluster at https:\/\/fake:6443/,
    );
    assert.deepEqual(outcomeCounts(report.results), { total: 7, applied: 2, failed: 0, unknown: 1, notApplied: 4 });
    assert.match(
      report.interrupted ?? '',
      /2 of 7 objects applied, 0 failed, 1 unknown \(re-run to converge\), 4 not applied\./,
    );
  });

  it('Ctrl+C aborts the request in flight (unknown) and applies nothing more', async () => {
    const controller = new AbortController();
    const http = new FakeHttp((req, index) => {
      if (index < 1) return undefined;
      controller.abort();
      return err({ code: 'ABORT_ERR', message: 'The operation was aborted', sent: req.signal === controller.signal });
    });
    const report = await applyInWaves(new ClusterClient(http), STACK, {
      namespace: 'shop',
      concurrency: 1,
      signal: controller.signal,
    });
    assert.equal(http.patches.length, 2);
    assert.deepEqual(
      report.results.map((r) => r.status),
      ['created', 'unknown', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped'],
    );
    assert.match(report.interrupted ?? '', /^cancelled; 1 of 7 objects applied, 0 failed, 1 unknown/);
  });

  it('stops between objects when cancelled', async () => {
    const controller = new AbortController();
    const http = new FakeHttp((_req, index) => {
      if (index === 1) controller.abort();
      return undefined;
    });
    const report = await applyInWaves(new ClusterClient(http), STACK, {
      namespace: 'shop',
      concurrency: 1,
      signal: controller.signal,
    });
    assert.equal(http.patches.length, 2);
    assert.equal(report.results.filter((r) => r.status === 'skipped').length, 5);
    assert.match(report.interrupted ?? '', /^cancelled/);
  });

  it('puts a 422 against the file and the line of the field the server names', async () => {
    const http = new FakeHttp((req) =>
      req.path.endsWith('/deployments/web')
        ? ok({
            status: 422,
            body: {
              kind: 'Status',
              code: 422,
              message: 'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1',
              details: { causes: [{ field: 'spec.replicas' }] },
            },
          })
        : undefined,
    );
    const report = await applyInWaves(new ClusterClient(http), STACK, { namespace: 'shop' });
    const failed = report.results.find((r) => r.status === 'failed');
    assert.equal(failed?.message, 'stack.yaml:11: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1');
    assert.equal(report.interrupted, undefined);
  });

  it('--namespace moves namespaced objects and the stack Namespace, never cluster-scoped ones', async () => {
    const stack = entries(
      doc('Namespace', 'v1', 'shop'),
      doc('ConfigMap', 'v1', 'cfg', '  namespace: shop\n'),
      doc('ClusterRole', 'rbac.authorization.k8s.io/v1', 'r', '  namespace: shop\n'),
    );
    const http = new FakeHttp();
    await applyInWaves(new ClusterClient(http), stack, { namespace: 'other', overrideNamespace: true, concurrency: 1 });
    assert.deepEqual(http.patches, [
      '/api/v1/namespaces/other',
      '/api/v1/namespaces/other/configmaps/cfg',
      '/apis/rbac.authorization.k8s.io/v1/clusterroles/r',
    ]);
  });

  it('--namespace moves ServiceAccount subjects of bindings and the RBAC named after the namespace, as generate does', async () => {
    const rbac = 'rbac.authorization.k8s.io/v1';
    const subjects =
      'subjects:\n  - kind: ServiceAccount\n    name: alloy\n    namespace: shop\n  - kind: ServiceAccount\n    name: other\n    namespace: kube-system\n';
    const stack = entries(
      doc('Namespace', 'v1', 'shop'),
      doc('ServiceAccount', 'v1', 'alloy', '  namespace: shop\n'),
      doc(
        'RoleBinding',
        rbac,
        'alloy',
        `  namespace: shop\nroleRef:\n  apiGroup: ${rbac}\n  kind: Role\n  name: alloy\n${subjects}`,
      ),
      doc('ClusterRole', rbac, 'shop-alloy'),
      doc(
        'ClusterRoleBinding',
        rbac,
        'shop-alloy',
        `roleRef:\n  apiGroup: ${rbac}\n  kind: ClusterRole\n  name: shop-alloy\n${subjects}`,
      ),
    );
    const http = new FakeHttp();
    await applyInWaves(new ClusterClient(http), stack, { namespace: 'other', overrideNamespace: true, concurrency: 1 });
    const sent = (kind: string): KubeObject | undefined => http.bodies.find((b) => b.kind === kind);
    const subjectNamespaces = (kind: string): unknown =>
      (sent(kind)?.subjects as { namespace: string }[]).map((s) => s.namespace);
    assert.deepEqual(subjectNamespaces('RoleBinding'), ['other', 'kube-system']);
    assert.deepEqual(subjectNamespaces('ClusterRoleBinding'), ['other', 'kube-system']);
    assert.equal(sent('ClusterRoleBinding')?.metadata.name, 'other-alloy');
    assert.deepEqual(sent('ClusterRoleBinding')?.roleRef, { apiGroup: rbac, kind: 'ClusterRole', name: 'other-alloy' });
    assert.ok(http.patches.includes('/apis/rbac.authorization.k8s.io/v1/clusterroles/other-alloy'));
    assert.ok(http.patches.includes('/apis/rbac.authorization.k8s.io/v1/namespaces/other/rolebindings/alloy'));
  });

  it('without --namespace, binding subjects stay where the manifests put them', async () => {
    const stack = entries(
      doc(
        'RoleBinding',
        'rbac.authorization.k8s.io/v1',
        'b',
        '  namespace: shop\nsubjects:\n  - kind: ServiceAccount\n    name: a\n    namespace: shop\n',
      ),
    );
    const http = new FakeHttp();
    await applyInWaves(new ClusterClient(http), stack, { namespace: 'other' });
    assert.deepEqual(http.bodies[0]?.subjects, [{ kind: 'ServiceAccount', name: 'a', namespace: 'shop' }]);
  });

  it('resolves unknown kinds through discovery and reports kinds the cluster does not serve', async () => {
    const http = new FakeHttp();
    const request = http.request.bind(http);
    http.request = (req) =>
      req.path === '/apis/example.com/v1'
        ? Promise.resolve(
            ok({ status: 200, body: { resources: [{ name: 'widgets', kind: 'Widget', namespaced: true }] } }),
          )
        : request(req);
    const report = await applyInWaves(
      new ClusterClient(http),
      entries(doc('Widget', 'example.com/v1', 'w'), doc('Gadget', 'example.com/v1', 'g')),
      { namespace: 'ns' },
    );
    assert.equal(report.results[0]?.status, 'created');
    assert.ok(http.patches.includes('/apis/example.com/v1/namespaces/ns/widgets/w'));
    assert.equal(report.results[1]?.status, 'failed');
    assert.match(report.results[1]?.message ?? '', /does not serve kind Gadget/);
  });
});
