// What the observability panel reads in the UI scenario: the Loki stand-in (a TEST DOUBLE) fed with labelled
// lines of a few node-api pods, and a REAL Prometheus + node-exporter (Debian packages) whose scrape config
// labels its two real targets as node-api pods, so the stack's own dashboard PromQL finds real process series.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeExporterBin, prometheusBin } from '../integration/observe/realPrometheus';
import type { LokiStandin } from '../standins/loki/index';
import {
  forgetProcessGroup,
  forgetTempFolder,
  signalGroup,
  trackProcessGroup,
  trackTempFolder,
} from '../../scripts/codeServer/cleanup';
import { freePort } from '../../scripts/codeServer/server';

export const NAMESPACE = 'starter';
/** The pods the lines and the metrics are labelled with (no such pods run anywhere: the labels tell the story). */
export const LOG_PODS = ['node-api-6d4f9-x7k2p', 'node-api-6d4f9-q9w4z', 'node-api-6d4f9-m3c8v'] as const;
const ROUTES = ['/api/items', '/api/items/42', '/api/orders', '/api/checkout', '/healthz'] as const;

/** Line `i` of a pod: JSON request logs (every 7th an error on /api/checkout), logfmt warnings, plain text. */
export function sampleLine(i: number): string {
  const route = ROUTES[i % ROUTES.length]!;
  if (i % 7 === 3)
    return JSON.stringify({
      level: 'error',
      time: new Date().toISOString(),
      msg: 'payment provider timed out',
      route: '/api/checkout',
      status: 502,
      ms: 3000 + (i % 500),
    });
  if (i % 11 === 5) return `level=warn msg="slow query" table=orders ms=${200 + (i % 300)}`;
  if (i % 13 === 0) return `GET ${route} 200 ${i % 40}ms`;
  return JSON.stringify({
    level: 'info',
    time: new Date().toISOString(),
    msg: 'request completed',
    route,
    status: 200,
    ms: i % 90,
  });
}

export interface LokiFeed {
  /** Lines pushed so far (history and live). */
  readonly pushed: () => number;
  stop(): void;
}

/**
 * Pushes `history` lines spread over the last ten minutes, then a few lines every `everyMs` for as long as it
 * runs, round-robin over the pods, for one tenant.
 */
export function feedLoki(loki: LokiStandin, options: { tenant: string; history: number; everyMs?: number }): LokiFeed {
  let i = 0;
  const labels = (pod: string) => ({ namespace: NAMESPACE, app: 'node-api', pod, container: 'node-api' });
  const start = BigInt(Date.now() - 600_000) * 1_000_000n;
  const spacing = 600_000_000_000n / BigInt(Math.max(1, options.history));
  for (; i < options.history; i++)
    loki.push(labels(LOG_PODS[i % LOG_PODS.length]!), [sampleLine(i)], options.tenant, start + BigInt(i) * spacing);
  const timer = setInterval(() => {
    for (let n = 0; n < LOG_PODS.length; n++, i++)
      loki.push(labels(LOG_PODS[i % LOG_PODS.length]!), [sampleLine(i)], options.tenant);
  }, options.everyMs ?? 250);
  return { pushed: () => i, stop: () => clearInterval(timer) };
}

export interface PodMetrics {
  readonly url: string;
  /** The pod names the two real targets are labelled with. */
  readonly pods: readonly string[];
  stop(): Promise<void>;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function startGroup(bin: string, args: string[]): ChildProcess {
  const child = spawn(bin, args, { stdio: 'ignore', detached: true });
  if (child.pid !== undefined) trackProcessGroup(child.pid);
  return child;
}

function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      forgetProcessGroup(pid);
      resolve();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

/**
 * Real Prometheus scraping itself and node-exporter every second, the two targets labelled
 * `{namespace="starter", app="node-api", pod=…}`: the stack's CPU and memory panels then draw real series.
 */
export async function startPodMetrics(): Promise<PodMetrics> {
  const dir = mkdtempSync(join(tmpdir(), 'starter-stack-e2e-prom-'));
  trackTempFolder(dir);
  const [promPort, nodePort] = [await freePort(), await freePort()];
  const pods: readonly string[] = LOG_PODS.slice(0, 2);
  const target = (port: number, pod: string) =>
    `      - targets: ['127.0.0.1:${port}']\n        labels: {namespace: ${NAMESPACE}, app: node-api, pod: ${pod}}\n`;
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: node-api\n    static_configs:\n${target(promPort, pods[0]!)}${target(nodePort, pods[1]!)}`,
  );
  const exporter = startGroup(nodeExporterBin(), [`--web.listen-address=127.0.0.1:${nodePort}`]);
  const prometheus = startGroup(prometheusBin(), [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
    '--log.level=warn',
  ]);
  const url = `http://127.0.0.1:${promPort}`;
  const stop = async () => {
    await Promise.all([stopGroup(prometheus), stopGroup(exporter)]);
    rmSync(dir, { recursive: true, force: true });
    forgetTempFolder(dir);
  };
  try {
    // Both targets scraped a few times, so rate() over them has points to draw.
    await waitFor(async () => {
      const res = await fetch(
        `${url}/api/v1/query?query=${encodeURIComponent('count(count_over_time(up{app="node-api"}[1m]) >= 3)')}`,
      );
      const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
      return Number(body.data.result[0]?.value[1] ?? 0) === 2;
    }, 'Prometheus to scrape both targets three times');
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pods, stop };
}
