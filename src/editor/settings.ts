import * as vscode from 'vscode';

/** The extension's settings, read fresh each time (the user may change them at any moment). */
export interface Settings {
  readonly namespace: string;
  readonly imagePrefix: string;
  readonly imageTag: string;
  readonly ingressHost: string;
  readonly outputFolder: string;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  // Resource-scoped settings: without a resource, `null` asks for the value that applies to any resource.
  const config = vscode.workspace.getConfiguration('starterStack', scope ?? null);
  return {
    namespace: config.get('namespace', 'starter'),
    imagePrefix: config.get('imagePrefix', 'starter-stack'),
    imageTag: config.get('imageTag', '0.1.0'),
    ingressHost: config.get('ingressHost', '127.0.0.1.nip.io'),
    outputFolder: config.get('outputFolder', 'k8s'),
  };
}
