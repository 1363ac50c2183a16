// Tree benchmark: a simulated cluster of 5,000 pods in 50 namespaces. Measures the time to the first full
// tree model (connect → every namespace watched and synced → every node built and rendered), the time from
// a pod status change at the API to the tree's node update (p50/p95 over ≥ 100 changes), the memory of the
// cache + model, and, against the same simulator in the same run, `kubectl get pods -A -o json` (what other
// extensions run on each expand). The simulator runs in a child process so it does not share our heap or loop.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs, promisify } from 'node:util';
import { cacheTransport, openLiveSession, type LiveSession } from '../../src/kube/cache/connect';
import type { WatchTransport } from '../../src/kube/cache/watchTransport';
import type { KubeconfigRequest } from '../../src/kube/kubeconfig';
import { openCluster } from '../../src/kube/session';
import { ok, type Result } from '../../src/util/result';
import { LiveCluster } from '../../src/kube/cache/liveCluster';
import type { ClusterClient } from '../../src/kube/client';
import { mapBounded } from '../../src/kube/pool';
import { ClusterTreeModel } from '../../src/editor/tree/clusterTreeModel';
import { plainLocalize } from '../../src/editor/tree/l10n';
import type { TreeNode } from '../../src/editor/tree/treeItemSpec';
import type { TreeSourceState } from '../../src/editor/tree/clusterTreeModel';
import { ClusterCache } from '../../src/kube/cache/clusterCache';
import { Emitter } from '../../src/kube/cache/emitter';
import { NAMESPACED_KINDS } from '../../src/kube/cache/kinds';
import { FakeTransport, type Body } from '../support/fakeTransport';

const ROOT = join(__dirname, '..', '..');
const KUBECTL = '/usr/bin/kubectl';
const benchNamespace = (n: number): string => `bench-${String(n).padStart(2, '0')}`;
/** The namespace the bench treats as the stack's: the first screen shows it. */
const STACK_NAMESPACE = benchNamespace(0);

/** `npm run bench -- tree --pods N --namespaces M`; 5,000 pods in 50 namespaces by default. */
function sizeFrom(argv: readonly string[]): { namespaces: number; podsPerNamespace: number } {
  const { values } = parseArgs({
    args: [...argv],
    options: { pods: { type: 'string', default: '5000' }, namespaces: { type: 'string', default: '50' } },
    strict: true,
  });
  const pods = Number(values.pods);
  const namespaces = Number(values.namespaces);
  if (!Number.isInteger(pods) || !Number.isInteger(namespaces) || namespaces < 1 || pods < namespaces)
    throw new Error(
      `--pods and --namespaces must be whole numbers with pods ≥ namespaces ≥ 1 (got ${values.pods}, ${values.namespaces})`,
    );
  return { namespaces, podsPerNamespace: Math.floor(pods / namespaces) };
}
const CHANGES = 120;
const PEER_ROUNDS = 3;

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const round = (n: number): number => Math.round(n * 10) / 10;

async function startSimulator(kubeconfig: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'sim/main.ts'), '--port', '0', '--kubeconfig', kubeconfig],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('kubeconfig:')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`the simulator exited (${code ?? 'signal'}) before it was ready: ${out}`)),
    );
  });
  child.once('exit', (code, signal) => console.error(`bench: the simulator exited (${code ?? signal ?? '?'})`));
  return child;
}

function benchPod(namespace: string, index: number): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${index}`, namespace, labels: { app: 'web' } },
    spec: {
      nodeName: `sim-node-${(index % 3) + 1}`,
      containers: [{ name: 'web', image: 'bench/web:1', readinessProbe: { httpGet: { path: '/ready', port: 8080 } } }],
    },
    status: statusOf(true),
  };
}

function statusOf(ready: boolean): Record<string, unknown> {
  return {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containerStatuses: [
      {
        name: 'web',
        image: 'bench/web:1',
        imageID: 'sim://bench/web@sha256:1',
        ready,
        restartCount: 0,
        state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
      },
    ],
  };
}

async function must(
  client: ClusterClient,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  contentType?: string,
): Promise<void> {
  const answer = await client.send({ method, path, body, contentType }, { verb: method, plural: path, group: '' });
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.error.message}`);
}

