// Kubernetes API server simulator — a TEST DOUBLE, not a cluster. It speaks enough of the real wire
// protocol (discovery, OpenAPI, REST verbs, watch, server-side apply, logs, proxy, port-forward) for
// the real kubectl and @kubernetes/client-node to work against it, with simulated controllers behind it.
// Binds 127.0.0.1 only; writes its own kubeconfig (cluster/context `starter-sim`, bearer token).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:https';
import { type AddressInfo, type Socket } from 'node:net';
import { startDemoBackends } from './backends/index';
import { bootstrap } from './bootstrap';
import { type SimContext, newFaultState } from './context';
import { startControllers } from './controllers/index';
import { createFaults, type SimulatorFaults } from './faults';
import { writeKubeconfig } from './kubeconfig';
import { simProfile, type SimProfileName } from './profiles';
import { extraSubresources, attachUpgrades } from './extensions';
import { loadImagesOntoNodes } from './imageLoad';
import { createHandler } from './server';
import { ObjectStore } from './store';
import { selfSignedCert } from './tls';

export type { SimulatorFaults } from './faults';
export { SIM_PROFILES, isSimProfileName, type SimProfileName } from './profiles';

export interface ClusterSimulatorOptions {
  port?: number; // 0 = a free port
  nodes?: number; // default 3
  kubeconfigPath?: string; // default: a temp file
  token?: string;
  timeScale?: number; // multiplies controller delays; default 1; tests use e.g. 0.05
  /** demo (default): the friendly cluster; kind, minikube, docker-desktop, k3d: a fresh cluster of that flavour. */
  profile?: SimProfileName;
  /**
   * Whether pods running the Loki, Grafana or Prometheus image answer (with simulated stand-ins, sim/backends) once
   * they are Ready, as the real servers would. Default true, in every profile; false: such Services have no backend
   * unless a test routes one (routeService).
   */
  simulatedBackends?: boolean;
}

export interface ClusterSimulator {
  readonly url: string;
  readonly kubeconfigPath: string;
  readonly contextName: string; // 'starter-sim', or the flavour's (e.g. 'kind-kind')
  readonly profile: SimProfileName;
  /** The simulator serves HTTPS (kubectl sends bearer tokens only over TLS); this is its self-signed certificate. */
  readonly caPem: string;
  readonly faults: SimulatorFaults;
  setCpuLoad(namespace: string, deployment: string, percent: number): void; // drives HPA status
  objects(): Array<Record<string, unknown>>; // snapshot of everything stored, for assertions
  /** Routes service proxy and port-forward for this service port (and its pods) to a local backend. */
  routeService(namespace: string, service: string, port: number, target: { host: '127.0.0.1'; port: number }): void;
  /** Puts images on the nodes (all, or those named), as `kind load docker-image` / `minikube image load` do. */
  loadImages(images: readonly string[], nodes?: readonly string[]): string[];
  close(): Promise<void>;
}

export async function startClusterSimulator(options: ClusterSimulatorOptions = {}): Promise<ClusterSimulator> {
  const token = options.token ?? `starter-sim-${randomBytes(16).toString('hex')}`;
  const profile = simProfile(options.profile ?? 'demo');
  const ctx: SimContext = {
    store: new ObjectStore(),
    profile,
    faults: newFaultState(),
    timeScale: options.timeScale ?? 1,
    nodeNames:
      profile.nodes?.map((n) => n.name) ?? Array.from({ length: options.nodes ?? 3 }, (_, i) => `sim-node-${i + 1}`),
    cpuLoad: new Map(),
    routes: new Map(),
    watches: new Set(),
    timers: new Set(),
    closed: false,
  };
  if (options.simulatedBackends ?? true) ctx.backends = await startDemoBackends(ctx);
  bootstrap(ctx);
  const stopControllers = startControllers(ctx);

  let port = options.port ?? 0;
  const sockets = new Set<Socket>();
  const tls = await selfSignedCert();
  const server = createServer({ cert: tls.cert, key: tls.key });
  const handler = createHandler({ ctx, token, address: () => `127.0.0.1:${port}`, subresources: extraSubresources() });
  server.on('request', (req, res) => void handler(req, res));
  attachUpgrades(server, ctx, token);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const close = async (): Promise<void> => {
    ctx.closed = true;
    stopControllers();
    ctx.timers.forEach((t) => clearTimeout(t));
    [...ctx.watches].forEach((stop) => stop());
    await ctx.backends?.close();
    await new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  };
  let url: string;
  let kubeconfigPath: string;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    url = `https://127.0.0.1:${port}`;
    kubeconfigPath = writeKubeconfig(url, token, tls.cert, options.kubeconfigPath, profile);
  } catch (e) {
    // A port in use or an unwritable kubeconfig: stop the controllers' timers too, or they keep the process alive.
    await close();
    throw e;
  }

  return {
    url,
    kubeconfigPath,
    contextName: profile.context,
    profile: profile.name,
    caPem: tls.cert,
    faults: createFaults(ctx, server, sockets, () => port),
    setCpuLoad: (namespace, deployment, percent) => void ctx.cpuLoad.set(`${namespace}/${deployment}`, percent),
    objects: () => ctx.store.all().map((e) => e.object),
    routeService: (namespace, service, servicePort, target) =>
      void ctx.routes.set(`${namespace}/${service}/${servicePort}`, { ...target }),
    loadImages: (images, nodes) => loadImagesOntoNodes(ctx, images, nodes),
    close,
  };
}
