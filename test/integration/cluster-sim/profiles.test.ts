// The simulator's flavour profiles: fresh kind, minikube, Docker Desktop and k3d clusters as they ship, read with
// the real kubectl; strict image pulls, images loaded by the fake tools, and Docker Desktop's propagation refusal.
import { until } from '../../support/until';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { startClusterSimulator, type ClusterSimulator, type SimProfileName } from '../../../sim/index';
import { fakeClusterTools } from '../../support/fakeClusterTools';
import { json, kubectl, manifests, ok } from '../../support/simKubectl';

const withProfile = (profile: SimProfileName) => startClusterSimulator({ profile, timeScale: 0.02 });

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kubectl JSON, inspected loosely
type Loose = any;
const waiting = (pod: Loose): string | undefined => pod.status?.containerStatuses?.[0]?.state?.waiting?.reason;

describe('simulator profile: fresh flavours as they ship', () => {
  const sims: ClusterSimulator[] = [];
  after(async () => Promise.all(sims.map((s) => s.close())));
  const start = async (p: SimProfileName) => {
    const sim = await withProfile(p);
    sims.push(sim);
    return sim;
  };

  it('kind: context kind-kind, one containerd node with its providerID and only its system images, standard default StorageClass, no IngressClass or metrics API', async () => {
    const sim = await start('kind');
    assert.equal((await ok(sim, ['config', 'current-context'])).trim(), 'kind-kind');
    const nodes = await json(sim, ['get', 'nodes']);
    assert.equal(nodes.items.length, 1);
    const node = nodes.items[0];
    assert.equal(node.metadata.name, 'kind-control-plane');
    assert.equal(node.spec.providerID, 'kind://docker/kind/kind-control-plane');
    assert.match(node.status.nodeInfo.containerRuntimeVersion, /^containerd:\/\//);
    assert.equal(node.metadata.labels['starter-sim/test-double'], 'true', 'still labelled a simulator');
    const images: string[] = node.status.images.flatMap((i: Loose) => i.names);
    assert.ok(images.includes('docker.io/kindest/kindnetd:v20241212-9f82dd49'), images.join(' '));
    assert.ok(!images.some((i) => i.includes('starter-stack')), 'no app image on a fresh node');
    const sc = await json(sim, ['get', 'storageclass']);
    assert.deepEqual(
      sc.items.map((s: Loose) => [
        s.metadata.name,
        s.metadata.annotations['storageclass.kubernetes.io/is-default-class'],
      ]),
      [['standard', 'true']],
    );
    assert.equal((await json(sim, ['get', 'ingressclass'])).items.length, 0);
    assert.equal((await json(sim, ['get', 'apiservices'])).items.length, 0);
  });

  it('k3d ships traefik as the default IngressClass and local-path; minikube and Docker Desktop run docker', async () => {
    const k3d = await start('k3d');
    const ic = await json(k3d, ['get', 'ingressclass']);
    assert.deepEqual(
      ic.items.map((i: Loose) => [
        i.metadata.name,
        i.metadata.annotations['ingressclass.kubernetes.io/is-default-class'],
      ]),
      [['traefik', 'true']],
    );
    assert.deepEqual(
      (await json(k3d, ['get', 'storageclass'])).items.map((s: Loose) => s.metadata.name),
      ['local-path'],
    );
    assert.equal((await json(k3d, ['get', 'nodes'])).items[0].spec.providerID, 'k3s://k3d-k3s-default-server-0');
    const mk = await start('minikube');
    const node = (await json(mk, ['get', 'nodes'])).items[0];
    assert.equal(node.metadata.labels['minikube.k8s.io/name'], 'minikube');
    assert.match(node.status.nodeInfo.containerRuntimeVersion, /^docker:\/\//);
    const dd = await start('docker-desktop');
    assert.deepEqual(
      (await json(dd, ['get', 'storageclass'])).items.map((s: Loose) => s.metadata.name),
      ['hostpath'],
    );
  });

  it('kind: a public image runs, starter-stack/* fails ErrImagePull → ImagePullBackOff, and `kind load` (fake) lets it start', async () => {
    const sim = await start('kind');
    await ok(sim, ['apply', '-f', '-'], manifests.namespace('app'));
    await ok(sim, ['apply', '-f', '-'], manifests.deployment('app', 'public', { replicas: 1, image: 'postgres:16.4' }));
    await ok(
      sim,
      ['apply', '-f', '-'],
      manifests.deployment('app', 'ours', { replicas: 1, image: 'starter-stack/node-api:0.1.0' }),
    );
    const podOf = async (name: string) => (await json(sim, ['get', 'pods', '-n', 'app', '-l', `app=${name}`])).items[0];
    await until(async () => (await podOf('public'))?.status?.phase === 'Running', 'the public image to run', 10_000);
    const seen = new Set<string>();
    await until(
      async () => {
        const reason = waiting(await podOf('ours'));
        if (reason) seen.add(reason);
        return seen.has('ImagePullBackOff');
      },
      'ImagePullBackOff',
      10_000,
    );
    assert.ok(seen.has('ErrImagePull') || seen.has('ImagePullBackOff'));
    const events = await ok(sim, ['get', 'events', '-n', 'app']);
    assert.match(events, /pull access denied, repository does not exist/);
    // The node lists the public image it pulled, as a real kubelet does.
    const images: string[] = (await json(sim, ['get', 'nodes'])).items[0].status.images.flatMap((i: Loose) => i.names);
    assert.ok(images.includes('docker.io/library/postgres:16.4'));

    const tools = fakeClusterTools(sim);
    const loaded = await run(
      'kind',
      ['load', 'docker-image', 'starter-stack/node-api:0.1.0', '--name', 'kind'],
      tools.env,
    );
    assert.equal(loaded.code, 0, loaded.out);
    await ok(sim, ['delete', 'pods', '-n', 'app', '-l', 'app=ours']);
    await until(async () => (await podOf('ours'))?.status?.phase === 'Running', 'the loaded image to run', 10_000);
    assert.match(await ok(sim, ['get', 'events', '-n', 'app']), /already present on machine/);
  });

  it('the control endpoint needs the token and rejects what is not a list of image references', async () => {
    const sim = await start('kind');
    const tools = fakeClusterTools(sim);
    const wrong = await run('kind', ['load', 'docker-image', 'starter-stack/x:1', '--name', 'other'], tools.env);
    assert.notEqual(wrong.code, 0);
    assert.match(wrong.out, /no cluster named "other"/);
    const bad = await kubectl(
      sim,
      ['create', '--raw', '/starter-sim/v1/images/load', '-f', '-'],
      '{"images": "not-a-list"}',
    );
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /must be a list/);
  });

  it('Docker Desktop refuses HostToContainer propagation of hostPath / with the real message; the demo starts it', async () => {
    const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: default}
spec:
  selector: {matchLabels: {app: ne}}
  template:
    metadata: {labels: {app: ne}}
    spec:
      containers:
        - name: node-exporter
          image: prom/node-exporter:v1.8.2
          volumeMounts: [{name: root, mountPath: /host/root, readOnly: true, mountPropagation: HostToContainer}]
      volumes: [{name: root, hostPath: {path: /}}]
`;
    const dd = await start('docker-desktop');
    await ok(dd, ['apply', '-f', '-'], daemonSet);
    const pod = await until(
      async () =>
        (await json(dd, ['get', 'pods', '-l', 'app=ne'])).items.find((p: Loose) => waiting(p) === 'RunContainerError'),
      'RunContainerError',
      10_000,
    );
    assert.match(
      pod.status.containerStatuses[0].state.waiting.message,
      /path \/ is mounted on \/ but it is not a shared or slave mount/,
    );
    const demo = await start('demo');
    await ok(demo, ['apply', '-f', '-'], daemonSet);
    await until(
      async () =>
        (await json(demo, ['get', 'pods', '-l', 'app=ne'])).items.every((p: Loose) => p.status?.phase === 'Running') ||
        undefined,
      'the demo to run it',
      10_000,
    );
  });
});

describe('SelfSubjectAccessReview', () => {
  let sim: ClusterSimulator;
  before(async () => (sim = await withProfile('demo')));
  after(() => sim.close());

  it('answers allowed for the admin user, and denied (with a real 403 on the request) after denyAccess', async () => {
    assert.equal((await ok(sim, ['auth', 'can-i', 'create', 'deployments', '-n', 'starter'])).trim(), 'yes');
    sim.faults.denyAccess({ verb: 'create', resource: 'deployments', group: 'apps', namespace: 'starter' });
    const denied = await kubectl(sim, ['auth', 'can-i', 'create', 'deployments', '-n', 'starter']);
    assert.equal(denied.stdout.trim(), 'no');
    assert.equal((await ok(sim, ['auth', 'can-i', 'create', 'deployments', '-n', 'other'])).trim(), 'yes');
    await ok(sim, ['create', 'namespace', 'starter']);
    const refused = await kubectl(sim, ['apply', '-f', '-'], manifests.deployment('starter', 'web', { replicas: 1 }));
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /deployments.* is forbidden: User ".*" cannot (create|patch) resource "deployments"/);
  });
});
