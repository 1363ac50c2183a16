// The simulated kubelet: runs each bound pod through the real lifecycle and reports it in pod status.
// Pending/ContainerCreating (Pulling → Pulled → Created → Started) → Running; readiness follows the
// readinessProbe's initialDelaySeconds/periodSeconds; injected faults produce ErrImagePull →
// ImagePullBackOff, failing probes (Unhealthy; liveness → Killing, restartCount++), and crash loops
// (lastState.terminated, CrashLoopBackOff with the kubelet's doubling back-off: 10s, 20s, ... 5m).
// Under a flavour profile (strictPulls) it pulls only what a real kubelet could: an image already on the node
// (Node.status.images; loaded or pulled before) is used unless imagePullPolicy is Always, a public image is
// pulled and then listed on the node, and `starter-stack/*` or an unknown registry fails with the runtime's own
// message. Docker Desktop's node refuses HostToContainer propagation of a hostPath `/` (RunContainerError).
// Simplified: all containers of a pod move together; no init containers; probes are not executed.
import { type SimContext, later } from '../context';
import { imagePresent, loadImagesOntoNodes } from '../imageLoad';
import { pullRefusal } from '../profiles';
import { type KObject, meta } from '../store';
import { recordEvent } from './events';
import { R, arr, modify, num, nowISO, o, setCondition, str } from './util';

/** Delays in ms before timeScale; pulls and starts take about this long on a warm node. */
export const KUBELET_DELAYS = {
  pullStart: 200,
  pull: 1500,
  crashAfter: 1500,
  backoffBase: 10_000,
  backoffMax: 300_000,
  imageBackoff: 5000,
};

interface ContainerSim {
  name: string;
  image: string;
  pullAlways: boolean;
  restartCount: number;
  state: Record<string, unknown>;
  lastState: Record<string, unknown>;
  ready: boolean;
}
interface PodSim {
  uid: string;
  ns: string;
  name: string;
  node: string;
  containers: ContainerSim[];
  ip?: string;
  phase: string;
  startedAt?: string;
}

/** The default imagePullPolicy: Always for `:latest` or no tag, else IfNotPresent. */
function pullsAlways(container: Record<string, unknown>): boolean {
  const policy = container.imagePullPolicy;
  if (policy === 'Always') return true;
  if (policy === 'IfNotPresent' || policy === 'Never') return false;
  const image = String(container.image);
  return !image.includes('@') && (!/:[^/]+$/.test(image) || image.endsWith(':latest'));
}

let ipCounter = 2;
const probeOf = (pod: KObject, kind: 'readinessProbe' | 'livenessProbe') =>
  arr(o(pod.spec).containers)
    .map((c) => o(c[kind]))
    .find((p) => Object.keys(p).length > 0);

function hasFault(list: Array<{ namespace: string; podNamePrefix: string }>, sim: PodSim): boolean {
  return list.some((f) => f.namespace === sim.ns && sim.name.startsWith(f.podNamePrefix));
}

function alive(ctx: SimContext, sim: PodSim): KObject | undefined {
  const p = ctx.store.peek(R.pod, sim.ns, sim.name);
  return p && meta(p).uid === sim.uid ? p : undefined;
}

function render(ctx: SimContext, sim: PodSim): KObject | undefined {
  return modify(ctx, R.pod, sim.ns, sim.name, (p) => {
    const st = o(p.status);
    const ready = sim.containers.every((c) => c.ready) && sim.phase === 'Running';
    st.phase = sim.phase;
    if (sim.ip) {
      st.podIP = sim.ip;
      st.podIPs = [{ ip: sim.ip }];
    }
    let conds = arr(st.conditions);
    conds = setCondition(conds, 'PodReadyToStartContainers', 'True', '', '');
    conds = setCondition(conds, 'Initialized', 'True', '', '');
    const notReady = sim.containers.filter((c) => !c.ready).map((c) => c.name);
    const why = notReady.length ? `containers with unready status: [${notReady.join(' ')}]` : '';
    conds = setCondition(conds, 'ContainersReady', ready ? 'True' : 'False', ready ? '' : 'ContainersNotReady', why);
    conds = setCondition(conds, 'Ready', ready ? 'True' : 'False', ready ? '' : 'ContainersNotReady', why);
    st.conditions = conds;
    st.containerStatuses = sim.containers.map((c) => ({
      name: c.name,
      image: c.image,
      imageID:
        c.state.running || c.lastState.terminated ? `docker.io/starter-sim/${c.image}@sha256:${'0'.repeat(64)}` : '',
      containerID:
        c.state.running || c.state.terminated ? `starter-sim://${sim.uid.slice(0, 8)}${c.restartCount}` : undefined,
      ready: c.ready,
      restartCount: c.restartCount,
      started: Boolean(c.state.running),
      state: c.state,
      lastState: c.lastState,
    }));
    st.qosClass = st.qosClass ?? 'BestEffort';
    p.status = st;
  });
}

