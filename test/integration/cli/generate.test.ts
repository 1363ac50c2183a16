// The built CLI (dist/cli.js) as a user runs it, checked by the real tools on this machine.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { requireTool, TOOLS } from '../../support/tools';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'starter-stack-generate-'));

describe('starter-stack generate', () => {
  it('writes one file per component plus a kustomization listing them in apply order', () => {
    const out = tempDir();
    const run = cli('generate', '--out', out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Wrote 14 file\(s\)/);
    const kustomization = parse(readFileSync(join(out, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    assert.deepEqual(kustomization.resources.slice(0, 2), ['namespace.yaml', 'mongo.yaml']);
    assert.deepEqual([...kustomization.resources, 'kustomization.yaml'].sort(), readdirSync(out).sort());
  });

  it('produces output that the real `kubectl kustomize` accepts', () => {
    const out = tempDir();
    assert.equal(cli('generate', '--out', out).code, 0);
    const built = spawnSync(requireTool(TOOLS.kubectl), ['kustomize', out], { encoding: 'utf8' });
    assert.equal(built.status, 0, built.stderr);
    const kinds = parseAllDocuments(built.stdout).map((d) => (d.toJS() as { kind: string }).kind);
    assert.ok(kinds.length > 40, `${kinds.length} objects`);
    for (const kind of ['Namespace', 'Deployment', 'DaemonSet', 'Ingress', 'HorizontalPodAutoscaler', 'PersistentVolumeClaim']) assert.ok(kinds.includes(kind), kind);
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
    const check = spawnSync(requireTool(TOOLS.promtool), ['check', 'config', '--syntax-only', file], { encoding: 'utf8' });
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
    const again = cli('generate', '--out', out);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Wrote 0 file\(s\).*14 unchanged/);
    assert.equal(readFileSync(join(out, 'mongo.yaml'), 'utf8'), before);
  });

  it('gives two fresh folders different passwords', () => {
    const [a, b] = [tempDir(), tempDir()];
    assert.equal(cli('generate', '--out', a).code, 0);
    assert.equal(cli('generate', '--out', b).code, 0);
    assert.notEqual(readFileSync(join(a, 'mongo.yaml'), 'utf8'), readFileSync(join(b, 'mongo.yaml'), 'utf8'));
  });
});
