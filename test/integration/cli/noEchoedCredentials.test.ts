// A YAML error in a kubeconfig, a Secret manifest or a kustomization must be reported by file, line and column,
// never with the lines around it: those hold tokens and passwords. Each case plants a token and a password next to
// (or inside) the error and runs the CLI in-process, as a user would, reading everything it prints.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli';
import type { CliIo } from '../../../src/cli/io';
import { readCurrentContext } from '../../../src/images/cluster';
import { loadKubeconfig } from '../../../src/kube/kubeconfig';

const TOKEN = 'tok-PLANTED-7f3a9c2e';
const PASSWORD = 'pw-PLANTED-hunter2';
const PLANTED = [TOKEN, PASSWORD, 'PLANTED'];

/** YAML errors around (and inside) the planted values; `%s` is where the credential lines go. */
const BROKEN: ReadonlyArray<readonly [string, (indent: string) => string]> = [
  [
    'bad indentation after the password',
    (i) => `${i}token: ${TOKEN}\n${i}password: ${PASSWORD}\n${i.slice(1)}bad: indent: here\n`,
  ],
  ['an unclosed double quote around the token', (i) => `${i}token: "${TOKEN}\n${i}password: ${PASSWORD}\n`],
  ['an invalid escape inside the password', (i) => `${i}token: ${TOKEN}\n${i}password: "${PASSWORD}\\q"\n`],
  [
    'extra characters on a block scalar header holding the password',
    (i) => `${i}password: |${PASSWORD}\n${i}  ${TOKEN}\n`,
  ],
  ['a duplicate key', (i) => `${i}token: ${TOKEN}\n${i}token: ${PASSWORD}\n`],
  ['a tab for indentation next to the token', (i) => `${i}token: ${TOKEN}\n\t${i}password: ${PASSWORD}\n`],
  ['a flow mapping left open', (i) => `${i}token: {${TOKEN}: ${PASSWORD}\n`],
];

function kubeconfig(broken: (indent: string) => string): string {
  return `apiVersion: v1\nkind: Config\ncurrent-context: c\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\ncontexts:\n- name: c\n  context: {cluster: c, user: u}\nusers:\n- name: u\n  user:\n${broken('    ')}`;
}

