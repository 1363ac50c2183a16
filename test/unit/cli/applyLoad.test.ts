// What `starter-stack apply` loads: the `yaml` library only when a manifest or a diff needs it (see src/util/yamlLib.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..', '..');

/** Loads apply's code and the folder's manifests in a fresh process: how many objects, and whether `yaml` ran. */
function loadInFreshProcess(dir: string): { objects: number; yamlLoaded: boolean } {
  const script = join(mkdtempSync(join(tmpdir(), 'apply-load-')), 'load.ts');
  writeFileSync(
    script,
    `import ${JSON.stringify(join(ROOT, 'src/cli/apply'))};
import { loadManifests } from ${JSON.stringify(join(ROOT, 'src/kube/manifests'))};
loadManifests(${JSON.stringify(dir)}).then((r) => {
  const yamlLoaded = Object.keys(require.cache).some((p) => /[\\\\/]node_modules[\\\\/]yaml[\\\\/]/.test(p));
  console.log(JSON.stringify({ objects: r.ok ? r.value.length : r.error, yamlLoaded }));
});
`,
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as { objects: number; yamlLoaded: boolean };
}

describe('apply start-up', () => {
  it("reads the stack's manifests without loading the yaml library", () => {
    const loaded = loadInFreshProcess(join(ROOT, 'templates', 'manifests'));
    assert.ok(loaded.objects > 40, `objects: ${loaded.objects}`);
    assert.equal(loaded.yamlLoaded, false);
  });

  it('loads it for a manifest the fast reader leaves to it (an alias)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'apply-load-alias-'));
    writeFileSync(
      join(dir, 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: &l\n    app: x\n  annotations: *l\n',
    );
    assert.deepEqual(loadInFreshProcess(dir), { objects: 1, yamlLoaded: true });
  });
});
