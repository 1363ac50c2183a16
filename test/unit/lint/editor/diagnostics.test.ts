import '../../../support/fakeVscodeRegister';
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type * as vscode from 'vscode';
import { DiagnosticsManager } from '../../../../src/editor/diagnostics';
import { Emitter } from '../../../../src/kube/cache/emitter';
import type { ClusterLookup } from '../../../../src/lint/engine';
import { LintCodeActionProvider } from '../../../../src/editor/codeActions';
import { fixture } from '../helpers';
import * as fake from '../../../support/fakeVscode';

const log = {
  info: () => undefined,
  error: () => undefined,
  trace: () => undefined,
  warn: () => undefined,
} as unknown as vscode.LogOutputChannel;
const WEB = 'file:///ws/web.yaml';
const SVC = 'file:///ws/svc.yaml';
const web = fixture('probe-missing', 'clean.yaml');
const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: demo\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: http\n`;

const codes = (uri: string) => (fake.state.diagnostics.get(uri) ?? []).map((d) => d.code);

let manager: DiagnosticsManager | undefined;
afterEach(() => {
  manager?.dispose();
  fake.state.diagnostics.clear();
  fake.state.disk.clear();
  fake.state.open.length = 0;
  fake.state.settings = {};
  fake.state.folder = undefined;
});

describe('DiagnosticsManager (in-memory editor)', () => {
  it('checks references against the connected cluster, and again whenever the cluster says it changed', async () => {
    const APP = 'file:///ws/app.yaml';
    fake.state.disk.set(
      APP,
      web.replace('          ports:', '          envFrom: [{ secretRef: { name: creds } }]\n          ports:'),
    );
    let lookup: ClusterLookup | undefined;
    const changed = new Emitter<void>();
    manager = new DiagnosticsManager({ log, cluster: () => lookup, onDidChangeCluster: changed.event });
    await manager.whenIdle();
    const configRef = () =>
      (fake.state.diagnostics.get(APP) ?? [])
        .filter((d) => d.code === 'config-ref')
        .map((d) => [d.severity, d.message]);
    assert.deepEqual(configRef(), [[fake.DiagnosticSeverity.Information, 'Secret "creds" is not in the workspace.']]);
    let present = false;
    lookup = { has: () => present, where: () => 'namespace "demo" of context "sim"' };
    changed.fire();
    await manager.whenIdle();
    assert.deepEqual(configRef(), [
      [
        fake.DiagnosticSeverity.Error,
        'Secret "creds" is not in the workspace, nor in namespace "demo" of context "sim".',
      ],
    ]);
    present = true;
    changed.fire();
    await manager.whenIdle();
    assert.deepEqual(configRef(), []);
    lookup = undefined;
    changed.fire();
    await manager.whenIdle();
    assert.equal(configRef()[0]?.[0], fake.DiagnosticSeverity.Information, 'disconnected: information again');
  });

  it('scans the workspace, re-checks referrers when a file changes on disk, and ignores non-Kubernetes YAML', async () => {
    fake.state.disk.set(WEB, web);
    fake.state.disk.set(SVC, svc);
    fake.state.disk.set('file:///ws/compose.yaml', 'services: {}\n');
    manager = new DiagnosticsManager({ log });
    await manager.whenIdle();
    assert.deepEqual(codes(SVC), []);
    assert.equal(fake.state.diagnostics.has('file:///ws/compose.yaml'), false);
    fake.state.disk.set(WEB, web.replaceAll('app: web', 'app: api'));
    fake.state.fileChanged.fire(fake.Uri.parse(WEB));
    await manager.whenIdle();
    assert.deepEqual(codes(SVC), ['service-selector']);
  });

  it('debounces edits of an open document and uses its unsaved text; on close goes back to the saved text', async () => {
    fake.state.disk.set(WEB, web);
    manager = new DiagnosticsManager({ log });
    await manager.whenIdle();
    const document = fake.openDocument(WEB, web);
    for (const tag of ['l', 'la', 'lat', 'latest']) {
      document.text = web.replace('example/web:1.0.0', `example/web:${tag}`);
      fake.state.changed.fire({ document });
    }
    await manager.whenIdle();
    assert.deepEqual(codes(WEB), ['image-tag']);
    fake.state.open.length = 0;
    fake.state.closed.fire(document);
    await manager.whenIdle();
    assert.deepEqual(codes(WEB), []);
  });

  it('clears a closed document when only open files are checked', async () => {
    fake.state.settings = { 'starterStack.lint.workspace': false };
    manager = new DiagnosticsManager({ log });
    const document = fake.openDocument(WEB, web.replace('example/web:1.0.0', 'nginx'));
    await manager.whenIdle();
    assert.deepEqual(codes(WEB), ['image-tag']);
    fake.state.open.length = 0;
    fake.state.closed.fire(document);
    await manager.whenIdle();
    assert.equal(fake.state.diagnostics.has(WEB), false);
  });

  it("turns a finding's quick fix into a WorkspaceEdit for its diagnostic", async () => {
    fake.state.disk.set(WEB, web.replace(/ {10}readinessProbe:\n.*\n {10}livenessProbe:\n.*\n/, ''));
    manager = new DiagnosticsManager({ log });
    await manager.whenIdle();
    const current = manager;
    const provider = new LintCodeActionProvider((uri) => current.findings(uri));
    const diagnostics = fake.state.diagnostics.get(WEB) ?? [];
    const document = { uri: fake.Uri.parse(WEB) } as unknown as vscode.TextDocument;
    const actions = provider.provideCodeActions(
      document,
      diagnostics[0]!.range as unknown as vscode.Range,
      { diagnostics } as unknown as vscode.CodeActionContext,
    );
    assert.equal(actions[0]?.title, 'Add readinessProbe and livenessProbe (a TCP check on port http)');
    const replacements = (actions[0]?.edit as unknown as fake.WorkspaceEdit).replacements;
    assert.equal(replacements[0]?.uri, WEB);
    assert.match(replacements[0]?.newText ?? '', /^ {10}readinessProbe:\n {12}tcpSocket:\n/);
  });

  it('skips Helm chart sources, lints JSON manifests, and reads .starter-stack/lint.yaml (settings win over it)', async () => {
    fake.state.folder = 'file:///ws';
    fake.state.disk.set('file:///ws/chart/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
    fake.state.disk.set(
      'file:///ws/chart/templates/deployment.yaml',
      web.replace('example/web:1.0.0', '{{ .Values.image }}'),
    );
    fake.state.disk.set('file:///ws/chart/values.yaml', 'apiVersion: v1\nkind: ConfigMap\nimage: nginx\n');
    fake.state.disk.set(
      'file:///ws/rc.json',
      JSON.stringify(
        {
          apiVersion: 'v1',
          kind: 'ReplicationController',
          metadata: { name: 'rc' },
          spec: {
            selector: { app: 'rc' },
            template: {
              metadata: { labels: { app: 'x' } },
              spec: { containers: [{ name: 'c', image: 'nginx:1.27.0' }] },
            },
          },
        },
        null,
        2,
      ),
    );
    fake.state.disk.set('file:///ws/legacy/old.yaml', web.replace('example/web:1.0.0', 'nginx'));
    fake.state.disk.set(WEB, web.replace('example/web:1.0.0', 'nginx'));
    fake.state.disk.set(
      'file:///ws/.starter-stack/lint.yaml',
      'rules:\n  image-tag: error\n  read-only-root-filesystem: off\nignore:\n  - legacy/**\n',
    );
    manager = new DiagnosticsManager({ log });
    await manager.whenIdle();
    assert.equal(fake.state.diagnostics.has('file:///ws/chart/templates/deployment.yaml'), false);
    assert.equal(fake.state.diagnostics.has('file:///ws/chart/values.yaml'), false);
    assert.equal(fake.state.diagnostics.has('file:///ws/legacy/old.yaml'), false);
    assert.ok(codes('file:///ws/rc.json').includes('selector-mismatch'), codes('file:///ws/rc.json').join());
    assert.equal(
      fake.state.diagnostics.get(WEB)?.find((d) => d.code === 'image-tag')?.severity,
      fake.DiagnosticSeverity.Error,
    );
    fake.state.settings = { 'starterStack.lint.rules': { 'image-tag': 'info' } };
    fake.state.config.fire({ affectsConfiguration: () => true });
    await manager.whenIdle();
    assert.equal(
      fake.state.diagnostics.get(WEB)?.find((d) => d.code === 'image-tag')?.severity,
      fake.DiagnosticSeverity.Information,
    );
  });
});
