import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitDocuments } from '../../../src/lint/parse';
import { engineWith, fixture, lint, lintOne } from './helpers';

const deployment = fixture('probe-missing', 'clean.yaml');
const service = (selector: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: demo
spec:
  selector:
    app: ${selector}
  ports:
    - name: http
      port: 80
      targetPort: http
`;

describe('LintEngine', () => {
  it('puts a cross-object finding on the referring node, with related information in the other file', () => {
    const findings = lint({
      'file:///dep.yaml': deployment.replace('name: http', 'name: web'),
      'file:///svc.yaml': service('web'),
    });
    const found = findings.find((f) => f.rule === 'service-target-port');
    assert.ok(found);
    assert.equal(found.uri, 'file:///svc.yaml');
    assert.deepEqual(found.range, { start: { line: 11, character: 18 }, end: { line: 11, character: 22 } });
    assert.equal(found.related?.[0]?.uri, 'file:///dep.yaml');
  });

  it('re-checks the files that refer to a changed object, and only those', () => {
    const engine = engineWith({
      'file:///dep.yaml': deployment,
      'file:///svc.yaml': service('web'),
      'file:///other.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n',
    });
    engine.lintAll();
    const affected = engine.setFile('file:///dep.yaml', deployment.replaceAll('app: web', 'app: api'));
    assert.deepEqual(affected, ['file:///dep.yaml', 'file:///svc.yaml']);
    assert.ok(engine.lintFile('file:///svc.yaml').some((f) => f.rule === 'service-selector'));
    assert.deepEqual(
      engine.setFile('file:///dep.yaml', deployment.replaceAll('app: web', 'app: api')),
      [],
      'unchanged text: nothing to do',
    );
    assert.deepEqual(engine.deleteFile('file:///dep.yaml'), ['file:///svc.yaml']);
  });

  it('moves cached findings with their document when lines are inserted above it', () => {
    const engine = engineWith({
      'file:///a.yaml': `${deployment}---\n${deployment.replace('example/web:1.0.0', 'nginx')}`,
    });
    const before = engine.lintFile('file:///a.yaml').find((f) => f.rule === 'image-tag');
    engine.setFile(
      'file:///a.yaml',
      `# one\n# two\n${deployment}---\n${deployment.replace('example/web:1.0.0', 'nginx')}`,
    );
    const after = engine.lintFile('file:///a.yaml').find((f) => f.rule === 'image-tag');
    assert.equal(after?.range.start.line, (before?.range.start.line ?? 0) + 2);
  });

  it('applies per-rule configuration: off, and a replaced severity', () => {
    const text = deployment.replace('example/web:1.0.0', 'nginx:latest');
    assert.equal(lintOne(text, { config: { rules: { 'image-tag': 'off' } } }).length, 0);
    assert.equal(lintOne(text, { config: { rules: { 'image-tag': 'error' } } })[0]?.severity, 'error');
  });

  it('applies a configuration change to a file it has already linted', () => {
    // The editor calls setConfig when the settings or .starter-stack/lint.yaml change, then re-lints.
    const engine = engineWith({ 'file:///a.yaml': deployment.replace('example/web:1.0.0', 'nginx:latest') });
    const tag = () => engine.lintFile('file:///a.yaml').filter((f) => f.rule === 'image-tag');
    assert.equal(tag().length, 1);
    engine.setConfig({ rules: { 'image-tag': 'error' } });
    assert.deepEqual(
      tag().map((f) => f.severity),
      ['error'],
    );
    engine.setConfig({ rules: { 'image-tag': 'off' } });
    assert.equal(tag().length, 0);
  });

  it('starts a document at a `---` line followed by a space, a tab or the end of the line, and nowhere else', () => {
    const text = [
      'kind: ConfigMap\n',
      '---\nkind: Secret\n',
      '--- # a comment\nkind: Service\n',
      '---\t\nkind: Pod\n',
      '---\ndata:\n  x: |\n    ----\n    ---x\n     ---\n----\n---x\n',
      '---',
    ].join('');
    assert.deepEqual(
      splitDocuments(text).map((c) => c.startLine),
      [0, 1, 3, 5, 7, 15],
    );
  });

  it('splits a file with Windows line endings at its `---` lines, so the later documents are checked too', () => {
    const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
    assert.deepEqual(
      splitDocuments(crlf('kind: ConfigMap\n---\nkind: Secret\n--- # c\nkind: Pod\n---x\n')).map((c) => c.startLine),
      [0, 1, 3],
    );
    const latest = deployment.replace('example/web:1.0.0', 'nginx:latest');
    const second = lintOne(crlf(`${service('web')}---\n${latest}`)).filter((f) => f.rule === 'image-tag');
    assert.equal(second.length, 1, 'the untagged image of the second document is found');
  });

  it('honours the disable annotation and the disable comments', () => {
    const latest = deployment.replace('example/web:1.0.0', 'nginx:latest');
    const annotated = latest.replace(
      '  namespace: demo\n',
      '  namespace: demo\n  annotations:\n    lint.starter-stack.dev/disable: image-tag\n',
    );
    assert.deepEqual(lintOne(annotated), []);
    assert.deepEqual(lintOne(`# starter-stack-lint disable image-tag\n${latest}`), []);
    const nextLine = latest.replace(
      '          image: nginx:latest',
      '          # starter-stack-lint disable-next-line image-tag\n          image: nginx:latest',
    );
    assert.deepEqual(lintOne(nextLine), []);
    assert.equal(lintOne(`# starter-stack-lint disable probe-missing\n${latest}`).length, 1);
  });

  it('a disable-next-line comment above a hostPath volume turns off its privileged finding, and only that one', () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: proxy, namespace: demo }',
      'spec:',
      '  containers:',
      '    - { name: proxy, image: example/proxy:1.0.0 }',
      '  volumes:',
      '    - name: xtables-lock',
      '      # starter-stack-lint disable-next-line privileged -- kube-proxy shares the node iptables lock',
      '      hostPath:',
      '        path: /run/xtables.lock',
      '    - name: modules',
      '      hostPath:',
      '        path: /lib/modules',
    ].join('\n');
    const found = lintOne(pod).filter((f) => f.rule === 'privileged');
    assert.deepEqual(
      found.map((f) => [f.range.start.line, f.message]),
      [[12, 'Volume "modules" mounts the node\'s /lib/modules.']],
    );
  });

  it('reports an out-of-band Secret as information, and at full severity when the cluster lacks it too', () => {
    const text = fixture('config-ref', 'fires.yaml');
    const secret = (options: Parameters<typeof lintOne>[1]) =>
      lintOne(text, options).find((f) => f.message.includes('"creds"'));
    assert.equal(secret({})?.severity, 'info');
    assert.equal(secret({ cluster: { has: () => false } })?.severity, 'error');
    assert.equal(secret({ cluster: { has: () => true } }), undefined);
    const missingKey = lintOne(text).find((f) => f.message.includes('"LEVL"'));
    assert.equal(missingKey?.severity, 'error', 'a missing key of a workspace ConfigMap is a real error');
  });

  it("an Ingress backend's Service absent from the workspace is information; a typo of one of the app's Services is an error", () => {
    const text = fixture('ingress-backend', 'fires.yaml');
    const backend = (name: string, options: Parameters<typeof lintOne>[1] = {}) =>
      lintOne(text.replace('name: wbe # expect: ingress-backend', `name: ${name}`), options).find(
        (f) => f.rule === 'ingress-backend' && f.message.includes(`"${name}"`),
      );
    // Another chart or repository may make it: not an error until the connected cluster lacks it too.
    assert.equal(backend('search')?.severity, 'info');
    assert.match(backend('search')!.message, /Service "search" is not in the workspace/);
    assert.equal(backend('search', { cluster: { has: () => false } })?.severity, 'error');
    assert.equal(backend('search', { cluster: { has: () => true } }), undefined);
    const typo = backend('wbe');
    assert.equal(typo?.severity, 'error');
    assert.match(typo.message, /did you mean "web"\?/);
  });

  it('skips unknown kinds with an info, never an error', () => {
    const findings = lintOne(fixture('unknown-kind', 'fires.yaml'));
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['unknown-kind', 'info']],
    );
  });

  it("describes YAML errors and warnings by what they are, never quoting the document (a Secret's value)", () => {
    const findings = lintOne(
      'apiVersion: v1\nkind: Secret\nmetadata: {name: a}\nstringData:\n  password: !hunter2 s3cret\n  token: "open\n',
    );
    const syntax = findings.filter((f) => f.rule === 'yaml-syntax');
    assert.ok(
      syntax.some((f) => f.message === 'A tag the parser does not know.'),
      JSON.stringify(syntax),
    );
    assert.ok(syntax.length >= 2, 'the error and the warning');
    for (const f of syntax) assert.doesNotMatch(f.message, /hunter2|s3cret|open/);
  });

  it('suggests the field a typo meant', () => {
    const messages = lintOne(fixture('unknown-field', 'fires.yaml')).map((f) => f.message);
    assert.ok(messages.includes('Unknown field "resource". Did you mean "resources"?'), messages.join('\n'));
    assert.ok(messages.includes('Unknown field "vaule". Did you mean "value"?'));
    assert.ok(messages.includes('Unknown field "replica". Did you mean "replicas"?'));
  });

  it('follows the Ingress chain and names every link', () => {
    const chain = lintOne(fixture('ingress-chain', 'fires.yaml')).filter((f) => f.rule === 'ingress-chain');
    assert.match(chain[0]?.message ?? '', /targetPort 9000/);
    assert.equal(chain[0]?.related?.length, 2);
    assert.match(chain[1]?.message ?? '', /selects no pods/);
  });
});
