// Level 1: the simulator's API server core, exercised with the real kubectl.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ClusterSimulator, startClusterSimulator } from '../../../sim/index';
import { docs, json, kubectl, manifests, ok, stream } from '../../support/simKubectl';

describe('cluster simulator: API core with real kubectl', () => {
  let sim: ClusterSimulator;
  before(async () => {
    sim = await startClusterSimulator({ timeScale: 0.05 });
  });
  after(() => sim.close());

  it('identifies itself as the starter-sim test double', async () => {
    assert.equal(sim.contextName, 'starter-sim');
    const v = await ok(sim, ['version', '-o', 'json']);
    assert.equal(JSON.parse(v).serverVersion.gitVersion, 'v1.32.0-starter-sim');
    const ctx = await ok(sim, ['config', 'current-context']);
    assert.equal(ctx.trim(), 'starter-sim');
  });

  it('serves discovery that kubectl api-resources reads', async () => {
    const out = await ok(sim, ['api-resources']);
    for (const line of [
      'deployments',
      'horizontalpodautoscalers',
      'endpointslices',
      'clusterrolebindings',
      'apiservices',
      'persistentvolumeclaims',
    ])
      assert.match(out, new RegExp(`^${line}\\s`, 'm'));
    assert.match(out, /^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment/m);
  });

  it('lists the simulated nodes', async () => {
    const nodes = await json(sim, ['get', 'nodes']);
    assert.deepEqual(
      nodes.items.map((n: { metadata: { name: string } }) => n.metadata.name),
      ['sim-node-1', 'sim-node-2', 'sim-node-3'],
    );
  });

  it('applies a Namespace, ConfigMap, Deployment and Service server-side, and a second apply changes nothing', async () => {
    const all = docs(
      manifests.namespace('core'),
      manifests.configMap('core', 'cfg', 'one'),
      manifests.deployment('core', 'web'),
      manifests.service('core', 'web'),
    );
    const out = await ok(sim, ['apply', '--server-side', '-f', '-'], all);
    assert.match(out, /namespace\/core serverside-applied/);
    assert.match(out, /deployment.apps\/web serverside-applied/);
    const before = await json(sim, ['-n', 'core', 'get', 'configmap', 'cfg', '--show-managed-fields']);
    assert.equal(before.data.key, 'one');
    assert.equal(before.metadata.managedFields[0].manager, 'kubectl');
    assert.equal(before.metadata.managedFields[0].operation, 'Apply');
    assert.deepEqual(before.metadata.managedFields[0].fieldsV1, { 'f:data': { 'f:key': {} } });
    await ok(sim, ['apply', '--server-side', '-f', '-'], all);
    const again = await json(sim, ['-n', 'core', 'get', 'configmap', 'cfg', '--show-managed-fields']);
    assert.equal(again.metadata.resourceVersion, before.metadata.resourceVersion);
    const svc = await json(sim, ['-n', 'core', 'get', 'service', 'web']);
    assert.match(svc.spec.clusterIP, /^10\.96\./);
  });

  it('reports a 409 conflict between two field managers, and --force-conflicts takes ownership', async () => {
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(manifests.namespace('conf'), manifests.configMap('conf', 'c', 'one')),
    );
    const clash = await kubectl(
      sim,
      ['apply', '--server-side', '--field-manager=other', '-f', '-'],
      manifests.configMap('conf', 'c', 'two'),
    );
    assert.notEqual(clash.code, 0);
    assert.match(clash.stderr, /Apply failed with 1 conflict: conflict with "kubectl": \.data\.key/);
    const same = await kubectl(
      sim,
      ['apply', '--server-side', '--field-manager=other', '-f', '-'],
      manifests.configMap('conf', 'c', 'one'),
    );
    assert.equal(same.code, 0, 'applying the same value co-owns the field without conflict');
    await ok(
      sim,
      ['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-f', '-'],
      manifests.configMap('conf', 'c', 'three'),
    );
    const cm = await json(sim, ['-n', 'conf', 'get', 'cm', 'c', '--show-managed-fields']);
    assert.equal(cm.data.key, 'three');
    assert.deepEqual(
      cm.metadata.managedFields.map((m: { manager: string }) => m.manager),
      ['other'],
    );
  });

  it('stores nothing on --dry-run=server', async () => {
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.namespace('dry'));
    const out = await ok(
      sim,
      ['apply', '--server-side', '--dry-run=server', '-f', '-'],
      manifests.configMap('dry', 'ghost', 'x'),
    );
    assert.match(out, /configmap\/ghost serverside-applied \(server dry run\)/);
    const get = await kubectl(sim, ['-n', 'dry', 'get', 'cm', 'ghost']);
    assert.match(get.stderr, /configmaps "ghost" not found/);
    await ok(sim, ['-n', 'dry', 'delete', 'ns', 'dry', '--dry-run=server']);
    await ok(sim, ['get', 'ns', 'dry']);
  });

  it('rejects unknown fields (Strict), invalid values (422) and a missing namespace (404)', async () => {
    const strict = await kubectl(
      sim,
      ['apply', '--server-side', '-f', '-'],
      manifests.configMap('core', 'bad', 'x') + 'spec:\n  foo: 1\n',
    );
    assert.match(strict.stderr, /strict decoding error: unknown field "spec"/);
    const invalid = await kubectl(
      sim,
      ['apply', '--server-side', '-f', '-'],
      manifests.deployment('core', 'inv').replace('replicas: 2', 'replicas: "many"'),
    );
    assert.match(invalid.stderr, /The Deployment "inv" is invalid: spec\.replicas: Invalid value/);
    const missing = await kubectl(sim, ['apply', '--server-side', '-f', '-'], manifests.configMap('nowhere', 'c', 'x'));
    assert.match(missing.stderr, /namespaces "nowhere" not found/);
  });

  it('streams changes to kubectl get --watch', async () => {
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(manifests.namespace('watch'), manifests.configMap('watch', 'w', 'one')),
    );
    const w = stream(sim, [
      '-n',
      'watch',
      'get',
      'configmaps',
      '--watch',
      '-o',
      'jsonpath={.metadata.name}={.data.key}{"\\n"}',
    ]);
    try {
      await w.waitFor(/w=one/);
      await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.configMap('watch', 'w', 'two'));
      await w.waitFor(/w=two/);
    } finally {
      w.stop();
    }
  });

  it('turns objects leaving or entering a watched label selector into DELETED / ADDED', async () => {
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(manifests.namespace('sel'), manifests.configMap('sel', 's', 'x')),
    );
    await ok(sim, ['-n', 'sel', 'label', 'cm', 's', 'team=a']);
    const rv = (await json(sim, ['-n', 'sel', 'get', 'cm', 's'])).metadata.resourceVersion as string;
    await ok(sim, ['-n', 'sel', 'label', 'cm', 's', 'team=b', '--overwrite']);
    await ok(sim, ['-n', 'sel', 'label', 'cm', 's', 'team=a', '--overwrite']);
    const out = await ok(sim, [
      'get',
      '--raw',
      `/api/v1/namespaces/sel/configmaps?watch=1&labelSelector=team%3Da&resourceVersion=${rv}&timeoutSeconds=1`,
    ]);
    assert.deepEqual(
      out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).type),
      ['DELETED', 'ADDED'],
    );
  });

  it('removes fields a manager stops applying', async () => {
    const two = manifests.configMap('sel', 'ssa', 'x') + '  other: "two"\n';
    await ok(sim, ['apply', '--server-side', '-f', '-'], two);
    await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.configMap('sel', 'ssa', 'x'));
    assert.deepEqual((await json(sim, ['-n', 'sel', 'get', 'cm', 'ssa'])).data, { key: 'x' });
  });

  it('deletes, with garbage collection of owned objects', async () => {
    await ok(
      sim,
      ['apply', '--server-side', '-f', '-'],
      docs(manifests.namespace('del'), manifests.configMap('del', 'owner', 'x')),
    );
    const owner = await json(sim, ['-n', 'del', 'get', 'cm', 'owner']);
    const dependent = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'dep',
        namespace: 'del',
        ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid }],
      },
    };
    await ok(sim, ['create', '-f', '-'], JSON.stringify(dependent));
    const out = await ok(sim, ['-n', 'del', 'delete', 'cm', 'owner']);
    assert.match(out, /configmap "owner" deleted/);
    const left = await json(sim, ['-n', 'del', 'get', 'cm']);
    assert.deepEqual(left.items, []);
  });

  it('answers 401 for a wrong token', async () => {
    const r = await kubectl(sim, ['--token', 'not-the-token', 'get', 'pods']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /must be logged in to the server|Unauthorized/);
  });

  it('sends a 410 Gone ERROR event to a watch from an expired resourceVersion', async () => {
    sim.faults.goneOnNextWatch();
    const out = await ok(sim, [
      'get',
      '--raw',
      '/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1001&timeoutSeconds=2',
    ]);
    const event = JSON.parse(out.trim().split('\n')[0]!);
    assert.equal(event.type, 'ERROR');
    assert.equal(event.object.code, 410);
    assert.equal(event.object.reason, 'Expired');
    // kubectl get --watch starting from a fresh list keeps working afterwards.
    const list = await ok(sim, ['get', '--raw', '/api/v1/namespaces/default/configmaps']);
    assert.equal(JSON.parse(list).kind, 'ConfigMapList');
  });
});
