// `starter-stack doctor` against each simulator profile (fresh flavour clusters), an unreachable server and a
// user denied access: the verdicts, the flavour-specific fixes, the JSON shape and the exit codes.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startClusterSimulator, type ClusterSimulator, type SimProfileName } from '../../../sim';
import { main } from '../../../src/cli';
import { ok } from '../../support/simKubectl';
import { captureIo } from '../kube/harness';

interface DoctorJson {
  cluster: { context: string; flavour: string; server: string; version?: string };
  checks: Array<{ id: string; status: 'ok' | 'warn' | 'blocker'; message: string; fix?: string }>;
}

let stackDir: string;
before(async () => {
  stackDir = join(mkdtempSync(join(tmpdir(), 'starter-doctor-')), 'k8s');
  const io = captureIo('/nonexistent');
  assert.equal(await main(['generate', '--out', stackDir], io), 0, io.text());
});

async function doctor(
  sim: ClusterSimulator,
  extra: string[] = [],
): Promise<{ code: number; json: DoctorJson; text: string }> {
  const io = captureIo(sim.kubeconfigPath);
  const code = await main(['doctor', stackDir, '--namespace', 'starter', '--output', 'json', ...extra], io);
  return { code, json: JSON.parse(io.lines.join('\n')) as DoctorJson, text: io.text() };
}

const byId = (json: DoctorJson) => Object.fromEntries(json.checks.map((c) => [c.id, c]));
const IDS = [
  'reachable',
  'permissions',
  'app-images',
  'ingress-class',
  'ingress-host',
  'metrics-server',
  'storage-class',
  'api-versions',
];

describe('starter-stack doctor on each simulator profile', () => {
  const sims = new Map<SimProfileName, ClusterSimulator>();
  before(async () => {
    for (const p of ['demo', 'kind', 'minikube', 'docker-desktop', 'k3d'] as const)
      sims.set(p, await startClusterSimulator({ profile: p, timeScale: 0.05 }));
  });
  after(async () => Promise.all([...sims.values()].map((s) => s.close())));

  it('prints exactly {cluster:{context,flavour,server,version}, checks:[{id,status,message,fix}]}, and every non-ok check has a fix', async () => {
    const { json } = await doctor(sims.get('kind')!);
    assert.deepEqual(Object.keys(json).sort(), ['checks', 'cluster']);
    assert.deepEqual(Object.keys(json.cluster).sort(), ['context', 'flavour', 'server', 'version']);
    assert.deepEqual(
      json.checks.map((c) => c.id),
      IDS,
    );
    for (const c of json.checks) {
      assert.deepEqual(
        Object.keys(c).filter((k) => !['id', 'status', 'message', 'fix'].includes(k)),
        [],
        `${c.id} has only the documented keys`,
      );
      if (c.status !== 'ok') assert.ok(c.fix && c.fix.length > 10, `${c.id} (${c.status}) carries a fix`);
    }
  });

  it('kind: blocker on the missing app images with Build and Load Images via kind load; no ingress controller; metrics-server missing; standard is the default', async () => {
    const { code, json } = await doctor(sims.get('kind')!);
    assert.equal(code, 1, 'a blocker exits 1');
    assert.equal(json.cluster.context, 'kind-kind');
    assert.equal(json.cluster.flavour, 'kind');
    const c = byId(json);
    assert.equal(c['reachable']!.status, 'ok');
    assert.equal(c['permissions']!.status, 'ok');
    assert.equal(c['app-images']!.status, 'blocker');
    assert.match(c['app-images']!.message, /starter-stack\/node-api:0\.1\.0/);
    assert.match(c['app-images']!.fix!, /Build and Load Images.*kind load docker-image/);
    assert.equal(c['ingress-class']!.status, 'warn');
    assert.match(c['ingress-class']!.fix!, /ingress-nginx for kind.*extraPortMappings/);
    assert.equal(c['metrics-server']!.status, 'warn');
    assert.match(c['metrics-server']!.fix!, /metrics-server component/);
    assert.equal(c['storage-class']!.status, 'ok');
    assert.match(c['storage-class']!.message, /standard/);
    assert.equal(c['api-versions']!.status, 'ok');
  });

  it('kind after the images are loaded: no blocker, exit 0', async () => {
    const sim = await startClusterSimulator({ profile: 'kind', timeScale: 0.05 });
    try {
      sim.loadImages(['node-api', 'fastapi', 'go-api', 'frontend'].map((s) => `starter-stack/${s}:0.1.0`));
      const { code, json } = await doctor(sim);
      assert.equal(byId(json)['app-images']!.status, 'ok');
      assert.equal(code, 0);
    } finally {
      await sim.close();
    }
  });

  it('minikube: minikube image load, minikube addons enable ingress / metrics-server, and the node IP for the host', async () => {
    const { json } = await doctor(sims.get('minikube')!);
    const c = byId(json);
    assert.equal(json.cluster.flavour, 'minikube');
    assert.match(c['app-images']!.fix!, /minikube image load/);
    assert.match(c['ingress-class']!.fix!, /minikube addons enable ingress/);
    assert.match(c['metrics-server']!.fix!, /minikube addons enable metrics-server/);
    assert.equal(c['ingress-host']!.status, 'warn');
    assert.match(c['ingress-host']!.fix!, /minikube tunnel.*192\.168\.49\.2\.nip\.io/);
  });

  it('Docker Desktop: building is enough; ingress-nginx; the host reaches localhost; hostpath', async () => {
    const { json } = await doctor(sims.get('docker-desktop')!);
    const c = byId(json);
    assert.equal(json.cluster.flavour, 'docker-desktop');
    assert.equal(c['app-images']!.status, 'blocker');
    assert.match(c['app-images']!.fix!, /building is enough/);
    assert.match(c['ingress-class']!.fix!, /ingress-nginx/);
    assert.equal(c['ingress-host']!.status, 'ok');
    assert.match(c['storage-class']!.message, /hostpath/);
  });

  it('k3d: traefik is the default IngressClass, local-path the StorageClass, images via k3d image import', async () => {
    const { json } = await doctor(sims.get('k3d')!);
    const c = byId(json);
    assert.equal(json.cluster.flavour, 'k3d');
    assert.equal(c['ingress-class']!.status, 'ok');
    assert.match(c['ingress-class']!.message, /traefik/);
    assert.match(c['storage-class']!.message, /local-path/);
    assert.match(c['app-images']!.fix!, /k3d image import/);
  });

  it('demo: no blockers (its nodes have the stack images), exit 0, and the text says it is the simulator', async () => {
    const sim = sims.get('demo')!;
    const { code, json } = await doctor(sim);
    assert.equal(code, 0);
    assert.ok(
      json.checks.every((c) => c.status !== 'blocker'),
      JSON.stringify(json.checks),
    );
    const io = captureIo(sim.kubeconfigPath);
    assert.equal(await main(['doctor', stackDir, '-n', 'starter'], io), 0);
    assert.match(io.text(), /starter-sim simulator, not a real cluster/);
    assert.match(io.text(), /No blockers/);
  });

  it("kind without its StorageClass: a blocker naming the PVCs, with kind's way back", async () => {
    const sim = await startClusterSimulator({ profile: 'kind', timeScale: 0.05 });
    try {
      await ok(sim, ['delete', 'storageclass', 'standard']);
      const { code, json } = await doctor(sim);
      const c = byId(json)['storage-class']!;
      assert.equal(code, 1);
      assert.equal(c.status, 'blocker');
      assert.match(c.message, /PVC\(s\) name no StorageClass and the cluster has no default one/);
      assert.match(c.fix!, /kind ships the default StorageClass `standard`/);
    } finally {
      await sim.close();
    }
  });
});

