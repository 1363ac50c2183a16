import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeUtf8, loadManifests, parseManifestText, splitFieldPath } from '../../../src/kube/manifests';

const folder = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'manifests-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
};
const cm = (name: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

describe('loadManifests', () => {
  it('reads *.yaml and *.yml sorted by name, then sub-folders, with 1-based document lines', async () => {
    const dir = folder({
      'b.yml': cm('b'),
      'a.yaml': `# comment\n${cm('a1')}---\n${cm('a2')}`,
      'notes.txt': 'x',
      'sub/c.yaml': cm('c'),
    });
    const loaded = await loadManifests(dir);
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    assert.deepEqual(
      loaded.value.map((e) => [e.object.metadata.name, e.file, e.line]),
      [
        ['a1', 'a.yaml', 2],
        ['a2', 'a.yaml', 7],
        ['b', 'b.yml', 1],
        ['c', join('sub', 'c.yaml'), 1],
      ],
    );
  });

  it('follows kustomization.yaml resources in their order', async () => {
    const dir = folder({
      'kustomization.yaml': 'resources:\n  - z.yaml\n  - a.yaml\n',
      'a.yaml': cm('a'),
      'z.yaml': cm('z'),
      'ignored.yaml': cm('i'),
    });
    const loaded = await loadManifests(dir);
    assert.ok(loaded.ok);
    assert.deepEqual(
      loaded.value.map((e) => e.object.metadata.name),
      ['z', 'a'],
    );
  });

  it('loads a folder of more files than the open-file limit allows at once, in name order', () => {
    const files = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`cm-${String(i).padStart(3, '0')}.yaml`, cm(`c${i}`)]),
    );
    const dir = folder(files);
    const script = join(dir, 'load.ts');
    writeFileSync(
      script,
      `import { loadManifests } from ${JSON.stringify(join(__dirname, '../../../src/kube/manifests'))};\n` +
        `loadManifests(${JSON.stringify(dir)}).then((r) => console.log(r.ok ? r.value.map((e) => e.object.metadata.name).join(' ') : r.error));\n`,
    );
    // 128 descriptors: reading all 400 files at once ran out of them (EMFILE) before any was closed.
    const run = spawnSync('bash', ['-c', 'ulimit -n 128 && exec "$0" --import tsx "$1"', process.execPath, script], {
      encoding: 'utf8',
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), Array.from({ length: 400 }, (_, i) => `c${i}`).join(' '));
  });

  it('names the file and line of a YAML error', async () => {
    const dir = folder({ 'bad.yaml': `${cm('ok')}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n` });
    const loaded = await loadManifests(dir);
    assert.ok(!loaded.ok);
    assert.match(loaded.error, /^bad\.yaml:\d+:\d+: YAML error: [a-z]/);
    assert.ok(Number(/^bad\.yaml:(\d+)/.exec(loaded.error)?.[1]) >= 6, loaded.error);
  });

  it('names the file and line of a document that is not an object', () => {
    const parsed = parseManifestText(`${cm('ok')}---\nkind: ConfigMap\nmetadata:\n  name: x\n`, 'f.yaml');
    assert.deepEqual(parsed, { ok: false, error: 'f.yaml:6: object has no apiVersion' });
  });

  it('reports a missing kustomization resource', async () => {
    const loaded = await loadManifests(folder({ 'kustomization.yaml': 'resources: [gone.yaml]\n' }));
    assert.ok(!loaded.ok);
    assert.match(loaded.error, /resource "gone\.yaml" does not exist/);
  });

  it('finds the line of a field the server names', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x\n';
    const parsed = parseManifestText(text, 'd.yaml');
    assert.ok(parsed.ok);
    const entry = parsed.value[0]!;
    assert.equal(entry.lineOf?.('spec.replicas'), 6);
    assert.equal(entry.lineOf?.('spec.template.spec.containers[0].image'), 11);
    assert.equal(entry.lineOf?.('spec.template.spec.containers[0].notThere'), 10);
    assert.deepEqual(splitFieldPath('.spec.containers[0].ports[12].name'), [
      'spec',
      'containers',
      0,
      'ports',
      12,
      'name',
    ]);
  });
});