/** How long populating may take before the run stops and measures what exists (a guard: the simulator used to slow down as it filled). */
const POPULATE_BUDGET_MS = 90_000;

/**
 * Bare pods (no controllers own them) with a Running status, written through the API like any client,
 * one namespace at a time until all are written or the budget is spent. Returns the pods written.
 */
async function populate(client: ClusterClient, namespaceCount: number, podsPerNamespace: number): Promise<number> {
  const started = performance.now();
  let written = 0;
  for (let n = 0; n < namespaceCount && performance.now() - started < POPULATE_BUDGET_MS; n++) {
    const ns = benchNamespace(n);
    await must(client, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const indexes = Array.from({ length: podsPerNamespace }, (_, i) => i);
    try {
      await mapBounded(indexes, 32, (i) => must(client, 'POST', `/api/v1/namespaces/${ns}/pods`, benchPod(ns, i)), {
        skipped: () => undefined,
      });
    } catch (e) {
      // The simulator stopped answering in time (30 s): measure what it holds.
      console.error(`bench: populating stopped in ${ns}: ${e instanceof Error ? e.message : String(e)}`);
      break;
    }
    written += podsPerNamespace;
  }
  return written;
}

async function timeKubectl(kubeconfig: string): Promise<number> {
  const times: number[] = [];
  const cache = mkdtempSync(join(tmpdir(), 'bench-tree-kubectl-'));
  for (let round = 0; round < PEER_ROUNDS; round++) {
    const start = performance.now();
    await promisify(execFile)(KUBECTL, ['get', 'pods', '-A', '-o', 'json', '--cache-dir', cache], {
      env: { ...process.env, KUBECONFIG: kubeconfig },
      maxBuffer: 512 * 1024 * 1024,
    });
    times.push(performance.now() - start);
  }
  return quantile(times, 0.5);
}

/** Walks every node the way an expanded tree would (children + render), returning how many there are. */
function walk(model: ClusterTreeModel, node?: TreeNode): number {
  let count = 0;
  for (const child of model.children(node)) {
    model.render(child, { t: plainLocalize, now: Date.now() });
    count += 1 + walk(model, child);
  }
  return count;
}

function allSynced(session: LiveSession): boolean {
  const { cache } = session;
  return (
    cache.status('Namespace')?.state === 'synced' && NAMESPACED_KINDS.every((k) => cache.status(k)?.state === 'synced')
  );
}

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

function collectGarbage(): void {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as () => void)();
}

/** When each watch event arrived, by `Kind/namespace/name`: to split our latency from the simulator's. */
const arrivals = new Map<string, number>();

