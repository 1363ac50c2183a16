// Level 1, continued: the other verbs and query options with the real kubectl — patch flavours,
// PUT conflicts, selectors, deletecollection, scale, client-side apply, namespace deletion.
import { until } from '../../support/until';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ClusterSimulator, startClusterSimulator } from '../../../sim/index';
import { docs, json, kubectl, manifests, ok } from '../../support/simKubectl';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- loosely inspected API objects
const names = (list: Obj) => (list.items as Obj[]).map((i) => i.metadata.name as string).sort();

describe('cluster simulator: verbs and options with real kubectl', () => {
  let sim: ClusterSimulator;
  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
    const cm = (name: string, labels: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: v\n  labels: {${labels}}\ndata: {k: v}\n`;
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(
        manifests.namespace('v'),
        cm('a', 'tier: web, env: prod'),
        cm('b', 'tier: db, env: prod'),
        cm('c', 'tier: web'),
        cm('d', ''),
      ),
    );
  });
  after(() => sim.close());

  it('filters by label selectors (=, !=, in, notin, exists, !exists) and field selectors', async () => {
    const sel = async (s: string) => names(await json(sim, ['-n', 'v', 'get', 'cm', '-l', s]));
    assert.deepEqual(await sel('tier=web'), ['a', 'c']);
    assert.deepEqual(await sel('tier!=web'), ['b', 'd']);
    assert.deepEqual(await sel('tier in (web,db),env'), ['a', 'b']);
    assert.deepEqual(await sel('tier notin (web)'), ['b', 'd']);
    assert.deepEqual(await sel('!env'), ['c', 'd']);
    assert.deepEqual(names(await json(sim, ['-n', 'v', 'get', 'cm', '--field-selector', 'metadata.name=b'])), ['b']);
    assert.deepEqual(
      names(await json(sim, ['get', 'ns', '--field-selector', 'metadata.name!=v,metadata.name!=default'])),
      ['kube-node-lease', 'kube-public', 'kube-system'],
    );
  });

  it('pages lists with limit/continue: kubectl --chunk-size, and pages that neither repeat nor skip across writes', async () => {
    const all = names(await json(sim, ['-n', 'v', 'get', 'cm']));
    assert.deepEqual(names(await json(sim, ['-n', 'v', 'get', 'cm', '--chunk-size=1'])), all);
    const page = async (query: string) =>
      JSON.parse(await ok(sim, ['get', '--raw', `/api/v1/namespaces/v/configmaps?${query}`]));
    const first = await page('limit=2');
    assert.equal(first.items.length, 2);
    assert.ok(first.metadata.continue, 'a continue token while more remain');
    const served = (first.items as Obj[]).map((i) => i.metadata.name as string);
    // One object sorts before the page boundary, one after: neither may shift what the next page returns.
    await ok(sim, ['-n', 'v', 'create', 'configmap', 'a0']);
    await ok(sim, ['-n', 'v', 'create', 'configmap', 'zz']);
    const rest: string[] = [];
    let cont: string | undefined = first.metadata.continue;
    while (cont) {
      const next = await page(`limit=2&continue=${encodeURIComponent(cont)}`);
      assert.equal(
        next.metadata.resourceVersion,
        first.metadata.resourceVersion,
        "every page has the first page's version",
      );
      rest.push(...(next.items as Obj[]).map((i) => i.metadata.name as string));
      cont = next.metadata.continue;
    }
    assert.deepEqual([...served, ...rest].sort(), [...all.filter((n) => n !== 'a0'), 'zz'].sort());
    const bad = await kubectl(sim, ['get', '--raw', '/api/v1/namespaces/v/configmaps?limit=2&continue=bm9wZQ']);
    assert.match(bad.stderr, /continue/, 'a token the server did not issue is refused, naming it');
    await ok(sim, ['-n', 'v', 'delete', 'configmap', 'a0', 'zz']);
  });

  it('patches with JSON patch, merge patch and strategic merge patch (containers merged by name)', async () => {
    await ok(sim, [
      '-n',
      'v',
      'patch',
      'cm',
      'a',
      '--type=json',
      '-p',
      '[{"op":"add","path":"/data/j","value":"1"},{"op":"remove","path":"/data/k"}]',
    ]);
    await ok(sim, ['-n', 'v', 'patch', 'cm', 'a', '--type=merge', '-p', '{"data":{"m":"2"}}']);
    assert.deepEqual((await json(sim, ['-n', 'v', 'get', 'cm', 'a'])).data, { j: '1', m: '2' });
    const extra = `        - name: sidecar\n          image: busybox:1.36\n`;
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.deployment('v', 'web', { replicas: 1, extra }));
    await ok(sim, [
      '-n',
      'v',
      'patch',
      'deployment',
      'web',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.37"}]}}}}',
    ]);
    const d = await json(sim, ['-n', 'v', 'get', 'deploy', 'web']);
    assert.deepEqual(
      d.spec.template.spec.containers.map((c: Obj) => `${c.name}=${c.image}`),
      ['web=ghcr.io/starter/node-api:1.0.0', 'sidecar=busybox:1.37'],
    );
    assert.equal(d.metadata.generation, 2);
  });

  it('rejects a PUT with a stale resourceVersion (409) and accepts a fresh one', async () => {
    const cm = await json(sim, ['-n', 'v', 'get', 'cm', 'b']);
    const file = join(tmpdir(), `starter-sim-put-${process.pid}.json`);
    cm.data.k = 'fresh';
    writeFileSync(file, JSON.stringify(cm));
    await ok(sim, ['replace', '-f', file]);
    cm.data.k = 'stale';
    writeFileSync(file, JSON.stringify(cm));
    const stale = await kubectl(sim, ['replace', '-f', file]);
    assert.match(stale.stderr, /Operation cannot be fulfilled on configmaps "b": the object has been modified/);
    assert.equal((await json(sim, ['-n', 'v', 'get', 'cm', 'b'])).data.k, 'fresh');
  });

  it('scales through the scale subresource and serves server-side tables', async () => {
    await ok(sim, ['-n', 'v', 'scale', 'deployment/web', '--replicas=2']);
    const scale = JSON.parse(await ok(sim, ['get', '--raw', '/apis/apps/v1/namespaces/v/deployments/web/scale']));
    assert.equal(scale.kind, 'Scale');
    assert.equal(scale.spec.replicas, 2);
    await ok(sim, ['-n', 'v', 'rollout', 'status', 'deployment/web', '--timeout=30s']);
    const table = await ok(sim, ['-n', 'v', 'get', 'deployments']);
    assert.match(table, /^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+2\/2\s+2\s+2\s+/);
    assert.match(
      await ok(sim, ['-n', 'v', 'get', 'pods', '-o', 'wide']),
      /Running\s+0\s+\S+\s+10\.244\.\S+\s+sim-node-\d/,
    );
  });

  it('supports client-side kubectl apply (strategic merge from the OpenAPI schema) without warnings', async () => {
    const r = await kubectl(
      sim,
      ['apply', '-f', '-'],
      docs(
        manifests.service('v', 'web'),
        manifests.deployment('v', 'web', { replicas: 2, image: 'ghcr.io/starter/node-api:2.0.0' }),
      ),
    );
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(
      r.stderr.replace(
        /Warning: resource \S+ is missing the kubectl.kubernetes.io\/last-applied-configuration[^\n]*\n/g,
        '',
      ),
      /warning|error/i,
    );
    assert.equal(
      (await json(sim, ['-n', 'v', 'get', 'deploy', 'web'])).spec.template.spec.containers[0].image,
      'ghcr.io/starter/node-api:2.0.0',
    );
  });

  it('deletes collections by label, and a namespace with everything in it', async () => {
    await ok(sim, ['-n', 'v', 'delete', 'cm', '-l', 'tier=web']);
    assert.deepEqual(names(await json(sim, ['-n', 'v', 'get', 'cm'])), ['b', 'd']);
    const raw = await ok(sim, ['delete', '--raw', '/api/v1/namespaces/v/configmaps?labelSelector=env%3Dprod']);
    assert.equal(JSON.parse(raw).items.length, 1);
    await ok(sim, ['delete', 'namespace', 'v']);
    await until(() => !sim.objects().some((o: Obj) => o.metadata.namespace === 'v') || undefined, 'condition');
  });

  it('accepts kubectl create namespace/configmap/secret (protobuf request bodies)', async () => {
    await ok(sim, ['create', 'namespace', 'pb']);
    await ok(sim, ['-n', 'pb', 'create', 'configmap', 'c', '--from-literal=a=1', '--from-literal=b=two']);
    await ok(sim, ['-n', 'pb', 'create', 'secret', 'generic', 's', '--from-literal=pw=hunter2']);
    assert.deepEqual((await json(sim, ['-n', 'pb', 'get', 'cm', 'c'])).data, { a: '1', b: 'two' });
    assert.equal(
      Buffer.from((await json(sim, ['-n', 'pb', 'get', 'secret', 's'])).data.pw as string, 'base64').toString(),
      'hunter2',
    );
    const deploy = await kubectl(sim, ['-n', 'pb', 'create', 'deployment', 'd', '--image=nginx']);
    assert.match(deploy.stderr, /decodes protobuf only for Namespace, ConfigMap, Secret and SelfSubjectAccessReview/);
  });

  it('dry-runs every mutating verb without storing anything', async () => {
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(manifests.namespace('dry'), manifests.configMap('dry', 'keep', 'v')),
    );
    const before = JSON.stringify(sim.objects().filter((o: Obj) => o.metadata.namespace === 'dry'));
    await ok(sim, ['create', '--dry-run=server', '-f', '-'], manifests.configMap('dry', 'new', 'v'));
    await ok(sim, [
      '-n',
      'dry',
      'patch',
      'cm',
      'keep',
      '--dry-run=server',
      '--type=merge',
      '-p',
      '{"data":{"key":"x"}}',
    ]);
    await ok(sim, ['-n', 'dry', 'delete', 'cm', 'keep', '--dry-run=server']);
    await ok(sim, ['-n', 'dry', 'delete', 'cm', '--all', '--dry-run=server']);
    await ok(
      sim,
      ['apply', '--server-side', '--dry-run=server', '-f', '-'],
      manifests.configMap('dry', 'keep', 'changed'),
    );
    assert.equal(JSON.stringify(sim.objects().filter((o: Obj) => o.metadata.namespace === 'dry')), before);
  });
});
