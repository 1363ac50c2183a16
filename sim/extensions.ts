// Subresources beyond plain REST (pod logs, service proxy) and HTTP upgrades (port-forward, service proxy).
import { EventEmitter } from 'node:events';
import { type IncomingMessage } from 'node:http';
import { type Server } from 'node:https';
import { type Duplex } from 'node:stream';
import { type SimContext } from './context';
import { handleLogs } from './logs';
import { attachPortForward } from './portforward';
import { handleServiceProxy, handleServiceProxyUpgrade } from './proxy';
import { type ResourceHandler } from './router';
import { errors } from './status';

export function extraSubresources(): Record<string, ResourceHandler> {
  return {
    log: handleLogs,
    proxy: handleServiceProxy,
    // Without a WebSocket upgrade, port-forward is a bad request (the upgrade path is in portforward.ts).
    portforward: () => {
      throw errors.badRequest('Upgrade request required');
    },
  };
}

/** One 'upgrade' listener: service proxy paths are relayed to their backend, everything else is port-forward's. */
export function attachUpgrades(server: Server, ctx: SimContext, token: string): void {
  const portForward = new EventEmitter();
  attachPortForward(portForward as unknown as Server, ctx, token);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!handleServiceProxyUpgrade(ctx, token, req, socket, head)) portForward.emit('upgrade', req, socket, head);
  });
}
