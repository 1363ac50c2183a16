// The built CLI (dist/cli.js) as a user runs it, checked by the real tools on this machine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { loadManifests } from '../../../src/kube/manifests';
import type { KubeObject } from '../../../src/kube/objects';
import { requireTool, TOOLS } from '../../support/tools';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'starter-stack-generate-'));
const kubectl = (): string => requireTool(TOOLS.kubectl);

describe('starter-stack generate', () => {
  it('writes one file per component plus a kustomization listing them in apply order, and the credentials files', () => {
    const out = tempDir();
    const run = cli('generate', '--out', out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote 17 file\(s\)/);
    const kustomization = parse(readFileSync(join(out, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    assert.deepEqual(kustomization.resources.slice(0, 2), ['namespace.yaml', 'mongo.yaml']);
    const credentials = ['.gitignore', 'kustomization.yaml', 'secrets.env', 'secrets.env.example'];
    assert.deepEqual([...kustomization.resources, ...credentials].sort(), readdirSync(out).sort());
    assert.equal(statSync(join(out, 'secrets.env')).mode & 0o777, 0o600);
  });

  it('keeps every password in secrets.env: the real `kubectl kustomize` builds the Secret from it, as our apply does', async () => {
    const out = tempDir();
    assert.equal(cli('generate', '--out', out).code, 0);
    const env = readFileSync(join(out, 'secrets.env'), 'utf8');
    const passwords = env
      .split('\n')
      .filter((l) => /^[A-Z_]+=./.test(l))
      .map((l) => l.slice(l.indexOf('=') + 1));
    assert.equal(passwords.length, 4);
    for (const name of readdirSync(out).filter((n) => n !== 'secrets.env')) {
      const text = readFileSync(join(out, name), 'utf8');
      assert.ok(!passwords.some((p) => text.includes(p)), `${name} holds a password`);
    }
    const built = spawnSync(kubectl(), ['kustomize', out], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const theirs = parseAllDocuments(built.stdout)
      .map((d) => d.toJS() as KubeObject)
      .filter((o) => o.kind === 'Secret');
    const loaded = await loadManifests(out);
    assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
    const ours = loaded.value.map((e) => e.object).filter((o) => o.kind === 'Secret');
    assert.deepEqual(ours, theirs);
    const values = Object.values(theirs[0]!.data as Record<string, string>)
      .map((v) => Buffer.from(v, 'base64').toString())
      .sort();
    assert.deepEqual(values, [...passwords].sort());
    // Every reference to the Secret names a key it has.
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (typeof v !== 'object' || v === null) return;
      const ref = (v as { secretKeyRef?: { name: string; key: string } }).secretKeyRef;
      if (ref?.name === 'starter-stack-credentials') refs.push(ref.key);
      Object.values(v).forEach(walk);
    };
    parseAllDocuments(built.stdout).forEach((d) => walk(d.toJS()));
    assert.ok(refs.length >= 6, `${refs.length} references`);
    for (const key of refs) assert.ok(Object.hasOwn(theirs[0]!.data as object, key), key);
  });

  it('on a fresh clone (no secrets.env) kubectl cannot build; regenerating makes new passwords and warns about existing databases', () => {
    const out = tempDir();
    assert.equal(cli('generate', '--out', out).code, 0);
    unlinkSync(join(out, 'secrets.env'));
    assert.notEqual(spawnSync(kubectl(), ['kustomize', out], { encoding: 'utf8' }).status, 0);
    const again = cli('generate', '--out', out);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Wrote 1 file\(s\).*16 unchanged/);
    assert.match(again.stderr, /secrets\.env was missing .*A database that already holds data keeps its old password/);
    assert.equal(spawnSync(kubectl(), ['kustomize', out], { encoding: 'utf8' }).status, 0);
  });

  it('produces output that the real `kubectl kustomize` accepts', () => {
    const out = tempDir();
    assert.equal(cli('generate', '--out', out).code, 0);
    const built = spawnSync(kubectl(), ['kustomize', out], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const kinds = parseAllDocuments(built.stdout).map((d) => (d.toJS() as { kind: string }).kind);
    assert.ok(kinds.length > 40, `${kinds.length} objects`);
    for (const kind of [
      'Namespace',
      'Deployment',
      'DaemonSet',
      'Ingress',
      'HorizontalPodAutoscaler',
      'PersistentVolumeClaim',
    ])
      assert.ok(kinds.includes(kind), kind);
  });

  // Debian's Prometheus is built without Kubernetes service discovery, so promtool rejects the
  // kubernetes_sd_configs key itself. The test swaps each SD block for a static target and checks the rest
  // (jobs, relabelling rules and their regexes) for real, and checks the SD blocks' shape itself.
  it('writes a Prometheus configuration that the real `promtool check config` accepts', () => {
    const out = tempDir();
    assert.equal(cli('generate', '--out', out).code, 0);
    const configMap = parseAllDocuments(readFileSync(join(out, 'prometheus.yaml'), 'utf8'))
      .map((d) => d.toJS() as { kind: string; metadata: { name: string }; data: Record<string, string> })
      .find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'prometheus-config');
    const config = parse(configMap!.data['prometheus.yml']!) as { scrape_configs: Array<Record<string, unknown>> };
    const discovered = config.scrape_configs.filter((job) => job.kubernetes_sd_configs);
    assert.ok(discovered.length >= 2, 'pods and node-exporter are found by Kubernetes service discovery');
    for (const job of discovered) {
      const [sd] = job.kubernetes_sd_configs as Array<{ role: string; namespaces?: { own_namespace?: boolean } }>;
      assert.equal(sd!.role, 'pod', String(job.job_name));
      assert.equal(sd!.namespaces?.own_namespace, true, `${String(job.job_name)} stays in the stack's namespace`);
      delete job.kubernetes_sd_configs;
      job.static_configs = [{ targets: ['127.0.0.1:9100'] }];
    }
    const file = join(out, 'prometheus.yml');
    writeFileSync(file, stringify(config));
    const check = spawnSync(requireTool(TOOLS.promtool), ['check', 'config', '--syntax-only', file], {
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });

  it('refuses bad arguments with exit 2 and a message naming the option, writing nothing', () => {
    const out = tempDir();
    const badNamespace = cli('generate', '--out', out, '--namespace', 'Bad_NS');
    assert.equal(badNamespace.code, 2);
    assert.match(badNamespace.stderr, /namespace "Bad_NS"/);
    const unknownOption = cli('generate', '--out', out, '--colour', 'blue');
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /--colour/);
    const badComponent = cli('generate', '--out', out, '--components', 'node-api,redis');
    assert.equal(badComponent.code, 2);
    assert.match(badComponent.stderr, /unknown component "redis"/);
    assert.equal(cli('generate').code, 2);
    assert.deepEqual(readdirSync(out), []);
  });

  it('never overwrites a changed file without --force: lists it, exits 3, keeps the edit', () => {
    const out = tempDir();
    assert.equal(cli('generate', '--out', out).code, 0);
    const edited = join(out, 'frontend.yaml');
    const mine = `${readFileSync(edited, 'utf8')}# my change\n`;
    writeFileSync(edited, mine);
    const again = cli('generate', '--out', out);
    assert.equal(again.code, 3);
    assert.match(again.stderr, /frontend\.yaml/);
    assert.doesNotMatch(again.stderr, /mongo\.yaml/);
    assert.equal(readFileSync(edited, 'utf8'), mine);
    const forced = cli('generate', '--out', out, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.doesNotMatch(readFileSync(edited, 'utf8'), /my change/);
  });

  it('regenerating into its own output is a no-op that keeps the passwords', () => {
    const out = tempDir();
    assert.equal(cli('generate', '--out', out).code, 0);
    const before = readFileSync(join(out, 'mongo.yaml'), 'utf8');
    const secrets = readFileSync(join(out, 'secrets.env'), 'utf8');
    const again = cli('generate', '--out', out);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Wrote 0 file\(s\).*17 unchanged/);
    assert.equal(readFileSync(join(out, 'mongo.yaml'), 'utf8'), before);
    assert.equal(readFileSync(join(out, 'secrets.env'), 'utf8'), secrets);
  });

  it('gives two fresh folders different passwords', () => {
    const [a, b] = [tempDir(), tempDir()];
    assert.equal(cli('generate', '--out', a).code, 0);
    assert.equal(cli('generate', '--out', b).code, 0);
    assert.notEqual(readFileSync(join(a, 'secrets.env'), 'utf8'), readFileSync(join(b, 'secrets.env'), 'utf8'));
  });
});
