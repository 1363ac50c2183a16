// Workspace-wide diagnostics in the real editor: a problem that spans two files appears on the referring node,
// and clears when the other file is fixed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostTest } from './harness';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: lint-e2e
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: example/web:1.0.0
          ports:
            - name: metrics
              containerPort: 9090
`;

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: lint-e2e
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
`;

async function write(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Waits until `predicate` holds for the file's diagnostics; fails with what was there at the deadline. */
async function diagnosticsUntil(
  uri: vscode.Uri,
  predicate: (d: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  ms = 30_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const current = vscode.languages.getDiagnostics(uri);
    if (predicate(current)) return current;
    if (Date.now() > deadline)
      assert.fail(`${what}; diagnostics were: ${JSON.stringify(current.map((d) => [d.code, d.message]))}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

export const diagnosticsTests: readonly HostTest[] = [
  {
    name: 'a Service whose targetPort no selected pod exposes gets an error on targetPort, and it clears when the Deployment is fixed',
    timeoutMs: 90_000,
    async run({ workspaceFolder }) {
      const folder = vscode.Uri.joinPath(workspaceFolder, 'e2e-out', 'lint');
      const deployment = vscode.Uri.joinPath(folder, 'deployment.yaml');
      const service = vscode.Uri.joinPath(folder, 'service.yaml');
      await write(deployment, DEPLOYMENT);
      await write(service, SERVICE);
      // Both files are opened, as a user editing them would have them (indexing files on disk relies on
      // the file watcher, whose timing in code-server varies).
      const deploymentDoc = await vscode.workspace.openTextDocument(deployment);
      await vscode.window.showTextDocument(service);
      const found = await diagnosticsUntil(
        service,
        (d) => d.some((x) => codeOf(x) === 'service-target-port'),
        'no service-target-port diagnostic on service.yaml',
      );
      const diagnostic = found.find((x) => codeOf(x) === 'service-target-port')!;
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic.range.start.line, 11, 'the diagnostic sits on the targetPort line');
      assert.ok(
        diagnostic.relatedInformation?.some((r) => r.location.uri.fsPath === deployment.fsPath),
        'related information points at the Deployment',
      );
      // The fix is typed into the open Deployment, unsaved: diagnostics follow the editor's text.
      const fix = new vscode.WorkspaceEdit();
      fix.replace(
        deployment,
        new vscode.Range(0, 0, deploymentDoc.lineCount, 0),
        DEPLOYMENT.replace(
          '- name: metrics\n              containerPort: 9090',
          '- name: http\n              containerPort: 8080',
        ),
      );
      assert.ok(await vscode.workspace.applyEdit(fix), 'the edit to deployment.yaml was refused');
      await diagnosticsUntil(
        service,
        (d) => !d.some((x) => codeOf(x) === 'service-target-port'),
        'the diagnostic did not clear after the Deployment exposed the port',
      );
    },
  },
];
