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

/**
 * The encoded JSON of stored objects, kept while they live: the store freezes what it stores, so an object's
 * encoding never changes, and LISTs and watch events reuse the bytes (the real API server's watch cache keeps
 * serialized objects the same way). Other values are encoded each time.
 */
const encoded = new WeakMap<object, Buffer>();

export function toJSONBytes(value: unknown): Buffer {
  if (typeof value !== 'object' || value === null || !Object.isFrozen(value)) return Buffer.from(JSON.stringify(value));
  let bytes = encoded.get(value);
  if (bytes === undefined) encoded.set(value, (bytes = Buffer.from(JSON.stringify(value))));
  return bytes;
}

/** The JSON of a List: `head` (kind, apiVersion, metadata), then `items`, copied from their kept encodings. */
export function listJSONBytes(head: Record<string, unknown>, items: readonly unknown[]): Buffer {
  const open = Buffer.from(`${JSON.stringify(head).slice(0, -1)},"items":[`);
  const parts = items.map((item) => toJSONBytes(item));
  const out = Buffer.allocUnsafe(parts.reduce((n, p) => n + p.length + 1, open.length + 2));
  let at = open.copy(out, 0);
  parts.forEach((part, i) => {
    if (i > 0) out[at++] = 0x2c; // ,
    at += part.copy(out, at);
  });
  at += out.write(']}', at);
  return out.subarray(0, at);
}

export function sendJSON(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJSONBytes(res, code, toJSONBytes(body), headers);
}

/** Sends an already encoded JSON body. */
export function sendJSONBytes(
  res: ServerResponse,
  code: number,
  bytes: Buffer,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': bytes.length,
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(bytes);
}

export function sendError(res: ServerResponse, err: unknown): void {
  const e =
    err instanceof SimError
      ? err
      : new SimError(
          500,
          'InternalError',
          `Internal error occurred: ${err instanceof Error ? err.message : String(err)}`,
        );
  if (!(err instanceof SimError)) console.error('[starter-sim] internal error', err);
  sendJSON(res, e.code, e.toStatus());
}

/** Query flags like `watch=1`, `watch=true`, `force=true`. */
export function flag(params: URLSearchParams, name: string): boolean {
  const v = params.get(name);
  return v === '1' || v === 'true';
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