describe('loadManifests with a secretGenerator', () => {
  const KUSTOMIZATION = [
    'resources:',
    '  - a.yaml',
    'generatorOptions:',
    '  disableNameSuffixHash: true',
    'secretGenerator:',
    '  - name: creds',
    '    namespace: shop',
    '    envs: [secrets.env]',
    '',
  ].join('\n');

  it('adds the generated Secret after the resources, pointing at its generator entry', async () => {
    const dir = folder({ 'kustomization.yaml': KUSTOMIZATION, 'a.yaml': cm('a'), 'secrets.env': 'PASSWORD=s3cret\n' });
    const loaded = await loadManifests(dir);
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    const secret = loaded.value[1]!;
    assert.deepEqual(
      [secret.object.kind, secret.object.metadata.name, secret.object.metadata.namespace, secret.file, secret.line],
      ['Secret', 'creds', 'shop', 'kustomization.yaml', 6],
    );
    assert.deepEqual(secret.object.data, { PASSWORD: Buffer.from('s3cret').toString('base64') });
  });

  it('on a fresh clone (no secrets.env, its example committed) refuses unless asked to create it', async () => {
    const dir = folder({
      'kustomization.yaml': KUSTOMIZATION,
      'a.yaml': cm('a'),
      'secrets.env.example': '# keys only\nPASSWORD=\nTOKEN=\n',
    });
    const refused = await loadManifests(dir);
    assert.ok(!refused.ok);
    assert.match(refused.error, /secrets\.env does not exist \(it is kept out of git\)/);
    assert.ok(!existsSync(join(dir, 'secrets.env')), 'nothing written without createMissingSecrets');
  });

  it("creates a missing secrets.env (mode 0600) with new values for the example's keys, and says a database keeps its old password", async () => {
    const dir = folder({
      'kustomization.yaml': KUSTOMIZATION,
      'a.yaml': cm('a'),
      'secrets.env.example': 'PASSWORD=\nTOKEN=\n',
    });
    const notes: string[] = [];
    const loaded = await loadManifests(dir, { createMissingSecrets: true, onNote: (n) => notes.push(n) });
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    const env = readFileSync(join(dir, 'secrets.env'), 'utf8');
    const values = Object.fromEntries(
      env
        .split('\n')
        .filter((l) => /^[A-Z]+=/.test(l))
        .map((l) => l.split('=', 2) as [string, string]),
    );
    assert.deepEqual(Object.keys(values), ['PASSWORD', 'TOKEN']);
    assert.ok(
      Object.values(values).every((v) => v.length >= 32),
      'random values',
    );
    assert.equal(statSync(join(dir, 'secrets.env')).mode & 0o777, 0o600);
    assert.equal(notes.length, 1);
    assert.match(
      notes[0]!,
      /secrets\.env was missing.*new passwords.*A database that already holds data keeps its old password/,
    );
    assert.ok(!Object.values(values).some((v) => notes[0]!.includes(v)), 'the note carries no value');
    const secret = loaded.value.find((e) => e.object.kind === 'Secret')!;
    assert.equal(
      Buffer.from((secret.object.data as Record<string, string>).PASSWORD!, 'base64').toString(),
      values.PASSWORD,
    );
    const again = await loadManifests(dir, { createMissingSecrets: true, onNote: (n) => notes.push(n) });
    assert.ok(again.ok);
    assert.equal(readFileSync(join(dir, 'secrets.env'), 'utf8'), env, 'an existing secrets.env is never replaced');
    assert.equal(notes.length, 1);
  });

  it('names a bad line of secrets.env without printing it', async () => {
    const dir = folder({
      'kustomization.yaml': KUSTOMIZATION,
      'a.yaml': cm('a'),
      'secrets.env': 'OK=1\nnot a line hunter2\n',
    });
    const loaded = await loadManifests(dir);
    assert.ok(!loaded.ok);
    assert.match(loaded.error, /secrets\.env:2: not a KEY=value line/);
    assert.doesNotMatch(loaded.error, /hunter2/);
  });
});

describe('manifests that are not UTF-8', () => {
  const configMap = (value: Buffer): Buffer =>
    Buffer.concat([
      Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  GREETING: '),
      value,
      Buffer.from('\n'),
    ]);
  const prefix = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  GREETING: '.length;

  it('are refused with the file, line and byte offset, instead of applying U+FFFD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifests-'));
    writeFileSync(join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: fine\n');
    writeFileSync(join(dir, 'b.yaml'), configMap(Buffer.from([0x63, 0x61, 0x66, 0xe9]))); // "café" in Latin-1
    const loaded = await loadManifests(dir);
    assert.ok(!loaded.ok);
    assert.equal(
      loaded.error,
      `b.yaml:6: not valid UTF-8 (byte offset ${prefix + 3}, 0xe9); nothing was applied: save the file as UTF-8`,
    );
  });

  it('point at the first byte of a bad sequence, also one that starts like U+FFFD', () => {
    const cases: Array<[number[], number]> = [
      [[0xe2, 0x82], 0], // truncated three-byte sequence
      [[0xef, 0xbf, 0x41], 0], // starts like EF BF BD, then breaks off
      [[0xef, 0xbf, 0xbd, 0x80], 3], // a real U+FFFD, then a stray continuation byte
      [[0xc0, 0xaf], 0], // overlong "/"
    ];
    for (const [bytes, at] of cases) {
      const decoded = decodeUtf8(configMap(Buffer.from(bytes)), 'x.yaml');
      assert.ok(!decoded.ok, bytes.join(' '));
      assert.match(decoded.error, new RegExp(`byte offset ${prefix + at},`), bytes.join(' '));
    }
    assert.ok(decodeUtf8(configMap(Buffer.from('✓ ok', 'utf8')), 'x.yaml').ok);
  });
});
