// `starter-stack lint` in-process (the subcommand's module), and through dist/cli.js once the dispatcher lists it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli';
import { generateCommand } from '../../../src/cli/generate';
import { UsageError, type CliIo } from '../../../src/cli/io';
import { lintCommand } from '../../../src/cli/lint';

const FIXTURES = join(__dirname, '../../fixtures/lint');
const CLI = join(__dirname, '../../../dist/cli.js');

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {} };
  return { io: value, out, err };
}

async function run(cwd: string, ...args: string[]) {
  const captured = io(cwd);
  const code = await lintCommand(args, captured.io);
  return { code, ...captured };
}

describe('starter-stack lint', () => {
  it('exits 0 on the generated stack (a folder), printing JSON records', async () => {
    const out = mkdtempSync(join(tmpdir(), 'starter-stack-lint-'));
    assert.equal(await generateCommand(['--out', out, '--metrics-server'], io(out).io), 0);
    const result = await run(out, '.', '--format', 'json');
    assert.equal(result.code, 0, result.out.join('\n'));
    const records = JSON.parse(result.out.join('\n')) as { severity: string }[];
    assert.deepEqual(
      records.filter((r) => r.severity !== 'info'),
      [],
    );
  });

  it('exits 1 on an error finding, with 1-based positions in the JSON', async () => {
    const result = await run(FIXTURES, 'probe-port/fires.yaml', '--format', 'json');
    assert.equal(result.code, 1);
    const records = JSON.parse(result.out.join('\n')) as Record<string, unknown>[];
    assert.deepEqual(
      records.find((r) => r.rule === 'probe-port'),
      {
        file: 'probe-port/fires.yaml',
        line: 18,
        column: 17,
        endLine: 18,
        endColumn: 21,
        severity: 'error',
        rule: 'probe-port',
        message: 'Probe port "htpp" is not a port of container "web" (declared: http). Did you mean "http"?',
      },
    );
  });

  it('exits 0 when only warnings remain, and --rule turns a rule off or up', async () => {
    assert.equal((await run(FIXTURES, 'image-tag/fires.yaml')).code, 0);
    assert.equal((await run(FIXTURES, 'image-tag/fires.yaml', '--rule', 'image-tag=error')).code, 1);
    assert.equal((await run(FIXTURES, 'probe-port/fires.yaml', '--rule', 'probe-port=off')).code, 0);
  });

  it('prints text and SARIF', async () => {
    const text = await run(FIXTURES, 'probe-port/fires.yaml');
    assert.ok(
      text.out.some((l) => /^probe-port\/fires\.yaml:18:17: error Probe port "htpp" .* \[probe-port\]$/.test(l)),
      text.out.join('\n'),
    );
    assert.match(text.out.at(-1) ?? '', /^1 error\(s\), \d+ warning\(s\), \d+ info$/);
    const sarif = JSON.parse((await run(FIXTURES, 'probe-port/fires.yaml', '--format', 'sarif')).out.join('\n')) as {
      version: string;
      runs: { results: { ruleId: string }[] }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]?.results.some((r) => r.ruleId === 'probe-port'));
  });

  it('checks folders for Kubernetes-looking YAML only, but lints a named file as given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-stack-lint-'));
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web:\n    image: nginx\n');
    writeFileSync(join(dir, 'broken.yml'), 'apiVersion: v1\nkind: ConfigMap\ndata: [\n');
    const result = await run(dir, dir, '--format', 'json');
    assert.deepEqual(
      (JSON.parse(result.out.join('')) as { file: string; rule: string }[]).map((r) => [r.file, r.rule]),
      [['broken.yml', 'yaml-syntax']],
    );
  });

  it('refuses bad arguments with a UsageError (the dispatcher exits 2)', async () => {
    await assert.rejects(run(FIXTURES), UsageError);
    await assert.rejects(run(FIXTURES, '.', '--format', 'xml'), UsageError);
    await assert.rejects(run(FIXTURES, 'nope.yaml'), UsageError);
    await assert.rejects(run(FIXTURES, '.', '--rule', 'image-tag=loud'), UsageError);
  });

  it('runs from dist/cli.js with exit codes 0, 1 and 2', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'lint', ...args], { cwd: FIXTURES, encoding: 'utf8' }).status;
    assert.equal(cli('probe-missing/clean.yaml'), 0);
    assert.equal(cli('probe-port/fires.yaml', '--format', 'json'), 1);
    assert.equal(cli('--format', 'json'), 2);
    assert.ok(
      readFileSync(join(CLI, '..', 'cli-lint.js'), 'utf8').includes('IoK8sApiAppsV1Deployment'),
      'the validators are bundled in the lint subcommand',
    );
  });

  it("keeps V8's compiled code of the lint bundle between runs, and findings never depend on the cache", () => {
    const cache = mkdtempSync(join(tmpdir(), 'starter-stack-code-cache-'));
    try {
      const lint = (env: Record<string, string>) =>
        spawnSync(process.execPath, [CLI, 'lint', '.', '--format', 'json'], {
          cwd: FIXTURES,
          encoding: 'utf8',
          env: { ...process.env, ...env },
        });
      const plain = lint({ STARTER_STACK_CODE_CACHE: 'off' });
      assert.equal(plain.status, 1, plain.stderr);
      const cold = lint({ STARTER_STACK_CODE_CACHE: cache });
      const files = readdirSync(cache);
      assert.equal(files.length, 1, `one cache file after the first run: ${files.join(', ')}`);
      assert.match(files[0] ?? '', /^cli-lint\.js-\d+-\d+-v[\d.]+\.v8cache$/);
      const warm = lint({ STARTER_STACK_CODE_CACHE: cache });
      // A damaged cache is rejected by V8 and written again; the run is as without one.
      writeFileSync(join(cache, files[0] ?? ''), 'not a code cache');
      const damaged = lint({ STARTER_STACK_CODE_CACHE: cache });
      for (const run of [cold, warm, damaged]) {
        assert.equal(run.status, plain.status, run.stderr);
        assert.equal(run.stdout, plain.stdout);
        assert.equal(run.stderr, plain.stderr);
      }
      assert.ok(readFileSync(join(cache, files[0] ?? '')).length > 1000, 'the damaged cache was written again');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('lints a manifest whose kind and keys are named like Object members, and refuses such a subcommand, without crashing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-stack-lint-'));
    writeFileSync(
      join(dir, 'odd.yaml'),
      'apiVersion: v1\nkind: constructor\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: b\n  toString: x\n',
    );
    const lint = spawnSync(process.execPath, [CLI, 'lint', 'odd.yaml', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(lint.status, 1, lint.stderr);
    assert.doesNotMatch(lint.stderr, /unexpected error|failed:/);
    const records = JSON.parse(lint.stdout) as { rule: string; line: number; message: string }[];
    assert.ok(
      records.some((r) => r.rule === 'unknown-field' && r.line === 10 && r.message.includes('toString')),
      lint.stdout,
    );
    const unknownCommand = spawnSync(process.execPath, [CLI, 'toString'], { encoding: 'utf8' });
    assert.equal(unknownCommand.status, 2);
    assert.match(unknownCommand.stderr, /unknown command "toString"/);
  });

  it('says "not a text file" once for a binary file, skips a FIFO, and answers --help with exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-stack-lint-'));
    writeFileSync(
      join(dir, 'image.yaml'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    const binary = await run(dir, 'image.yaml', '--format', 'json');
    assert.deepEqual(binary.err, ['starter-stack lint: skipped image.yaml: not a text file']);
    assert.deepEqual(JSON.parse(binary.out.join('')), []);
    spawnSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const fifo = await run(dir, 'pipe.yaml', '--format', 'json');
    assert.deepEqual(fifo.err, [
      'starter-stack lint: skipped pipe.yaml: not a regular file (a FIFO, socket or device)',
    ]);
    // The dispatcher answers --help (the subcommand's code is not loaded for it).
    const help = io(dir);
    assert.equal(await main(['lint', '--help'], help.io), 0);
    assert.match(help.out.join('\n'), /^Usage: starter-stack lint PATH/);
    assert.match(help.out.join('\n'), /\.starter-stack\/lint\.yaml/);
  });

  it('writes SARIF with related locations, fingerprints, rule help and percent-encoded URIs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-stack-lint-'));
    const deployment = readFileSync(join(FIXTURES, 'probe-missing/clean.yaml'), 'utf8');
    writeFileSync(join(dir, 'web app.yaml'), deployment);
    writeFileSync(
      join(dir, 'svc#1.yaml'),
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: demo\nspec:\n  selector: { app: web }\n  ports:\n    - port: 80\n      targetPort: htpp\n',
    );
    const sarif = JSON.parse((await run(dir, '.', '--format', 'sarif')).out.join('\n')) as {
      runs: {
        tool: { driver: { rules: { id: string; help?: { text: string } }[] } };
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[];
          partialFingerprints?: Record<string, string>;
        }[];
      }[];
    };
    const result = sarif.runs[0]?.results.find((r) => r.ruleId === 'service-target-port');
    assert.equal(result?.locations[0]?.physicalLocation.artifactLocation.uri, 'svc%231.yaml');
    assert.equal(result?.relatedLocations?.[0]?.physicalLocation.artifactLocation.uri, 'web%20app.yaml');
    assert.match(result?.partialFingerprints?.['starterStack/v1'] ?? '', /^[0-9a-f]{32}:1$/);
    assert.ok(sarif.runs[0]?.tool.driver.rules.every((r) => (r.help?.text.length ?? 0) > 20));
  });

  it('exits quietly when its reader goes away (lint | head)', () => {
    const piped = spawnSync(
      'sh',
      ['-c', `node ${JSON.stringify(CLI)} lint ${JSON.stringify(FIXTURES)} --format sarif | head -1`],
      { encoding: 'utf8' },
    );
    assert.equal(piped.status, 0);
    assert.doesNotMatch(piped.stderr, /EPIPE|Error/);
  });
});
