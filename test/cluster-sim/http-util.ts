// Small HTTP helpers shared by the simulator's handlers.
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { SimError } from './status';

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req)).toString('utf8');
}

export function sendJSON(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const e = err instanceof SimError ? err : new SimError(500, 'InternalError', `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`);
  if (!(err instanceof SimError)) console.error('[starter-sim] internal error', err);
  sendJSON(res, e.code, e.toStatus());
}

/** Query flags like `watch=1`, `watch=true`, `force=true`. */
export function flag(params: URLSearchParams, name: string): boolean {
  const v = params.get(name);
  return v === '1' || v === 'true';
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
