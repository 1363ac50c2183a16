import * as vscode from 'vscode';
import type { LiveSession } from '../../kube/cache/connect';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { WATCHED_KINDS } from '../../kube/cache/kinds';
import { objectPath } from '../../kube/resources';
import { own } from '../../util/own';
import { objectTargetOf, requireSession, type ObjectTarget } from '../tree/commandTargets';
import { LIVE_SCHEME } from '../tree/clusterViewShell';
import type { Command } from './command';

/**
 * Serves `starter-stack-live:/<namespace>/<Kind>/<name>.yaml`: the object as the cluster has it now. Virtual, so
 * read-only. Registered by ClusterViewShell at activation, so an editor VS Code restores on reload resolves too:
 * then nothing has connected yet, and this connects.
 */
export class LiveYamlProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly live: LiveCluster) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [namespace = '', kind = '', file = ''] = uri.path.replace(/^\//, '').split('/');
    const info = own(WATCHED_KINDS, kind);
    if (!info) return vscode.l10n.t('# {0} is not a kind the Cluster view shows', kind);
    const session = await this.session();
    if (!session) return vscode.l10n.t('# not available: {0}', this.live.state.state === 'error' ? this.live.state.message : vscode.l10n.t('no cluster connection'));
    const name = file.replace(/\.yaml$/, '');
    const answer = await session.client.send({ method: 'GET', path: objectPath(info.apiVersion, info, name, info.namespaced ? namespace : undefined) }, { verb: 'get', plural: info.plural, group: '', namespace, name });
    if (!answer.ok) return `# ${answer.error.message}\n`;
    const { stringify } = await import('yaml');
    const object = answer.value.body as { metadata?: Record<string, unknown> };
    // managedFields is bookkeeping for server-side apply: long, and not what anyone opens this to read.
    if (object.metadata) delete object.metadata.managedFields;
    return stringify(object);
  }

  /** The open session; connects when nothing has yet, and waits for a connection under way. */
  private async session(): Promise<LiveSession | undefined> {
    const state = this.live.state.state;
    if (state === 'idle') await this.live.connect();
    else if (state === 'opening') {
      await new Promise<void>((resolve) => {
        const listener = this.live.onDidChangeState((next) => {
          if (next.state === 'opening') return;
          listener.dispose();
          resolve();
        });
      });
    }
    return this.live.session;
  }
}

/** Opens the live object as read-only YAML (served by LiveYamlProvider). */
export class ShowLiveYamlCommand implements Command {
  readonly id = 'starterStack.showLiveYaml';

  constructor(private readonly live: LiveCluster) {}

  async execute(node?: unknown): Promise<void> {
    if (!requireSession(this.live)) return;
    const target = objectTargetOf(node);
    if (!target) return;
    const document = await vscode.workspace.openTextDocument(liveUri(target));
    await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { preview: true });
  }
}

export function liveUri(target: ObjectTarget): vscode.Uri {
  return vscode.Uri.from({ scheme: LIVE_SCHEME, path: `/${target.namespace}/${target.kind}/${target.name}.yaml`, query: String(Date.now()) });
}