function secret(broken: (indent: string) => string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: starter\nstringData:\n${broken('  ')}`;
}

function captured(env: NodeJS.ProcessEnv, cwd: string): CliIo & { all: () => string } {
  const lines: string[] = [];
  return {
    out: (l) => void lines.push(l),
    err: (l) => void lines.push(l),
    cwd,
    env: { HOME: '/nonexistent', ...env },
    all: () => lines.join('\n'),
  };
}

function assertNoCredential(text: string, what: string): void {
  for (const planted of PLANTED) assert.ok(!text.includes(planted), `${what} printed ${planted}:\n${text}`);
}

const work = mkdtempSync(join(tmpdir(), 'no-echo-'));

describe('no credential echoed from a YAML error', () => {
  for (const [name, broken] of BROKEN) {
    it(`kubeconfig with ${name}: apply, delete and images say file, line and column only`, async () => {
      const dir = mkdtempSync(join(work, 'kc-'));
      const config = join(dir, 'config');
      writeFileSync(config, kubeconfig(broken));
      writeFileSync(
        join(dir, 'cm.yaml'),
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: starter\n',
      );
      for (const argv of [
        ['apply', '.'],
        ['delete', '--yes'],
        ['apply', '.', '--kubeconfig', config],
      ]) {
        const io = captured({ KUBECONFIG: config }, dir);
        assert.equal(await main(argv, io), 1, io.all());
        assertNoCredential(io.all(), argv.join(' '));
        assert.match(
          io.all(),
          new RegExp(`cannot read kubeconfig ${config.replace(/[/.]/g, '\\$&')}: line \\d+, column \\d+: [a-z]`),
          argv.join(' '),
        );
      }
      const loaded = await loadKubeconfig({ file: config });
      assert.ok(!loaded.ok);
      assertNoCredential(loaded.error, 'loadKubeconfig');
      const current = await readCurrentContext({ KUBECONFIG: config });
      assert.match(current.problem ?? '', /line \d+, column \d+/);
      assertNoCredential(current.problem ?? '', 'images: readCurrentContext');
    });

    it(`Secret manifest with ${name}: apply and lint (text, json, sarif) say file, line and column only`, async () => {
      const dir = mkdtempSync(join(work, 'secret-'));
      writeFileSync(join(dir, 'secret.yaml'), secret(broken));
      const apply = captured({ KUBECONFIG: '/nonexistent' }, dir);
      assert.equal(await main(['apply', '.'], apply), 1, apply.all());
      assert.match(apply.all(), /secret\.yaml:\d+:\d+: YAML error: [a-z]/);
      assertNoCredential(apply.all(), 'apply');
      for (const format of ['text', 'json', 'sarif']) {
        const lint = captured({}, dir);
        assert.equal(await main(['lint', 'secret.yaml', '--format', format], lint), 1, lint.all());
        assert.match(lint.all(), /yaml-syntax/);
        assertNoCredential(lint.all(), `lint --format ${format}`);
      }
    });
  }

  it('a kustomization with a YAML error next to a secretGenerator literal', async () => {
    const dir = mkdtempSync(join(work, 'kustomize-'));
    mkdirSync(join(dir, 'base'));
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      `resources:\n  - base\nsecretGenerator:\n  - name: db\n    literals:\n      - password=${PASSWORD}\n     - token=${TOKEN}\n`,
    );
    const io = captured({ KUBECONFIG: '/nonexistent' }, dir);
    assert.equal(await main(['apply', '.'], io), 1, io.all());
    assert.match(io.all(), /kustomization\.yaml: not a valid kustomization \(line \d+, column \d+: [a-z]/);
    assertNoCredential(io.all(), 'apply of a kustomization');
  });
});

describe('no credential echoed from aliases and tags', () => {
  it('an alias with no anchor in a Secret, and an unknown tag in a kubeconfig, are named without their text', async () => {
    const dir = mkdtempSync(join(work, 'alias-'));
    writeFileSync(
      join(dir, 'secret.yaml'),
      `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: *${PASSWORD}\n`,
    );
    const apply = captured({ KUBECONFIG: '/nonexistent' }, dir);
    assert.equal(await main(['apply', '.'], apply), 1, apply.all());
    assert.match(apply.all(), /secret\.yaml:\d+: YAML error: an alias that names no anchor/);
    assertNoCredential(apply.all(), 'apply');
    const config = join(dir, 'config');
    writeFileSync(
      config,
      kubeconfig((i) => `${i}token: !${TOKEN} x\n${i}password: [${PASSWORD}\n`),
    );
    const warnings: string[] = [];
    const onWarning = (w: Error) => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const current = await readCurrentContext({ KUBECONFIG: config });
      assertNoCredential(current.problem ?? '', 'readCurrentContext');
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
    }
    assertNoCredential(warnings.join('\n'), 'process warnings');
  });
});

describe('the demo cluster (the simulator, a TEST DOUBLE) does not echo a body it cannot decode', () => {
  it("answers 400 naming the line, not the Secret's text, for YAML and JSON alike", async () => {
    const { startClusterSimulator } = await import('../../../sim/index');
    const sim = await startClusterSimulator({ port: 0, token: 'sim-token' });
    try {
      const send = (type: string, body: string) => fetchSim(sim, type, body);
      for (const [type, body] of [
        [
          'application/yaml',
          `apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  password: ${PASSWORD}\n bad: x: y\n`,
        ],
        [
          'application/json',
          `{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"stringData":{"password":"${PASSWORD}"`,
        ],
      ] as const) {
        const answer = await send(type, body);
        assert.equal(answer.status, 400, answer.text);
        assert.match(answer.text, /could not be decoded/);
        assertNoCredential(answer.text, `simulator, ${type}`);
      }
    } finally {
      await sim.close();
    }
  });
});

async function fetchSim(
  sim: { url: string; caPem: string },
  type: string,
  body: string,
): Promise<{ status: number; text: string }> {
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${sim.url}/api/v1/namespaces/default/secrets`,
      { method: 'POST', ca: sim.caPem, headers: { authorization: 'Bearer sim-token', 'content-type': type } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
