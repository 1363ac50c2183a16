// The first run on a fresh kind cluster (the simulator's kind profile), from the terminal: doctor says the app
// images are missing, `images build` + `images load` (fake docker and kind on PATH, loading through the
// simulator's control endpoint) put them on the node, doctor is satisfied, and `apply --wait` gets a ready stack.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim';
import { main } from '../../../src/cli';
import { fakeClusterTools, type FakeClusterTools } from '../../support/fakeClusterTools';
import { captureIo } from '../kube/harness';

describe('first run on a fresh kind cluster (simulator profile) from the CLI', () => {
  let sim: ClusterSimulator;
  let tools: FakeClusterTools;
  let project: string;
  before(async () => {
    sim = await startClusterSimulator({ profile: 'kind', timeScale: 0.05 });
    tools = fakeClusterTools(sim);
    project = join(mkdtempSync(join(tmpdir(), 'starter-first-run-')), 'shop');
    const io = captureIo(sim.kubeconfigPath);
    assert.equal(await main(['scaffold', '--out', project], io), 0, io.text());
  });
  after(() => sim.close());

  const run = async (argv: string[]) => {
    const io = { ...captureIo(sim.kubeconfigPath), env: tools.env };
    const lines: string[] = [];
    const code = await main(argv, { ...io, out: (l) => lines.push(l), err: (l) => lines.push(l) });
    return { code, text: lines.join('\n') };
  };

  it('doctor → images build → images load → doctor → apply --wait: ready', { timeout: 240_000 }, async () => {
    const k8s = join(project, 'k8s');
    const before = await run(['doctor', k8s, '-n', 'starter']);
    assert.equal(before.code, 1, before.text);
    assert.match(before.text, /BLOCKER app-images: 4 of the stack's images are not on the kind node/);

    const built = await run(['images', 'build', '--dir', project]);
    assert.equal(built.code, 0, built.text);
    const loaded = await run(['images', 'load', '--dir', project]);
    assert.equal(loaded.code, 0, loaded.text);
    assert.match(loaded.text, /Loaded 4 image\(s\) into kind cluster kind/);
    assert.equal(
      tools.calls().filter((c) => c.startsWith('kind load docker-image starter-stack/')).length,
      4,
      tools.calls().join('\n'),
    );

    const after = await run(['doctor', k8s, '-n', 'starter']);
    assert.match(after.text, /ok +app-images: All 4 of the stack's images are on every node/);
    assert.equal(after.code, 0, after.text);

    const applied = await run(['apply', k8s, '--namespace', 'starter', '--wait', '--timeout', '180']);
    assert.equal(applied.code, 0, applied.text);
  });
});
