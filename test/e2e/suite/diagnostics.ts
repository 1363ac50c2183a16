// Workspace-wide diagnostics in the real editor: a problem that spans two files appears on the referring node,
// and clears when the other file is fixed.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
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

// A Deployment whose Secret is not in the workspace: information while no cluster is connected; once the Cluster
// view is connected to the simulator, an error while the simulator lacks the Secret, nothing once it has it.
const CLUSTER_NAMESPACE = 'e2e-deploy';
const SECRET = 'lint-e2e-credentials';
const REFERRING = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: lint-cluster
  namespace: ${CLUSTER_NAMESPACE}
spec:
  selector:
    matchLabels: { app: lint-cluster }
  template:
    metadata:
      labels: { app: lint-cluster }
    spec:
      containers:
        - name: app
          image: example/app:1.0.0
          envFrom:
            - secretRef:
                name: ${SECRET}
`;

/** Writes the Deployment that refers to a Secret into the workspace and opens it in an editor. */
async function openReferringFile(workspaceFolder: vscode.Uri): Promise<vscode.Uri> {
  const file = vscode.Uri.joinPath(workspaceFolder, 'e2e-out', 'lint-cluster', 'app.yaml');
  await write(file, REFERRING);
  await vscode.window.showTextDocument(file);
  return file;
}
const configRefs = (d: readonly vscode.Diagnostic[]) => d.filter((x) => codeOf(x) === 'config-ref');

/** kubectl against the runner's KUBECONFIG (the simulator): a test peer, not part of the product. */
function kubectl(...args: string[]): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('kubectl', args, { timeout: 30_000 }, (error, _out, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT')
        reject(new Error('kubectl is not installed (Debian package kubectl, or the Kubernetes release binary)'));
      else if (error) reject(new Error(`kubectl ${args.join(' ')}: ${stderr || error.message}`));
      else resolve();
    }),
  );
}

/** Before the Cluster view has loaded: nothing is connected, so the missing Secret stays information. */
export const offlineClusterDiagnosticsTests: readonly HostTest[] = [
  {
    name: 'a Secret that is not in the workspace is information while no cluster is connected',
    timeoutMs: 60_000,
    async run({ workspaceFolder }) {
      const file = await openReferringFile(workspaceFolder);
      const found = await diagnosticsUntil(file, (d) => configRefs(d).length > 0, 'no config-ref diagnostic');
      assert.equal(configRefs(found)[0]?.severity, vscode.DiagnosticSeverity.Information);
    },
  },
];

/** After the tree checks: the Cluster view is connected to the simulator. */
export const clusterDiagnosticsTests: readonly HostTest[] = [
  {
    name: 'with the Cluster view connected, a Secret missing from the workspace and the cluster is an error naming the namespace and context; it clears when the Secret is created and returns when it is deleted',
    timeoutMs: 120_000,
    async run({ workspaceFolder }) {
      const file = await openReferringFile(workspaceFolder);
      const missing = await diagnosticsUntil(
        file,
        (d) => configRefs(d).some((x) => x.severity === vscode.DiagnosticSeverity.Error),
        'the missing Secret did not become an error once the cluster was connected',
      );
      assert.match(
        configRefs(missing)[0]?.message ?? '',
        new RegExp(`nor in namespace "${CLUSTER_NAMESPACE}" of context "starter-sim"`),
      );
      try {
        await kubectl('create', 'secret', 'generic', SECRET, '-n', CLUSTER_NAMESPACE, '--from-literal=token=e2e');
        await diagnosticsUntil(
          file,
          (d) => configRefs(d).length === 0,
          'the finding did not clear once the cluster had the Secret',
        );
        await kubectl('delete', 'secret', SECRET, '-n', CLUSTER_NAMESPACE);
        await diagnosticsUntil(
          file,
          (d) => configRefs(d).some((x) => x.severity === vscode.DiagnosticSeverity.Error),
          'the error did not come back once the Secret was deleted',
        );
      } finally {
        await kubectl('delete', 'secret', SECRET, '-n', CLUSTER_NAMESPACE, '--ignore-not-found');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(file);
      }
    },
  },
];
