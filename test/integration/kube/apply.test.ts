import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyCommand } from '../../../src/cli/apply';
import {
  BASIC,
  captureIo,
  defaultStackFolder,
  INVALID,
  kubeconfigWithBadToken,
  stored,
  withSimulator,
  type Loose,
} from './harness';

const json = (io: { lines: string[] }): Loose => JSON.parse(io.lines.join('\n'));

describe('starter-stack apply against the cluster simulator', () => {
  it('creates every object, then a re-apply reports all unchanged', () =>
    withSimulator(async (sim) => {
      const first = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--output', 'json'], first), 0, first.text());
      const report = json(first);
      assert.equal(report.results.length, 7);
      assert.ok(
        report.results.every((r: Loose) => r.status === 'created'),
        first.text(),
      );
      assert.equal(stored(sim, 'ConfigMap', 'web-config', 'demo')?.data?.GREETING, 'hello');
      const managers = (stored(sim, 'Deployment', 'web', 'demo')?.metadata?.managedFields ?? []).map(
        (m: Loose) => m.manager,
      );
      assert.ok(managers.includes('starter-stack'), `field manager: ${managers.join(', ')}`);

      const again = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--output', 'json'], again), 0, again.text());
      assert.deepEqual(json(again).summary, {
        created: 0,
        configured: 0,
        unchanged: 7,
        failed: 0,
        conflict: 0,
        unknown: 0,
        skipped: 0,
      });
    }));

  it('a dry run changes nothing and shows diffs without Secret values', () =>
    withSimulator(async (sim) => {
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--dry-run'], io), 0, io.text());
      assert.equal(stored(sim, 'ConfigMap', 'web-config', 'demo'), undefined);
      assert.equal(stored(sim, 'Namespace', 'demo'), undefined);
      assert.match(io.text(), /Dry run \(nothing changed\): 7 objects: 7 created/);
      assert.match(io.text(), /\+\s+GREETING: hello/);
      assert.ok(
        !io.text().includes('s3cr3t-value') && !io.text().includes(Buffer.from('s3cr3t-value').toString('base64')),
        io.text(),
      );

      assert.equal(await applyCommand([BASIC], captureIo(sim.kubeconfigPath)), 0);
      const rv = stored(sim, 'ConfigMap', 'web-config', 'demo')?.metadata?.resourceVersion;
      const changed = copyWithGreeting(BASIC, 'bonjour');
      const dry = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([changed, '--dry-run', '--output', 'json'], dry), 0, dry.text());
      const report = json(dry);
      assert.deepEqual(
        report.summary,
        { created: 0, configured: 1, unchanged: 6, failed: 0, conflict: 0, unknown: 0, skipped: 0 },
        dry.text(),
      );
      const configured = report.results.find((r: Loose) => r.status === 'configured');
      assert.equal(configured.ref.name, 'web-config');
      assert.match(configured.diff, /^-\s+GREETING: hello$/m);
      assert.match(configured.diff, /^\+\s+GREETING: bonjour$/m);
      assert.equal(stored(sim, 'ConfigMap', 'web-config', 'demo')?.metadata?.resourceVersion, rv);
      assert.equal(stored(sim, 'ConfigMap', 'web-config', 'demo')?.data?.GREETING, 'hello');
    }));

  it('rejected credentials (401) name the context and stop at once', () =>
    withSimulator(async (sim) => {
      const io = captureIo(kubeconfigWithBadToken(sim));
      assert.equal(await applyCommand([BASIC], io), 1);
      assert.match(io.text(), /credentials for context starter-sim were rejected \(expired\?\)/);
      assert.match(io.text(), /skipped/);
      assert.equal(stored(sim, 'Namespace', 'demo'), undefined);
    }));

  it('an unreachable cluster is named by URL and context', () =>
    withSimulator(async (sim) => {
      sim.faults.down();
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC], io), 1);
      assert.match(
        io.text(),
        new RegExp(
          `cannot reach the cluster at ${sim.url.replace(/\./g, '\\.')} \\(context starter-sim\\): ECONNREFUSED`,
        ),
      );
      assert.match(io.text(), /0 of 7 objects applied, 1 failed, 0 unknown \(re-run to converge\), 6 not applied/);
    }));

  it('403 on one object names the verb, the resource and the namespace; the rest applies', () =>
    withSimulator(async (sim) => {
      sim.faults.respond({
        method: 'PATCH',
        path: '/api/v1/namespaces/demo/secrets/web-secret',
        status: 403,
        message:
          'secrets "web-secret" is forbidden: User "dev" cannot patch resource "secrets" in API group "" in the namespace "demo"',
      });
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC], io), 1);
      assert.match(
        io.text(),
        /failed +Secret demo\/web-secret — forbidden: cannot patch secrets "web-secret" in namespace "demo"/,
      );
      assert.match(io.text(), /7 objects: 6 created, 1 failed/);
      assert.ok(stored(sim, 'Ingress', 'web', 'demo'));
    }));

  it('a rejected object (422) is reported against its file and line', () =>
    withSimulator(async (sim) => {
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([INVALID], io), 1);
      assert.match(io.text(), /failed +Deployment default\/broken — 20-deployment\.yaml:8: .*replicas/);
      assert.ok(stored(sim, 'ConfigMap', 'fine', 'default'));
    }));

  it('when the API goes away mid-apply, the report lists what was and was not applied; a re-run completes', () =>
    withSimulator(async (sim) => {
      const io = captureIo(sim.kubeconfigPath, {
        onLine: (line) => line.includes('Namespace demo') && sim.faults.down(),
      });
      assert.equal(await applyCommand([BASIC], io), 1);
      assert.match(io.text(), /created +Namespace demo/);
      assert.match(io.text(), /cannot reach the cluster at https:\/\/127\.0\.0\.1:\d+ \(context starter-sim\)/);
      assert.match(
        io.text(),
        /1 of 7 objects applied, \d failed, \d unknown \(re-run to converge\), \d not applied\. Re-running apply is safe/,
      );
      sim.faults.up();
      const rerun = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC], rerun), 0, rerun.text());
      assert.match(rerun.text(), /unchanged +Namespace demo/);
    }));

  it('a field owned by another manager is a conflict until --force-conflicts', () =>
    withSimulator(async (sim) => {
      assert.equal(await applyCommand([BASIC], captureIo(sim.kubeconfigPath)), 0);
      await takeReplicas(sim.url, sim.kubeconfigPath);
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC], io), 1);
      assert.match(io.text(), /conflict +Deployment demo\/web — conflict: .*spec\.replicas.* owned by "other-tool"/);
      const forced = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([BASIC, '--force-conflicts'], forced), 0, forced.text());
      assert.match(forced.text(), /configured +Deployment demo\/web/);
      assert.equal(stored(sim, 'Deployment', 'web', 'demo')?.spec?.replicas, 2);
    }));

  it('a dry run names drift: the field another manager changed in the cluster, both values and who set it', () =>
    withSimulator(async (sim) => {
      assert.equal(await applyCommand([BASIC], captureIo(sim.kubeconfigPath)), 0);
      await takeReplicas(sim.url, sim.kubeconfigPath);
      const dry = captureIo(sim.kubeconfigPath);
      await applyCommand([BASIC, '--dry-run', '--output', 'json'], dry);
      const results = json(dry).results as Loose[];
      const web = results.find((r: Loose) => r.ref.kind === 'Deployment' && r.ref.name === 'web');
      assert.ok(web, dry.text());
      assert.deepEqual(
        web.drift.map((d: Loose) => [d.path, d.live, d.manager]),
        [['spec.replicas', 5, 'other-tool']],
        dry.text(),
      );
      const others = results.filter((r: Loose) => r !== web && r.drift !== undefined);
      assert.deepEqual(others, [], 'only the Deployment drifted');
    }));

  it('a manifest that is not UTF-8 is named with its byte offset and nothing is applied', () =>
    withSimulator(async (sim) => {
      const dir = mkdtempSync(join(tmpdir(), 'basic-'));
      cpSync(BASIC, dir, { recursive: true });
      const file = join(dir, '10-config.yaml');
      const bytes = readFileSync(file);
      const at = bytes.indexOf('hello');
      writeFileSync(
        file,
        Buffer.concat([
          bytes.subarray(0, at),
          Buffer.from([0x63, 0x61, 0x66, 0xe9]),
          bytes.subarray(at + 'hello'.length),
        ]),
      );
      const io = captureIo(sim.kubeconfigPath);
      assert.equal(await applyCommand([dir], io), 1);
      assert.match(
        io.text(),
        new RegExp(`starter-stack apply: 10-config\\.yaml:\\d+: not valid UTF-8 \\(byte offset ${at + 3}, 0xe9\\)`),
      );
      assert.equal(stored(sim, 'Namespace', 'demo'), undefined);
      assert.equal(stored(sim, 'ConfigMap', 'web-config', 'demo'), undefined);
    }));

  it('bad arguments exit 2 with one line naming the problem', async () => {
    const io = captureIo('/nonexistent');
    assert.equal(await applyCommand([BASIC, '--frobnicate'], io), 2);
    assert.match(io.errors[0] ?? '', /^starter-stack apply: unknown option --frobnicate$/m);
    assert.equal(await applyCommand([], captureIo('/nonexistent')), 2);
    assert.equal(await applyCommand([BASIC, '--output', 'yaml'], captureIo('/nonexistent')), 2);
  });

  it('applies the starter stack templates', () =>
    withSimulator(async (sim) => {
      const io = captureIo(sim.kubeconfigPath);
      const code = await applyCommand([defaultStackFolder(), '--output', 'json'], io);
      const report = json(io);
      const bad = report.results.filter((r: Loose) => !['created', 'configured', 'unchanged'].includes(r.status));
      assert.deepEqual(bad, [], io.text());
      assert.equal(code, 0);
      assert.ok(report.results.length > 10);
    }));
});

function copyWithGreeting(from: string, greeting: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'basic-'));
  cpSync(from, dir, { recursive: true });
  const file = join(dir, '10-config.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('GREETING: hello', `GREETING: ${greeting}`));
  return dir;
}

/** Another client (field manager `other-tool`) takes ownership of the Deployment's replicas. */
async function takeReplicas(url: string, kubeconfigPath: string): Promise<void> {
  const { openCluster } = await import('../../../src/kube/session');
  const session = await openCluster({ file: kubeconfigPath });
  assert.ok(session.ok);
  const answer = await session.value.client.send(
    {
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/demo/deployments/web',
      query: { fieldManager: 'other-tool', force: true },
      contentType: 'application/apply-patch+yaml',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'demo' },
        spec: { replicas: 5 },
      },
    },
    { verb: 'patch', plural: 'deployments', group: 'apps' },
  );
  session.value.dispose();
  assert.ok(answer.ok, `${url}: ${answer.ok ? '' : answer.error.message}`);
}