export function runPod(ctx: SimContext, pod: KObject): void {
  const m = meta(pod);
  const sim: PodSim = {
    uid: m.uid ?? '',
    ns: m.namespace ?? 'default',
    name: m.name ?? '',
    node: str(o(pod.spec).nodeName),
    phase: 'Pending',
    containers: arr(o(pod.spec).containers).map((c) => ({
      name: String(c.name),
      image: String(c.image),
      pullAlways: pullsAlways(c),
      restartCount: 0,
      ready: false,
      state: { waiting: { reason: 'ContainerCreating' } },
      lastState: {},
    })),
  };
  render(ctx, sim);
  later(ctx, KUBELET_DELAYS.pullStart, () => pull(ctx, sim, 0));
}

function event(
  ctx: SimContext,
  sim: PodSim,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  container?: string,
): void {
  const p = alive(ctx, sim);
  if (p)
    recordEvent(
      ctx,
      R.pod,
      p,
      type,
      reason,
      message,
      'kubelet',
      container ? `spec.containers{${container}}` : undefined,
    );
}

/** Why this container's image cannot be pulled now (an injected fault, or what a real kubelet would hit), if so. */
function pullFailure(ctx: SimContext, c: ContainerSim): string | undefined {
  if (ctx.faults.imagePullFailures.has(c.image))
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${c.image}": not found (starter-sim injected fault)`;
  if (!ctx.profile.strictPulls) return undefined;
  const refusal = pullRefusal(c.image, ctx.profile.runtime);
  return refusal === undefined ? undefined : `rpc error: code = Unknown desc = ${refusal}`;
}

function pull(ctx: SimContext, sim: PodSim, attempt: number): void {
  if (!alive(ctx, sim)) return;
  const present = sim.containers.filter(
    (c) => !c.pullAlways && !ctx.faults.imagePullFailures.has(c.image) && imagePresent(ctx, sim.node, c.image),
  );
  const pulling = sim.containers.filter((c) => !present.includes(c));
  for (const c of present)
    event(ctx, sim, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c.name);
  if (pulling.length === 0) return start(ctx, sim);
  for (const c of pulling) event(ctx, sim, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c.name);
  later(ctx, KUBELET_DELAYS.pull, () => {
    if (!alive(ctx, sim)) return;
    const failing = pulling
      .map((c) => ({ c, why: pullFailure(ctx, c) }))
      .filter((f): f is { c: ContainerSim; why: string } => f.why !== undefined);
    if (failing.length) {
      for (const { c, why } of failing) {
        event(ctx, sim, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${why}`, c.name);
        event(ctx, sim, 'Warning', 'Failed', 'Error: ErrImagePull', c.name);
        c.state = { waiting: { reason: 'ErrImagePull', message: why } };
      }
      render(ctx, sim);
      later(ctx, KUBELET_DELAYS.imageBackoff / 5, () => {
        if (!alive(ctx, sim)) return;
        for (const { c } of failing) {
          c.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` } };
          event(ctx, sim, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c.name);
          event(ctx, sim, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name);
        }
        render(ctx, sim);
        later(ctx, Math.min(KUBELET_DELAYS.imageBackoff * 2 ** attempt, KUBELET_DELAYS.backoffMax), () =>
          pull(ctx, sim, attempt + 1),
        );
      });
      return;
    }
    for (const c of pulling)
      event(
        ctx,
        sim,
        'Normal',
        'Pulled',
        `Successfully pulled image "${c.image}" in 1.2s (1.2s including waiting). Image size: 52428800 bytes.`,
        c.name,
      );
    // A real kubelet's pulled images show up in Node.status.images; the demo keeps its node list as it was.
    if (ctx.profile.strictPulls && sim.node)
      loadImagesOntoNodes(
        ctx,
        pulling.map((c) => c.image),
        [sim.node],
      );
    start(ctx, sim);
  });
}

/** Containers that mount a hostPath `/` with HostToContainer propagation: Docker Desktop's node refuses them. */
function rootPropagationRefused(ctx: SimContext, pod: KObject): string[] {
  if (!ctx.profile.refusesRootPropagation) return [];
  const rootVolumes = new Set(
    arr(o(pod.spec).volumes)
      .filter((v) => o(v.hostPath).path === '/')
      .map((v) => String(v.name)),
  );
  return arr(o(pod.spec).containers)
    .filter((c) =>
      arr(c.volumeMounts).some((m) => m.mountPropagation === 'HostToContainer' && rootVolumes.has(String(m.name))),
    )
    .map((c) => String(c.name));
}

function refuseToRun(ctx: SimContext, sim: PodSim, containers: string[], attempt: number): void {
  const message = 'Error response from daemon: path / is mounted on / but it is not a shared or slave mount';
  for (const c of sim.containers.filter((x) => containers.includes(x.name))) {
    event(ctx, sim, 'Warning', 'Failed', `Error: failed to start container "${c.name}": ${message}`, c.name);
    c.state = {
      waiting: { reason: 'RunContainerError', message: `failed to start container "${c.name}": ${message}` },
    };
    c.ready = false;
  }
  render(ctx, sim);
  later(ctx, Math.min(KUBELET_DELAYS.backoffBase * 2 ** attempt, KUBELET_DELAYS.backoffMax), () => {
    const pod = alive(ctx, sim);
    if (pod) refuseToRun(ctx, sim, containers, attempt + 1);
  });
}

