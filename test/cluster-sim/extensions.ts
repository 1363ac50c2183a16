// Subresources beyond plain REST (pod logs, service proxy) and HTTP upgrades (port-forward).
import { type Server } from 'node:https';
import { type SimContext } from './context';
import { handleLogs } from './logs';
import { attachPortForward } from './portforward';
import { handleServiceProxy } from './proxy';
import { type SubresourceHandler } from './server';
import { errors } from './status';

export function extraSubresources(): Record<string, SubresourceHandler> {
  return {
    log: handleLogs,
    proxy: handleServiceProxy,
    // Without a WebSocket upgrade, port-forward is a bad request (the upgrade path is in portforward.ts).
    portforward: () => {
      throw errors.badRequest('Upgrade request required');
    },
  };
}

export function attachUpgrades(server: Server, ctx: SimContext, token: string): void {
  attachPortForward(server, ctx, token);
}
