// The shared state of one simulator instance, passed to handlers and controllers.
import { type DemoBackends } from './backends/index';
import { type SimProfile } from './profiles';
import { type ObjectStore } from './store';

export interface ProbeFault {
  namespace: string;
  podNamePrefix: string;
  probe: 'readiness' | 'liveness';
}
export interface ResponseRule {
  method?: string;
  path: string | RegExp;
  status: number;
  message?: string;
  times?: number;
}
export interface ServiceRoute {
  host: string;
  port: number;
}
/** Access the simulator's one user is denied (SelfSubjectAccessReview says no, and the request gets 403). */
export interface AccessDenial {
  verb: string;
  resource: string;
  group?: string;
  namespace?: string;
}

/** Mutable fault-injection state; the HTTP layer and the simulated kubelet read it. */
export interface FaultState {
  rules: ResponseRule[];
  latencyMs: number;
  goneOnNextWatch: boolean;
  probeFailures: ProbeFault[];
  crashLoops: Array<{ namespace: string; podNamePrefix: string }>;
  imagePullFailures: Set<string>;
  /** A frozen server accepts connections and requests but never answers; `acting`: it still carries them out. */
  frozen?: 'silent' | 'acting';
  denials: AccessDenial[];
}

export interface SimContext {
  store: ObjectStore;
  /** Which flavour of cluster this simulator stands in for (demo: the friendly default). */
  profile: SimProfile;
  faults: FaultState;
  /** Multiplies every controller delay (tests use e.g. 0.05). */
  timeScale: number;
  nodeNames: string[];
  /** Target CPU utilisation percent per "namespace/deployment", driving HPA status. */
  cpuLoad: Map<string, number>;
  /** Local backends for service proxy / port-forward, by "namespace/service/port". */
  routes: Map<string, ServiceRoute>;
  /** The simulated Loki, Grafana and Prometheus that pods running their images answer with; absent when turned off. */
  backends?: DemoBackends;
  /** Open watch streams, closed by faults.dropWatches() and close(). */
  watches: Set<() => void>;
  /** Timers owned by controllers, cleared on close(). */
  timers: Set<NodeJS.Timeout>;
  closed: boolean;
}

export function newFaultState(): FaultState {
  return {
    rules: [],
    latencyMs: 0,
    goneOnNextWatch: false,
    probeFailures: [],
    crashLoops: [],
    imagePullFailures: new Set(),
    denials: [],
  };
}

/** setTimeout scaled by timeScale and cancelled when the simulator closes. */
export function later(ctx: SimContext, ms: number, fn: () => void): void {
  if (ctx.closed) return;
  const t = setTimeout(
    () => {
      ctx.timers.delete(t);
      if (!ctx.closed) fn();
    },
    Math.max(0, ms * ctx.timeScale),
  );
  ctx.timers.add(t);
}
