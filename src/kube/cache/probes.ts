import { rec, recs, str, type Rec } from './fields';

export type ProbeKind = 'readiness' | 'liveness' | 'startup';
export type ProbeState = 'passing' | 'failing' | 'unknown' | 'not-configured';

/** One probe of one container, as the tree shows it. */
export interface ProbeStatus {
  readonly kind: ProbeKind;
  readonly state: ProbeState;
  /** What it checks: `httpGet /healthz :8080`, `tcp :5432`, `exec pg_isready`, `grpc :9090`. */
  readonly handler?: string;
  /** The kubelet's last complaint (an Unhealthy event), when failing. */
  readonly message?: string;
}

/** A Warning event about a container's probe, reduced to what the probe status needs. */
export interface ProbeEvent {
  readonly probe: ProbeKind;
  readonly message: string;
  /** ISO time of the latest occurrence. */
  readonly at: string;
}

const port = (value: unknown): string => (typeof value === 'number' || typeof value === 'string' ? `:${value}` : '');

export function probeHandler(probe: Rec): string {
  const http = rec(probe.httpGet);
  if (probe.httpGet !== undefined) return `httpGet ${str(http.path) || '/'} ${port(http.port)}`.trim();
  if (probe.tcpSocket !== undefined) return `tcp ${port(rec(probe.tcpSocket).port)}`.trim();
  if (probe.grpc !== undefined) return `grpc ${port(rec(probe.grpc).port)}`.trim();
  const command = rec(probe.exec).command;
  if (probe.exec !== undefined) return `exec ${Array.isArray(command) ? command.map(String).join(' ') : ''}`.trim();
  return 'unknown handler';
}

/** Unhealthy events of one container (`spec.containers{name}`), newest first. */
export function probeEventsFor(podName: string, container: string, events: readonly Rec[]): ProbeEvent[] {
  const out: ProbeEvent[] = [];
  for (const event of events) {
    const involved = rec(event.involvedObject);
    if (event.reason !== 'Unhealthy' || involved.name !== podName) continue;
    const fieldPath = str(involved.fieldPath);
    if (fieldPath !== '' && fieldPath !== `spec.containers{${container}}`) continue;
    const message = str(event.message);
    const probe = /^liveness/i.test(message) ? 'liveness' : /^startup/i.test(message) ? 'startup' : 'readiness';
    const at = str(event.lastTimestamp) || str(event.eventTime) || str(rec(event.metadata).creationTimestamp);
    out.push({ probe, message, at });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

const NOT_CONFIGURED = {
  readiness: Object.freeze({ kind: 'readiness', state: 'not-configured' }),
  liveness: Object.freeze({ kind: 'liveness', state: 'not-configured' }),
} as const;

/**
 * Statuses without a message, shared: 50,000 pods with the same probe and state hold one object, not 50,000
 * (views are never changed; a change builds a new one). Bounded, as handlers come from the cluster.
 */
const sharedStatuses = new Map<string, ProbeStatus>();
const SHARED_STATUSES_MAX = 1000;

function shared(kind: ProbeKind, state: ProbeState, handler: string): ProbeStatus {
  const key = `${kind} ${state} ${handler}`;
  let status = sharedStatuses.get(key);
  if (status) return status;
  status = Object.freeze({ kind, state, handler });
  if (sharedStatuses.size < SHARED_STATUSES_MAX) sharedStatuses.set(key, status);
  return status;
}

/** Readiness: the kubelet's verdict is the container's `ready` flag while it runs. */
export function readinessStatus(spec: Rec, status: Rec | undefined, events: readonly ProbeEvent[]): ProbeStatus {
  const probe = spec.readinessProbe;
  if (probe === undefined) return NOT_CONFIGURED.readiness;
  const handler = probeHandler(rec(probe));
  if (!status || rec(status.state).running === undefined) return shared('readiness', 'unknown', handler);
  if (status.ready === true) return shared('readiness', 'passing', handler);
  const message = events.find((e) => e.probe === 'readiness')?.message;
  return { kind: 'readiness', state: 'failing', handler, ...(message ? { message } : {}) };
}

/** Liveness: failing when the kubelet reported it since the current instance started (or it is not running). */
export function livenessStatus(spec: Rec, status: Rec | undefined, events: readonly ProbeEvent[]): ProbeStatus {
  const probe = spec.livenessProbe;
  if (probe === undefined) return NOT_CONFIGURED.liveness;
  const handler = probeHandler(rec(probe));
  const running = rec(rec(status?.state).running);
  const startedAt = str(running.startedAt);
  const latest = events.find((e) => e.probe === 'liveness');
  const isRunning = status !== undefined && rec(status.state).running !== undefined;
  if (latest && (!isRunning || latest.at >= startedAt))
    return { kind: 'liveness', state: 'failing', handler, message: latest.message };
  return shared('liveness', isRunning ? 'passing' : 'unknown', handler);
}

export const containerSpecs = (podSpec: Rec): Rec[] => recs(podSpec.containers);