function timedTransport(inner: WatchTransport): WatchTransport {
  return {
    contextName: inner.contextName,
    server: inner.server,
    listsSlimmed: inner.listsSlimmed,
    list: (scope, signal, onPage) => inner.list(scope, signal, onPage),
    watch: (scope, rv, handlers) =>
      inner.watch(scope, rv, {
        ...handlers,
        onEvent: (type, object) => {
          arrivals.set(`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, performance.now());
          handlers.onEvent(type, object);
        },
      }),
    dispose: () => inner.dispose(),
  };
}

/** openLiveSession, with the watch transport timed. */
async function timedSession(request: KubeconfigRequest): Promise<Result<LiveSession>> {
  const opened = await openCluster(request, { maxSockets: 32 });
  if (!opened.ok) return opened;
  const { target, client } = opened.value;
  const transport = cacheTransport(client);
  const cache = new ClusterCache(timedTransport(transport));
  return ok({ target, client, cache, dispose: () => (cache.dispose(), transport.dispose(), opened.value.dispose()) });
}

/** The stack namespace's rows, once they are real rows (not "loading"): what the first screen shows. */
function stackRows(model: ClusterTreeModel): number {
  const context = model.roots()[0];
  const stack = context && model.children(context).find((n) => n.id === `Namespace/${STACK_NAMESPACE}`);
  const rows = stack ? model.children(stack) : [];
  return rows.length > 0 && !rows.some((r) => r.id.endsWith('/message')) ? rows.length : 0;
}

/**
 * Connect and open the view as VS Code does (roots, then the namespaces, which opens the stack namespace); then
 * watch everything, build and render every node: the first full tree. The first screen (namespaces and the stack
 * namespace's rows) is timed on the way: it must not wait for the 50,000 pods of the other namespaces.
 */
async function firstTree(kubeconfig: string): Promise<{
  ms: number;
  firstScreenMs: number;
  syncMs: number;
  nodes: number;
  live: LiveCluster;
  model: ClusterTreeModel;
}> {
  const start = performance.now();
  const live = new LiveCluster(
    (request) => timedSession(request),
    () => ({ file: kubeconfig }),
  );
  const model = new ClusterTreeModel(live, () => STACK_NAMESPACE);
  await live.connect();
  const session = live.session;
  if (!session) throw new Error(`could not connect: ${JSON.stringify(live.state)}`);
  await until(() => session.cache.status('Namespace')?.state === 'synced', 60_000, 'the namespace list');
  model.children(model.roots()[0]);
  // One cluster-wide watch per kind: the "all namespaces" mode for someone who opens everything.
  session.cache.openAllNamespaces();
  await until(() => stackRows(model) > 0, 60_000, "the stack namespace's rows");
  const firstScreenMs = performance.now() - start;
  await until(() => allSynced(session), 120_000, 'every watch to sync');
  const syncMs = performance.now() - start;
  const nodes = walk(model);
  return { ms: performance.now() - start, firstScreenMs, syncMs, nodes, live, model };
}

interface Latencies {
  /** PATCH sent → the model fired the pod's node. */
  readonly update: number[];
  /** PATCH sent → the simulator answered: the simulator's own share. */
  readonly api: number[];
  /** The watch event arrived → the model fired the node: our own share. */
  readonly ours: number[];
}

/** PATCH a pod's status, time until the model fires that pod's node. Sequential, so each is measured alone. */
async function updateLatencies(
  model: ClusterTreeModel,
  client: ClusterClient,
  namespaceCount: number,
  podsPerNamespace: number,
): Promise<Latencies> {
  const times: number[] = [];
  const api: number[] = [];
  const ours: number[] = [];
  const ready = new Map<string, boolean>();
  for (let i = 0; i < CHANGES; i++) {
    const ns = benchNamespace(i % namespaceCount);
    const name = `web-${(i * 7) % podsPerNamespace}`;
    const id = `Pod/${ns}/${name}`;
    let seen = 0;
    const subscription = model.onDidChangeNodes((nodes) => {
      if (nodes?.some((n) => n.id === id)) seen = performance.now();
    });
    // Flip readiness, so every change is one the tree must show.
    const next = !(ready.get(id) ?? true);
    ready.set(id, next);
    const start = performance.now();
    await must(
      client,
      'PATCH',
      `/api/v1/namespaces/${ns}/pods/${name}/status`,
      { status: statusOf(next) },
      'application/merge-patch+json',
    );
    api.push(performance.now() - start);
    await until(() => seen > 0, 5000, `the node of ${id}`);
    times.push(seen - start);
    ours.push(seen - (arrivals.get(id) ?? NaN));
    subscription.dispose();
    // Re-render what changed, as VS Code would, so the next change compares against it.
    const node = model.findNode(id);
    if (node) model.render(node, { t: plainLocalize, now: Date.now() });
  }
  return { update: times, api, ours };
}

/** The first tree, the heap while it lives, then the update latencies; the tree is disposed on return. */
async function treeAndUpdates(
  kubeconfig: string,
  simulatorPid: number | undefined,
  client: ClusterClient,
  namespaces: number,
  podsPerNamespace: number,
): Promise<{
  tree: { ms: number; syncMs: number; nodes: number; firstScreenMs: number; oursCpuMs: number; simulatorCpuMs: number };
  heapWithTree: number;
  pods: number;
  latencies: Latencies;
}> {
  // The bench's own garbage (50,000 pods written and their answers read, the in-memory run) is collected first: an
  // extension host opening the view has none of it, and a full collection of it fell inside the timed part at random.
  await heapAfterGc();
  const cpuBefore = process.cpuUsage();
  const simulatorBefore = cpuMsOf(simulatorPid);
  const { live, model, ...timed } = await firstTree(kubeconfig);
  const cpu = process.cpuUsage(cpuBefore);
  const tree = {
    ...timed,
    oursCpuMs: (cpu.user + cpu.system) / 1000,
    simulatorCpuMs: cpuMsOf(simulatorPid) - simulatorBefore,
  };
  const heapWithTree = await heapAfterGc();
  const pods = live.session?.cache.count('Pod') ?? 0;
  const latencies = await updateLatencies(model, client, namespaces, podsPerNamespace);
  model.dispose();
  live.dispose();
  return { tree, heapWithTree, pods, latencies };
}

/** A full run on one fresh simulator: populate, peer, first tree, memory, update latencies. */
async function runOn(
  namespaceCount: number,
  podsPerNamespace: number,
  withPeer: boolean,
): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-tree-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const sim = await startSimulator(kubeconfig);
  try {
    const setup = await openLiveSession({ file: kubeconfig });
    if (!setup.ok) throw new Error(setup.error);
    const populateStart = performance.now();
    const written = await populate(setup.value.client, namespaceCount, podsPerNamespace);
    const filledNamespaces = Math.max(1, written / podsPerNamespace);
    const populateMs = performance.now() - populateStart;
    const peerMs = withPeer ? await timeKubectl(kubeconfig) : NaN;
    const measured = await treeAndUpdates(kubeconfig, sim.pid, setup.value.client, filledNamespaces, podsPerNamespace);
    // Everything the first tree held (cache, model, nodes, what was drawn): the heap given back once it is disposed
    // and unreachable, after GC. (A "before" taken after populating and kubectl still holds their garbage.)
    await new Promise((r) => setTimeout(r, 1000)); // the aborted watches' sockets close and drop their handlers
    const cacheMb = measured.heapWithTree - (await heapAfterGc());
    setup.value.dispose();
    const { tree, latencies, pods } = measured;
    return {
      pods,
      first_tree_ms: tree.ms,
      sync_ms: tree.syncMs,
      nodes: tree.nodes,
      cache_mb: cacheMb / 1024 / 1024,
      first_screen_ms: tree.firstScreenMs,
      ours_cpu_ms: tree.oursCpuMs,
      simulator_cpu_ms: tree.simulatorCpuMs,
      peer_ms: peerMs,
      update_ms_p50: quantile(latencies.update, 0.5),
      update_ms_p95: quantile(latencies.update, 0.95),
      api_ms_p50: quantile(latencies.api, 0.5),
      ours_ms_p50: quantile(latencies.ours, 0.5),
      ours_ms_p95: quantile(latencies.ours, 0.95),
      changes: latencies.update.length,
      populate_ms: populateMs,
      namespaces: filledNamespaces,
    };
  } catch (e) {
    throw new Error(
      `${e instanceof Error ? e.message : String(e)} (simulator: exit code ${sim.exitCode ?? '-'}, signal ${sim.signalCode ?? '-'})`,
    );
  } finally {
    sim.kill('SIGTERM');
  }
}

/**
 * CPU time (user + system) a process has used, from /proc (Linux); NaN elsewhere. The first tree's CPU, ours (all our
 * threads: the collector's helpers too) and the simulator's, says whose work a slow run was.
 */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
/** USER_HZ: what /proc counts CPU time in, 100 on Linux on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

async function heapAfterGc(): Promise<number> {
  collectGarbage();
  await new Promise((r) => setImmediate(r));
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** The same first tree with an API that answers at once (in-memory transport): our own share, without the simulator. */
async function modelOnlyFirstTree(
  NAMESPACES: number,
  PODS_PER_NAMESPACE: number,
): Promise<{ ms: number; nodes: number }> {
  const transport = new FakeTransport();
  for (let n = 0; n < NAMESPACES; n++) {
    const ns = benchNamespace(n);
    transport.put('Namespace', { metadata: { name: ns } }, false);
    for (let i = 0; i < PODS_PER_NAMESPACE; i++) transport.put('Pod', benchPod(ns, i) as unknown as Body, false);
  }
  const start = performance.now();
  const cache = new ClusterCache(transport);
  const source = {
    state: {
      state: 'open',
      session: { cache, target: { contextName: 'bench', server: transport.server } },
    } as TreeSourceState,
    onDidChangeState: new Emitter<TreeSourceState>().event,
  };
  const model = new ClusterTreeModel(source, () => 'bench-00');
  cache.start();
  cache.openAllNamespaces();
  await until(
    () =>
      cache.status('Pod')?.state === 'synced' &&
      cache.status('Event')?.state === 'synced' &&
      cache.status('Namespace')?.state === 'synced',
    10_000,
    'in-memory sync',
  );
  const nodes = walk(model);
  const ms = performance.now() - start;
  model.dispose();
  cache.dispose();
  return { ms, nodes };
}

export async function benchTree(argv: readonly string[] = []): Promise<Record<string, unknown>> {
  const { namespaces: NAMESPACES, podsPerNamespace: PODS_PER_NAMESPACE } = sizeFrom(argv);
  const modelOnly = await modelOnlyFirstTree(NAMESPACES, PODS_PER_NAMESPACE);
  const big = await runOn(NAMESPACES, PODS_PER_NAMESPACE, true);
  // The same pipeline on a quiet simulator (100 pods): how much of the latency above is the simulator's.
  const small = await runOn(1, 100, false);
  return {
    bench: 'tree',
    pods: big.pods,
    namespaces: big.namespaces,
    first_screen_ms: round(big.first_screen_ms ?? NaN),
    first_tree_ms: round(big.first_tree_ms ?? NaN),
    update_ms_p50: round(big.update_ms_p50 ?? NaN),
    update_ms_p95: round(big.update_ms_p95 ?? NaN),
    cache_mb: round(big.cache_mb ?? NaN),
    peer: 'kubectl get pods -A -o json',
    peer_ms: round(big.peer_ms ?? NaN),
    ratio: Math.round(((big.first_tree_ms ?? NaN) / (big.peer_ms ?? NaN)) * 100) / 100,
    pods_asked: NAMESPACES * PODS_PER_NAMESPACE,
    nodes: big.nodes,
    changes: big.changes,
    sync_ms: round(big.sync_ms ?? NaN),
    first_tree_ours_cpu_ms: round(big.ours_cpu_ms ?? NaN),
    first_tree_simulator_cpu_ms: round(big.simulator_cpu_ms ?? NaN),
    api_patch_ms_p50: round(big.api_ms_p50 ?? NaN),
    watch_event_to_node_ms_p50: round(big.ours_ms_p50 ?? NaN),
    watch_event_to_node_ms_p95: round(big.ours_ms_p95 ?? NaN),
    populate_ms: round(big.populate_ms ?? NaN),
    model_only_pods: NAMESPACES * PODS_PER_NAMESPACE,
    model_only_first_tree_ms: round(modelOnly.ms),
    model_only_nodes: modelOnly.nodes,
    small_pods: small.pods,
    small_first_tree_ms: round(small.first_tree_ms ?? NaN),
    small_update_ms_p50: round(small.update_ms_p50 ?? NaN),
    small_update_ms_p95: round(small.update_ms_p95 ?? NaN),
    small_watch_event_to_node_ms_p95: round(small.ours_ms_p95 ?? NaN),
    simulator: 'sim/ (the cluster simulator, child process)',
  };
}
