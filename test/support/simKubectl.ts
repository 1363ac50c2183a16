// Helpers for driving the REAL kubectl against the cluster simulator (a test double).
// kubectl runs asynchronously: the simulator lives in this same process, so a blocking spawnSync would
// stall the server it talks to.
import { spawn } from 'node:child_process';
import { type ClusterSimulator } from '../../sim/index';
import { until } from './until';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kubectl(sim: ClusterSimulator, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', ['--kubeconfig', sim.kubeconfigPath, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** kubectl that must succeed; returns stdout. */
export async function ok(sim: ClusterSimulator, args: string[], input?: string): Promise<string> {
  const r = await kubectl(sim, args, input);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kubectl JSON output, inspected loosely by tests
export async function json<T = any>(sim: ClusterSimulator, args: string[]): Promise<T> {
  return JSON.parse(await ok(sim, [...args, '-o', 'json'])) as T;
}

/** Starts a long-running kubectl (watch, logs -f) and collects its output until stopped. */
export function stream(
  sim: ClusterSimulator,
  args: string[],
): { output: () => string; waitFor: (re: RegExp, ms?: number) => Promise<string>; stop: () => void } {
  const child = spawn('kubectl', ['--kubeconfig', sim.kubeconfigPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return {
    output: () => out,
    waitFor: (re, ms = 10_000) =>
      until(() => (re.test(out) ? out : undefined), `output matching ${String(re)}; got:\n${out}`, ms),
    stop: () => void child.kill('SIGTERM'),
  };
}

export const manifests = {
  namespace: (ns: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`,
  configMap: (ns: string, name: string, value: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  key: ${value}\n`,
  deployment: (
    ns: string,
    name: string,
    opts: { replicas?: number; image?: string; extra?: string } = {},
  ) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}}
spec:
  replicas: ${opts.replicas ?? 2}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: ${opts.image ?? 'ghcr.io/starter/node-api:1.0.0'}
          ports: [{containerPort: 8080}]
          resources: {requests: {cpu: 100m}}
          readinessProbe:
            httpGet: {path: /healthz, port: 8080}
            initialDelaySeconds: 2
            periodSeconds: 2
${opts.extra ?? ''}`,
  /** A Service without a selector: no pod backs it (serveAsService routes it to a local server). */
  unbackedService: (ns: string, name: string, port: number) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  ports: [{name: http, port: ${port}, targetPort: ${port}}]\n`,
  service: (ns: string, name: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector: {app: ${name}}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n`,
};

export const docs = (...parts: string[]) => parts.join('---\n');

/** Puts a local server (a stand-in) behind an unbacked Service: the service proxy routes that port to its URL. */
export async function serveAsService(
  sim: ClusterSimulator,
  service: { namespace: string; name: string; port: number },
  url: string,
): Promise<void> {
  const { namespace, name, port } = service;
  await ok(sim, ['apply', '--server-side', '-f', '-'], manifests.unbackedService(namespace, name, port));
  sim.routeService(namespace, name, port, { host: '127.0.0.1', port: Number(new URL(url).port) });
}
