import { createServer, type Server, type Socket } from 'node:net';
import * as vscode from 'vscode';
import type { LiveSession } from '../../kube/cache/connect';
import { rec, recs, num } from '../../kube/cache/fields';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import { Disposable } from '../../util/disposable';
import { podOf, sessionAndTarget, type PodRef } from '../tree/commandTargets';
import type { Command } from './command';

/** `{ service: { namespace, name } }`: forward to the Service's pods (what Open App asks for). */
function isServiceRequest(value: unknown): value is { service: { namespace: string; name: string } } {
  const service = typeof value === 'object' && value !== null && 'service' in value ? value.service : undefined;
  return (
    typeof service === 'object' &&
    service !== null &&
    typeof (service as { namespace?: unknown }).namespace === 'string' &&
    typeof (service as { name?: unknown }).name === 'string'
  );
}

/** One running forward: a local listener on 127.0.0.1 whose connections each open a port-forward stream. */
interface Forward {
  readonly label: string;
  readonly server: Server;
  readonly sockets: Set<Socket>;
}

/** Forwards a local port on 127.0.0.1 to a pod port (client-node's WebSocket port-forward; no kubectl). */
export class PortForwardCommand extends Disposable implements Command {
  readonly id = 'starterStack.portForward';
  private readonly forwards = new Set<Forward>();

  constructor(private readonly live: LiveCluster) {
    super();
    this._register({ dispose: () => [...this.forwards].forEach((f) => this.stop(f)) });
  }

  async execute(node?: unknown): Promise<void | { url: string }> {
    if (isServiceRequest(node)) return this.forwardService(node.service.namespace, node.service.name);
    const chosen = await sessionAndTarget(this.live, node, podOf);
    if (!chosen) return;
    const { session, target: pod } = chosen;
    const port = await this.askPort(session, pod);
    if (port === undefined) return;
    const forward = await this.start(session, pod, port);
    const address = forward.server.address();
    const local = typeof address === 'object' && address ? address.port : 0;
    const open = vscode.l10n.t('Open in Browser');
    const stop = vscode.l10n.t('Stop');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Forwarding 127.0.0.1:{0} → {1}:{2}', local, pod.name, port),
      open,
      stop,
    );
    // Under code-server or a remote window the browser is elsewhere: asExternalUri maps the local port to what it reaches.
    if (choice === open)
      await vscode.env.openExternal(await vscode.env.asExternalUri(vscode.Uri.parse(`http://127.0.0.1:${local}/`)));
    if (choice === stop) this.stop(forward);
  }

  /** Forwards a free local port to a ready pod behind the Service (its first endpoint); quietly, for Open App. */
  private async forwardService(namespace: string, name: string): Promise<{ url: string } | undefined> {
    const session = this.live.session;
    if (!session) return undefined;
    const endpoints = session.cache.get('Endpoints', namespace, name);
    const subset = recs(rec(endpoints).subsets).find((s) => recs(s.addresses).length > 0);
    const target = rec(recs(subset?.addresses)[0]?.targetRef);
    const port = num(recs(subset?.ports)[0]?.port);
    if (target.kind !== 'Pod' || typeof target.name !== 'string' || port === undefined) return undefined;
    const forward = await this.start(session, { namespace, name: target.name }, port);
    const address = forward.server.address();
    return typeof address === 'object' && address ? { url: `http://127.0.0.1:${address.port}/` } : undefined;
  }

  private async askPort(session: LiveSession, pod: PodRef): Promise<number | undefined> {
    const object = session.cache.get('Pod', pod.namespace, pod.name);
    const ports = recs(rec(object?.spec).containers)
      .flatMap((c) => recs(c.ports).map((p) => num(p.containerPort)))
      .filter((p): p is number => p !== undefined);
    if (ports.length === 1) return ports[0];
    const picked =
      ports.length > 1
        ? await vscode.window.showQuickPick(ports.map(String), { placeHolder: vscode.l10n.t('Pod port') })
        : await vscode.window.showInputBox({
            prompt: vscode.l10n.t('Pod port'),
            validateInput: (v) => (/^\d{1,5}$/.test(v) ? undefined : vscode.l10n.t('A port number')),
          });
    return picked === undefined ? undefined : Number(picked);
  }

  private async start(session: LiveSession, pod: PodRef, port: number): Promise<Forward> {
    const { PortForward } = await import('../../kube/clientNode');
    const { toClientNode } = await import('../../kube/kubeconfigData');
    const forwarder = new PortForward(await toClientNode(session.target.kubeConfig));
    const forward: Forward = {
      label: `${pod.namespace}/${pod.name}:${port}`,
      server: createServer(),
      sockets: new Set(),
    };
    forward.server.on('connection', (socket) => {
      forward.sockets.add(socket);
      socket.on('close', () => forward.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      forwarder.portForward(pod.namespace, pod.name, [port], socket, null, socket).catch(() => socket.destroy());
    });
    await new Promise<void>((resolve) => forward.server.listen(0, '127.0.0.1', resolve));
    this.forwards.add(forward);
    return forward;
  }

  private stop(forward: Forward): void {
    forward.server.close();
    forward.sockets.forEach((s) => s.destroy());
    this.forwards.delete(forward);
  }
}
