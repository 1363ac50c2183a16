import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { WATCHED_KINDS, type WatchedKind } from '../../kube/cache/kinds';
import { objectPath } from '../../kube/resources';
import { Disposable } from '../../util/disposable';
import { objectTargetOf, requireSession, type ObjectTarget } from '../tree/commandTargets';
import type { Command } from './command';

export const LIVE_SCHEME = 'starter-stack-live';

/** Serves `starter-stack-live:/<namespace>/<Kind>/<name>.yaml`: the object as the cluster has it now. Virtual, so read-only. */
class LiveYamlProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly live: LiveCluster) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [namespace = '', kind = '', file = ''] = uri.path.replace(/^\//, '').split('/');
    const info = WATCHED_KINDS[kind as WatchedKind] as (typeof WATCHED_KINDS)[WatchedKind] | undefined;
    const session = this.live.session;
    if (!info || !session) return vscode.l10n.t('# not available: no cluster connection');
    const name = file.replace(/\.yaml$/, '');
    const answer = await session.client.send({ method: 'GET', path: objectPath(info.apiVersion, info, name, info.namespaced ? namespace : undefined) }, { verb: 'get', plural: info.plural, group: '', namespace, name });
    if (!answer.ok) return `# ${answer.error.message}\n`;
    const { stringify } = await import('yaml');
    const object = answer.value.body as { metadata?: Record<string, unknown> };
    // managedFields is bookkeeping for server-side apply: long, and not what anyone opens this to read.
    if (object.metadata) delete object.metadata.managedFields;
    return stringify(object);
  }
}

/** Opens the live object as read-only YAML. */
export class ShowLiveYamlCommand extends Disposable implements Command {
  readonly id = 'starterStack.showLiveYaml';

  constructor(private readonly live: LiveCluster) {
    super();
    this._register(vscode.workspace.registerTextDocumentContentProvider(LIVE_SCHEME, new LiveYamlProvider(live)));
  }

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
