// Fault injection for tests: canned error responses, latency, dropped/expired watches, compacted history, outages,
// and workload failures that the simulated kubelet acts on.
import { type Server, type Socket } from 'node:net';
import { type FaultState, type SimContext, newFaultState } from './context';
import { type AccessDenial, type ResponseRule } from './context';
import { SimError } from './status';

export interface SimulatorFaults {
  respond(rule: { method?: string; path: string | RegExp; status: number; message?: string; times?: number }): void;
  latency(ms: number): void;
  dropWatches(): void;
  goneOnNextWatch(): void;
  /**
   * Compacts the history, as etcd does: a watch resuming from any resourceVersion older than now gets a
   * real 410 Gone (an ERROR event carrying an Expired Status), while lists and new watches work as before.
   */
  compact(): void;
  down(): void;
  up(): void;
  /**
   * From now on the server accepts connections and requests and never answers, as a hung API server does
   * (watches already open go silent too). With `acting: true` it still carries each request out (writes
   * are stored) and only the answer is lost. `clear()` ends it for new requests.
   */
  freeze(options?: { acting?: boolean }): void;
  failProbe(namespace: string, podNamePrefix: string, probe: 'readiness' | 'liveness'): void;
  crashLoop(namespace: string, podNamePrefix: string): void;
  imagePullFails(image: string): void;
  /** Denies the simulator's user a verb on a resource (plural; `*` for all), optionally in one namespace or group. */
  denyAccess(denial: AccessDenial): void;
  clear(): void;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** The injected error for this request, if a rule matches (consuming one of its `times`). */
export function matchRule(faults: FaultState, method: string, path: string): SimError | undefined {
  const rule = faults.rules.find(
    (r) =>
      (!r.method || r.method.toUpperCase() === method) &&
      (typeof r.path === 'string' ? path.startsWith(r.path) : r.path.test(path)),
  );
  if (!rule) return undefined;
  if (rule.times !== undefined && --rule.times <= 0) faults.rules.splice(faults.rules.indexOf(rule), 1);
  return new SimError(
    rule.status,
    REASONS[rule.status] ?? 'Unknown',
    rule.message ?? `injected fault (starter-sim test double): ${rule.status}`,
  );
}

export function createFaults(
  ctx: SimContext,
  server: Server,
  sockets: Set<Socket>,
  port: () => number,
): SimulatorFaults {
  return {
    respond: (rule: ResponseRule) => void ctx.faults.rules.push({ ...rule }),
    latency: (ms) => void (ctx.faults.latencyMs = ms),
    dropWatches: () => [...ctx.watches].forEach((close) => close()),
    goneOnNextWatch: () => void (ctx.faults.goneOnNextWatch = true),
    compact: () => ctx.store.compact(),
    down: () => {
      // Stop listening and cut every connection: clients now get ECONNREFUSED / ECONNRESET.
      [...ctx.watches].forEach((close) => close());
      server.close();
      for (const s of sockets) s.destroy();
    },
    up: () => {
      if (!server.listening) server.listen(port(), '127.0.0.1');
    },
    freeze: (options) => void (ctx.faults.frozen = options?.acting ? 'acting' : 'silent'),
    failProbe: (namespace, podNamePrefix, probe) =>
      void ctx.faults.probeFailures.push({ namespace, podNamePrefix, probe }),
    crashLoop: (namespace, podNamePrefix) => void ctx.faults.crashLoops.push({ namespace, podNamePrefix }),
    imagePullFails: (image) => void ctx.faults.imagePullFailures.add(image),
    denyAccess: (denial) => void ctx.faults.denials.push({ ...denial }),
    clear: () => Object.assign(ctx.faults, newFaultState()),
  };
}
