import * as vscode from 'vscode';
import type { LiveSession } from '../../kube/cache/connect';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { WATCHED_KINDS } from '../../kube/cache/kinds';
import type { KubeObject } from '../../kube/objects';
import { objectPath } from '../../kube/resources';
import { own } from '../../util/own';
import { objectTargetOf, requireSession, type ObjectTarget } from '../tree/commandTargets';
import { LIVE_SCHEME } from '../tree/liveYamlScheme';
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
    if (!session)
      return vscode.l10n.t(
        '# not available: {0}',
        this.live.state.state === 'error' ? this.live.state.message : vscode.l10n.t('no cluster connection'),
      );
    if (file.endsWith(EVENTS_SUFFIX))
      return this.events(session, namespace, kind, file.slice(0, -EVENTS_SUFFIX.length));
    const name = file.replace(/( \(live\))?\.yaml$/, '');
    const answer = await session.client.send(
      { method: 'GET', path: objectPath(info.apiVersion, info, name, info.namespaced ? namespace : undefined) },
      { verb: 'get', plural: info.plural, group: '', namespace, name },
    );
    if (!answer.ok) return `# ${answer.error.message}\n`;
    const { stringify } = await import('yaml');
    const object = answer.value.body as { metadata?: Record<string, unknown> };
    // managedFields is bookkeeping for server-side apply: long, and not what anyone opens this to read.
    if (object.metadata) delete object.metadata.managedFields;
    return stringify(object);
  }

  /** All of an object's Events (the tree watches only warnings), asked of the API server now. */
  private async events(session: LiveSession, namespace: string, kind: string, name: string): Promise<string> {
    const fieldSelector = `involvedObject.kind=${kind},involvedObject.name=${name}`;
    const answer = await session.client.send(
      { method: 'GET', path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`, query: { fieldSelector } },
      { verb: 'list', plural: 'events', group: '', namespace },
    );
    if (!answer.ok) return `# ${answer.error.message}\n`;
    const { eventTable } = await import('../../kube/cache/eventTable');
    const items = (answer.value.body as { items?: unknown }).items;
    return eventTable(
      vscode.l10n.t('Events of {0} {1}/{2}', kind, namespace, name),
      Array.isArray(items) ? (items as KubeObject[]) : [],
      Date.now(),
    );
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

  execute(node?: unknown): Promise<void> {
    return showLive(this.live, node, LIVE_SUFFIX, 'yaml');
  }
}

const LIVE_SUFFIX = ' (live).yaml';
const EVENTS_SUFFIX = ' (events).txt';

/** `node-api (live).yaml`: the tab does not look like the workspace file of the same name. */
export function liveUri(target: ObjectTarget, suffix = LIVE_SUFFIX): vscode.Uri {
  return vscode.Uri.from({
    scheme: LIVE_SCHEME,
    path: `/${target.namespace}/${target.kind}/${target.name}${suffix}`,
    query: String(Date.now()),
  });
}

/** Opens a live document (LiveYamlProvider's) of the node's object in a preview tab, when there is a session. */
async function showLive(live: LiveCluster, node: unknown, suffix: string, language?: string): Promise<void> {
  if (!requireSession(live)) return;
  const target = objectTargetOf(node);
  if (!target) return;
  const document = await vscode.workspace.openTextDocument(liveUri(target, suffix));
  if (language) await vscode.languages.setTextDocumentLanguage(document, language);
  await vscode.window.showTextDocument(document, { preview: true });
}

/** Opens every Event of a pod (Normal ones too), warnings first, as a read-only table. */
export class ShowEventsCommand implements Command {
  readonly id = 'starterStack.showEvents';

  constructor(private readonly live: LiveCluster) {}

  execute(node?: unknown): Promise<void> {
    return showLive(this.live, node, EVENTS_SUFFIX);
  }
}
