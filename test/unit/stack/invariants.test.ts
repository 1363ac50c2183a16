// Properties every generated object must have, whatever the options.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { schemaErrors, unknownFields } from '../../support/schema';
import { LEGACY_CLUSTER_NAME_SUFFIXES } from '../../../src/kube/delete';
import { podSpec, renderStack, type K8sObject, type RenderedStack } from '../../support/stack';

let stack: RenderedStack;
before(async () => {
  stack = await renderStack({ metricsServer: true });
});

const WORKLOADS = new Set(['Deployment', 'DaemonSet', 'StatefulSet']);
const workloads = () => stack.objects.filter((o) => WORKLOADS.has(o.kind as string));
const containersOf = (w: K8sObject) => podSpec(w).containers as K8sObject[];
const id = (o: K8sObject) => `${o.kind as string} ${o.metadata.name as string}`;
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('every generated object', () => {
  it('validates against the Kubernetes schema (kubernetes-models)', () => {
    const failures = stack.objects.map((o) => [id(o), schemaErrors(o)]).filter(([, e]) => e !== undefined);
    assert.deepEqual(failures, []);
  });

  it('has no field the Kubernetes API does not know (a typo would pass the validators above)', async () => {
    const unknown = (
      await Promise.all(stack.objects.map(async (o) => (await unknownFields(o)).map((f) => `${id(o)}${f}`)))
    ).flat();
    assert.deepEqual(unknown, []);
  });

  it('uses only GA apiVersions', () => {
    const preview = stack.objects.filter((o) => /(alpha|beta)\d*$/.test(o.apiVersion as string)).map(id);
    assert.deepEqual(preview, []);
  });

  it('carries the stack labels (part-of, name, component)', () => {
    for (const o of stack.objects) {
      const labels = (o.metadata.labels ?? {}) as Record<string, string>;
      assert.equal(labels['app.kubernetes.io/part-of'], 'starter-stack', id(o));
      assert.ok(labels['app.kubernetes.io/name'], `${id(o)} has app.kubernetes.io/name`);
      assert.ok(labels['app.kubernetes.io/component'], `${id(o)} has app.kubernetes.io/component`);
    }
  });
});

describe('every cluster-scoped object', () => {
  const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'APIService', 'Namespace']);
  const METRICS_SERVER_SHARED = (o: K8sObject) =>
    o.metadata.labels?.['app.kubernetes.io/component'] === 'metrics-server';

  it("names its stack's namespace in starter-stack.dev/namespace and in its name, unless shared (metrics-server)", async () => {
    for (const namespace of ['starter', 'shop']) {
      const rendered = await renderStack({ namespace, metricsServer: true });
      const clusterWide = rendered.objects.filter(
        (o) => CLUSTER_SCOPED.has(o.kind as string) && o.kind !== 'Namespace',
      );
      assert.ok(
        clusterWide.some((o) => !METRICS_SERVER_SHARED(o)),
        'the stack has its own cluster-scoped objects',
      );
      for (const o of clusterWide) {
        const owner = o.metadata.labels?.['starter-stack.dev/namespace'] as string | undefined;
        if (METRICS_SERVER_SHARED(o)) assert.equal(owner, undefined, `${id(o)} is shared by every stack: no owner`);
        else {
          assert.equal(owner, namespace, `${id(o)} owner label`);
          assert.ok(
            (o.metadata.name as string).startsWith(`${namespace}-`),
            `${id(o)} name derives from the namespace`,
          );
          assert.ok(
            LEGACY_CLUSTER_NAME_SUFFIXES.some((s) => o.metadata.name === namespace + s),
            `${id(o)}: its name suffix is in LEGACY_CLUSTER_NAME_SUFFIXES (delete finds unlabelled copies by it)`,
          );
        }
      }
    }
  });
});

describe('every workload', () => {
  it('sets CPU and memory requests and limits on every container', () => {
    for (const w of workloads()) {
      for (const c of containersOf(w)) {
        for (const bound of ['requests', 'limits']) {
          assert.ok(c.resources?.[bound]?.cpu && c.resources?.[bound]?.memory, `${id(w)} container ${c.name} ${bound}`);
        }
      }
    }
  });

  it('pins every image to a version, never latest', () => {
    for (const w of workloads()) {
      for (const c of containersOf(w)) {
        const tag = /:([^/:@]+)$/.exec(c.image as string)?.[1];
        assert.ok(tag && tag !== 'latest', `${id(w)} image ${c.image}`);
      }
    }
  });

  it('has liveness and readiness probes, whose named ports exist on the container', () => {
    for (const w of workloads()) {
      for (const c of containersOf(w)) {
        for (const probe of [c.livenessProbe, c.readinessProbe]) {
          assert.ok(probe, `${id(w)} container ${c.name} probes`);
          const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
          if (typeof port === 'string')
            assert.ok(
              (c.ports as K8sObject[]).some((p) => p.name === port),
              `${id(w)} probe port ${port}`,
            );
        }
      }
    }
  });

  it('labels its pods with the stack labels and selects them by app.kubernetes.io/name', () => {
    for (const w of workloads()) {
      const labels = w.spec.template.metadata.labels as Record<string, string>;
      assert.ok(matches(w.spec.selector.matchLabels, labels), `${id(w)} selector matches its template`);
      if (w.metadata.namespace !== 'kube-system')
        assert.equal(labels['app.kubernetes.io/part-of'], 'starter-stack', id(w));
    }
  });
});

