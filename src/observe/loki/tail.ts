import WebSocket from 'ws';
import { Disposable, toDisposable } from '../../util/disposable';
import { connectionOptions, endpointUrl, refusedByApiServer, type ConnectionOptions, type Endpoint } from '../endpoint';
import type { LogLine } from '../model';
import { compareNs, msToNs, readStreams, shiftNs, toLogLines } from './entries';

export type TailState = 'connecting' | 'live' | 'reconnecting' | 'down';

export interface TailEvents {
  lines(lines: LogLine[]): void;
  /** Loki itself dropped entries (the tail could not keep up); counted, not shown. */
  dropped(count: number): void;
  state(state: TailState, message: string): void;
}

export interface TailOptions {
  readonly query: string;
  /** Nanoseconds: replay from here on the first connection (the end of the history already shown). */
  readonly start: string;
  /** Reconnect attempts before giving up ("down"); default 3. */
  readonly maxRetries?: number;
  readonly retryDelayMs?: number;
}

/** Loki's websocket tail API (`/loki/api/v1/tail`), reconnecting from the last line seen. */
export class LokiTail extends Disposable {
  private socket: WebSocket | undefined;
  private lastTs: string;
  /** The `start` of the current connection: Loki replays from there; nothing before it is new. */
  private connectedFrom: string;
  private failures = 0;
  /** The options the last handshake was refused (401) with: the next connection asks for new credentials. */
  private refused: ConnectionOptions | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: TailOptions,
    private readonly events: TailEvents,
  ) {
    super();
    this.lastTs = options.start;
    this.connectedFrom = options.start;
    this._register(toDisposable(() => this.close()));
  }

  start(): void {
    this.events.state('connecting', 'connecting to Loki tail');
    this.connect();
  }

  private connect(): void {
    // Fresh credentials for every connection: a kubeconfig exec token may have expired since the last one, or
    // been refused (401) before its expiry.
    const refused = this.refused;
    this.refused = undefined;
    connectionOptions(this.endpoint, refused).then(
      (options) => this.open(options),
      (e: unknown) => !this.isDisposed && this.retry(e instanceof Error ? e.message : String(e)),
    );
  }

  private open(options: ConnectionOptions): void {
    if (this.isDisposed) return;
    this.connectedFrom = this.lastTs;
    const url = endpointUrl(this.endpoint, '/loki/api/v1/tail', {
      query: this.options.query,
      start: shiftNs(this.lastTs, 1),
      limit: 1000,
      delay_for: 0,
    });
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, { headers: { ...options.headers }, ...options.tls, handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => {
      this.failures = 0;
      this.events.state('live', 'live tail');
    });
    socket.on('message', (data: WebSocket.RawData) => this.receive(data));
    socket.on('unexpected-response', (_req, res) => {
      // The API server refuses credentials with a JSON Status; Loki's own 401 (no tenant) is plain text.
      if (refusedByApiServer(res.statusCode, res.headers['content-type'])) this.refused = options;
      socket.emit('error', new Error(`tail refused: HTTP ${res.statusCode ?? 0}`));
    });
    socket.on('error', (e) => this.lost(socket, e.message));
    socket.on('close', (code) => this.lost(socket, `tail closed (${code})`));
  }

  private receive(data: WebSocket.RawData): void {
    let message: { streams?: unknown; dropped_entries?: unknown };
    try {
      message = JSON.parse(
        Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'),
      ) as typeof message;
    } catch {
      return;
    }
    // After a reconnect Loki replays from `start`; skip anything older that it might resend. Within one
    // connection, streams arrive in separate messages whose timestamps interleave: a line older than the
    // last one seen is still new, not a duplicate.
    const lines = toLogLines(readStreams(message.streams)).filter((l) => compareNs(l.ts, this.connectedFrom) > 0);
    const last = lines[lines.length - 1];
    if (last) {
      if (compareNs(last.ts, this.lastTs) > 0) this.lastTs = last.ts;
      this.events.lines(lines);
    }
    if (Array.isArray(message.dropped_entries) && message.dropped_entries.length > 0)
      this.events.dropped(message.dropped_entries.length);
  }

  private lost(socket: WebSocket, reason: string): void {
    if (socket !== this.socket || this.isDisposed) return;
    this.socket = undefined;
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    socket.terminate();
    this.retry(reason);
  }

  private retry(reason: string): void {
    this.failures++;
    if (this.failures > (this.options.maxRetries ?? 3)) {
      this.events.state('down', `Loki tail lost: ${reason}`);
      return;
    }
    this.events.state('reconnecting', `${reason}; reconnecting (${this.failures})`);
    this.timer = setTimeout(() => this.connect(), (this.options.retryDelayMs ?? 500) * 2 ** (this.failures - 1));
  }

  private close(): void {
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = undefined;
    socket?.removeAllListeners();
    socket?.on('error', () => undefined);
    socket?.close();
  }
}

export function nowNs(): string {
  return msToNs(Date.now());
}