function start(ctx: SimContext, sim: PodSim): void {
  const pod = alive(ctx, sim);
  if (!pod) return;
  const refused = rootPropagationRefused(ctx, pod);
  if (refused.length) return refuseToRun(ctx, sim, refused, 0);
  const node = str(o(pod.spec).nodeName);
  sim.ip ??= `10.244.${Math.max(1, ctx.nodeNames.indexOf(node) + 1)}.${(ipCounter++ % 250) + 2}`;
  const startedAt = nowISO();
  for (const c of sim.containers) {
    event(ctx, sim, 'Normal', 'Created', `Created container: ${c.name}`, c.name);
    event(ctx, sim, 'Normal', 'Started', `Started container ${c.name}`, c.name);
    c.state = { running: { startedAt } };
    c.ready = false;
  }
  sim.phase = 'Running';
  sim.startedAt = startedAt;
  const generation = sim.containers[0]?.restartCount ?? 0;
  const stillCurrent = () => alive(ctx, sim) && (sim.containers[0]?.restartCount ?? 0) === generation;
  const readiness = probeOf(pod, 'readinessProbe');
  if (!readiness) for (const c of sim.containers) c.ready = true;
  render(ctx, sim);
  if (readiness) {
    const delay = num(readiness.initialDelaySeconds) * 1000;
    const period = num(readiness.periodSeconds, 10) * 1000;
    const probe = () => {
      if (!stillCurrent()) return;
      const failing = ctx.faults.probeFailures.some(
        (f) => f.probe === 'readiness' && f.namespace === sim.ns && sim.name.startsWith(f.podNamePrefix),
      );
      if (failing)
        event(ctx, sim, 'Warning', 'Unhealthy', 'Readiness probe failed: HTTP probe failed with statuscode: 503');
      const ready = !failing;
      if (sim.containers.some((c) => c.ready !== ready)) {
        for (const c of sim.containers) c.ready = ready;
        render(ctx, sim);
      }
      later(ctx, period, probe);
    };
    later(ctx, delay, probe);
  }
  const liveness = probeOf(pod, 'livenessProbe');
  if (hasFault(ctx.faults.crashLoops, sim)) {
    later(
      ctx,
      KUBELET_DELAYS.crashAfter,
      () => stillCurrent() && terminate(ctx, sim, { exitCode: 1, reason: 'Error' }),
    );
  } else if (liveness) {
    const period = num(liveness.periodSeconds, 10) * 1000;
    const threshold = num(liveness.failureThreshold, 3);
    let failures = 0;
    const probe = () => {
      if (!stillCurrent()) return;
      const failing = ctx.faults.probeFailures.some(
        (f) => f.probe === 'liveness' && f.namespace === sim.ns && sim.name.startsWith(f.podNamePrefix),
      );
      if (failing) {
        failures++;
        event(ctx, sim, 'Warning', 'Unhealthy', 'Liveness probe failed: HTTP probe failed with statuscode: 500');
        if (failures >= threshold) {
          for (const c of sim.containers)
            event(
              ctx,
              sim,
              'Normal',
              'Killing',
              `Container ${c.name} failed liveness probe, will be restarted`,
              c.name,
            );
          terminate(ctx, sim, { exitCode: 137, reason: 'Error' });
          return;
        }
      } else failures = 0;
      later(ctx, period, probe);
    };
    later(ctx, num(liveness.initialDelaySeconds) * 1000 + period, probe);
  }
}

function terminate(ctx: SimContext, sim: PodSim, how: { exitCode: number; reason: string }): void {
  if (!alive(ctx, sim)) return;
  const finishedAt = nowISO();
  const restarts = (sim.containers[0]?.restartCount ?? 0) + 1;
  const backoff = Math.min(KUBELET_DELAYS.backoffBase * 2 ** (restarts - 1), KUBELET_DELAYS.backoffMax);
  for (const c of sim.containers) {
    const startedAt = o(c.state.running).startedAt;
    c.lastState = {
      terminated: {
        exitCode: how.exitCode,
        reason: how.reason,
        startedAt,
        finishedAt,
        containerID: `starter-sim://${sim.uid.slice(0, 8)}${c.restartCount}`,
      },
    };
    c.restartCount = restarts;
    c.ready = false;
    c.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${Math.round(backoff / 1000)}s restarting failed container=${c.name} pod=${sim.name}_${sim.ns}(${sim.uid})`,
      },
    };
    event(
      ctx,
      sim,
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${c.name} in pod ${sim.name}_${sim.ns}(${sim.uid})`,
      c.name,
    );
  }
  render(ctx, sim);
  later(ctx, backoff, () => start(ctx, sim));
}