describe('starter-stack doctor when the cluster says no', () => {
  let sim: ClusterSimulator;
  before(async () => (sim = await startClusterSimulator({ profile: 'kind', timeScale: 0.05 })));
  after(() => sim.close());

  it('RBAC-denied: permissions is a blocker naming verb, resource and namespace', async () => {
    sim.faults.denyAccess({ verb: 'create', resource: 'deployments', group: 'apps', namespace: 'starter' });
    sim.faults.denyAccess({ verb: 'patch', resource: 'clusterroles', group: 'rbac.authorization.k8s.io' });
    try {
      const { code, json } = await doctor(sim);
      const p = byId(json)['permissions']!;
      assert.equal(code, 1);
      assert.equal(p.status, 'blocker');
      assert.match(p.message, /create deployments\.apps in starter/);
      assert.match(p.message, /patch clusterroles\.rbac\.authorization\.k8s\.io \(cluster-wide\)/);
      assert.match(p.fix!, /context kind created/);
    } finally {
      sim.faults.clear();
    }
  });

  it("unreachable: only `reachable`, a blocker with the flavour's way to start it; exit 1", async () => {
    sim.faults.down();
    try {
      const { code, json } = await doctor(sim);
      assert.equal(code, 1);
      assert.deepEqual(
        json.checks.map((c) => [c.id, c.status]),
        [['reachable', 'blocker']],
      );
      assert.match(json.checks[0]!.fix!, /docker start kind-control-plane/);
      assert.equal(json.cluster.flavour, 'kind', 'named from the context when the server does not answer');
    } finally {
      sim.faults.up();
    }
  });

  it('bad arguments exit 2 with one line naming the problem', async () => {
    const io = captureIo(sim.kubeconfigPath);
    assert.equal(await main(['doctor', stackDir, '--output', 'yaml'], io), 2);
    assert.match(io.errors.join('\n'), /--output must be text or json, got "yaml"/);
    const io2 = captureIo(sim.kubeconfigPath);
    assert.equal(await main(['doctor', '--bogus'], io2), 2);
    assert.match(io2.errors[0]!, /Unknown option '--bogus'|unknown option/i);
    const io3 = captureIo(sim.kubeconfigPath);
    assert.equal(await main(['doctor', join(stackDir, 'nope')], io3), 2);
  });
});