describe('references between objects', () => {
  const has = (kind: string, name: unknown, namespace?: unknown) =>
    stack.objects.some(
      (o) =>
        o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace),
    );

  it('Service selectors match a pod template, and named target ports exist on it', () => {
    for (const svc of stack.all('Service')) {
      const pods = workloads().filter(
        (w) =>
          w.metadata.namespace === svc.metadata.namespace &&
          matches(svc.spec.selector, w.spec.template.metadata.labels),
      );
      assert.ok(pods.length > 0, `${id(svc)} selects pods`);
      for (const port of svc.spec.ports as K8sObject[]) {
        if (typeof port.targetPort !== 'string') continue;
        assert.ok(
          pods.some((w) =>
            containersOf(w).some((c) => (c.ports as K8sObject[] | undefined)?.some((p) => p.name === port.targetPort)),
          ),
          `${id(svc)} targetPort ${port.targetPort}`,
        );
      }
    }
  });

  it('Ingress backends name existing Services and ports', () => {
    for (const ingress of stack.all('Ingress')) {
      for (const path of ingress.spec.rules.flatMap((r: K8sObject) => r.http.paths) as K8sObject[]) {
        const svc = stack.find('Service', path.backend.service.name);
        const wanted = path.backend.service.port as K8sObject;
        assert.ok(
          (svc.spec.ports as K8sObject[]).some((p) => p.name === wanted.name || p.port === wanted.number),
          `${path.path} → ${svc.metadata.name}`,
        );
      }
    }
  });

  it('configMapKeyRef, secretKeyRef, envFrom, volumes, claimName and serviceAccountName resolve', () => {
    for (const w of workloads()) {
      const ns = w.metadata.namespace;
      const spec = podSpec(w);
      const key = (kind: string, ref: K8sObject) => {
        const target = stack.objects.find(
          (o) => o.kind === kind && o.metadata.name === ref.name && o.metadata.namespace === ns,
        );
        assert.ok(target, `${id(w)} → ${kind} ${ref.name}`);
        assert.ok(
          ref.key in (target.data ?? {}) || ref.key in (target.stringData ?? {}),
          `${id(w)} → ${kind} ${ref.name} key ${ref.key}`,
        );
      };
      for (const c of spec.containers as K8sObject[]) {
        for (const e of (c.env ?? []) as K8sObject[]) {
          if (e.valueFrom?.configMapKeyRef) key('ConfigMap', e.valueFrom.configMapKeyRef);
          if (e.valueFrom?.secretKeyRef) key('Secret', e.valueFrom.secretKeyRef);
        }
        for (const from of (c.envFrom ?? []) as K8sObject[]) {
          if (from.configMapRef)
            assert.ok(has('ConfigMap', from.configMapRef.name, ns), `${id(w)} envFrom ${from.configMapRef.name}`);
          if (from.secretRef)
            assert.ok(has('Secret', from.secretRef.name, ns), `${id(w)} envFrom ${from.secretRef.name}`);
        }
      }
      for (const v of (spec.volumes ?? []) as K8sObject[]) {
        if (v.configMap)
          assert.ok(has('ConfigMap', v.configMap.name, ns), `${id(w)} volume ConfigMap ${v.configMap.name}`);
        if (v.secret)
          assert.ok(has('Secret', v.secret.secretName, ns), `${id(w)} volume Secret ${v.secret.secretName}`);
        if (v.persistentVolumeClaim)
          assert.ok(
            has('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, ns),
            `${id(w)} claim ${v.persistentVolumeClaim.claimName}`,
          );
      }
      if (spec.serviceAccountName)
        assert.ok(has('ServiceAccount', spec.serviceAccountName, ns), `${id(w)} service account`);
    }
  });

  it('HPA targets exist, have no fixed replicas, and their containers request CPU', () => {
    for (const hpa of stack.all('HorizontalPodAutoscaler')) {
      const target = stack.find(hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name);
      assert.equal(target.spec.replicas, undefined, `${id(target)} leaves replicas to the HPA`);
      for (const c of containersOf(target)) assert.ok(c.resources.requests.cpu, `${id(target)} ${c.name} requests CPU`);
    }
  });

  it('RBAC bindings name existing roles and service accounts', () => {
    // Roles every cluster has (bootstrap RBAC), which the stack may bind to without defining.
    const builtIn = (name: string) =>
      name.startsWith('system:') || name === 'extension-apiserver-authentication-reader';
    for (const binding of [...stack.all('ClusterRoleBinding'), ...stack.all('RoleBinding')]) {
      assert.ok(
        has(binding.roleRef.kind, binding.roleRef.name) || builtIn(binding.roleRef.name),
        `${id(binding)} role`,
      );
      for (const s of binding.subjects as K8sObject[])
        assert.ok(has(s.kind, s.name, s.namespace), `${id(binding)} subject ${s.name}`);
    }
  });
});
