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

/** `{ stop: url }`: stops the forward Open App started on that local URL (the fallback message's Stop button). */
function isStopRequest(value: unknown): value is { stop: string } {
  return typeof value === 'object' && value !== null && typeof (value as { stop?: unknown }).stop === 'string';
}

/** One running forward: a local listener on 127.0.0.1 whose connections each open a port-forward stream. */
interface Forward {
  readonly label: string;
  readonly server: Server;
  readonly sockets: Set<Socket>;
  /** `http://127.0.0.1:PORT/` once listening. */
  url?: string;
  /** Set for a forward to a Service (Open App's): one per Service, reused while it runs. */
  service?: string;
}

/** Forwards a local port on 127.0.0.1 to a pod port (client-node's WebSocket port-forward; no kubectl). */
export class PortForwardCommand extends Disposable implements Command {
  readonly id = 'starterStack.portForward';
  private readonly forwards = new Set<Forward>();

  constructor(private readonly live: LiveCluster) {
    super();
    this._register({ dispose: () => [...this.forwards].forEach((f) => this.stop(f)) });
  }

  async execute(node?: unknown): Promise<void | { url: string } | { stopped: boolean }> {
    if (isServiceRequest(node)) return this.forwardService(node.service.namespace, node.service.name);
    if (isStopRequest(node)) return { stopped: this.stopUrl(node.stop) };
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

  /**
   * Forwards a free local port to a ready pod behind the Service (its first endpoint); quietly, for Open App, which
   * says so and offers to stop it. A forward to that Service that still runs is reused, not doubled.
   */
  private async forwardService(namespace: string, name: string): Promise<{ url: string } | undefined> {
    const key = `${namespace}/${name}`;
    const running = [...this.forwards].find((f) => f.service === key && f.url !== undefined && f.server.listening);
    if (running?.url) return { url: running.url };
    const session = this.live.session;
    if (!session) return undefined;
    const endpoints = session.cache.get('Endpoints', namespace, name);
    const subset = recs(rec(endpoints).subsets).find((s) => recs(s.addresses).length > 0);
    const target = rec(recs(subset?.addresses)[0]?.targetRef);
    const port = num(recs(subset?.ports)[0]?.port);
    if (target.kind !== 'Pod' || typeof target.name !== 'string' || port === undefined) return undefined;
    const forward = await this.start(session, { namespace, name: target.name }, port);
    forward.service = key;
    return forward.url ? { url: forward.url } : undefined;
  }

  /** Stops the forward listening on `url`; false when none does (already stopped). */
  private stopUrl(url: string): boolean {
    const forward = [...this.forwards].find((f) => f.url === url);
    if (forward) this.stop(forward);
    return forward !== undefined;
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
    const address = forward.server.address();
    if (typeof address === 'object' && address) forward.url = `http://127.0.0.1:${address.port}/`;
    this.forwards.add(forward);
    return forward;
  }

  private stop(forward: Forward): void {
    forward.server.close();
    forward.sockets.forEach((s) => s.destroy());
    this.forwards.delete(forward);
  }
}
