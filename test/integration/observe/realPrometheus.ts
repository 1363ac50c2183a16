// Starts a REAL Prometheus and node-exporter (Debian packages) on 127.0.0.1 with a temp config and storage.
// Debian's Prometheus has no Kubernetes service discovery, so the scrape target is a static_config.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool, TOOLS } from '../../support/tools';

/** Debian's Prometheus and node-exporter; a missing one fails the test naming its package. */
export const prometheusBin = (): string => requireTool(TOOLS.prometheus);
export const nodeExporterBin = (): string => requireTool(TOOLS.nodeExporter);

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface RealPrometheus {
  readonly url: string;
  readonly nodeExporterUrl: string;
  stop(): Promise<void>;
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startRealPrometheus(): Promise<RealPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'starter-prom-'));
  const [promPort, nodePort] = [await freePort(), await freePort()];
  const exporter = spawn(nodeExporterBin(), [`--web.listen-address=127.0.0.1:${nodePort}`], { stdio: 'ignore' });
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: ['127.0.0.1:${nodePort}']\n        labels:\n          app: node-exporter\n`,
  );
  const prometheus = spawn(
    prometheusBin(),
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--log.level=warn',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${promPort}`;
  const stop = async () => {
    await Promise.all([stopProcess(prometheus), stopProcess(exporter)]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, 'Prometheus to be ready');
    // Two scrapes, so rate() over the data has something to say.
    await waitFor(async () => {
      const body = (await (await fetch(`${url}/api/v1/query?query=count_over_time(up[1m])`)).json()) as {
        data: { result: { value: [number, string] }[] };
      };
      return Number(body.data.result[0]?.value[1] ?? 0) >= 3;
    }, 'three scrapes of node-exporter');
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, nodeExporterUrl: `http://127.0.0.1:${nodePort}`, stop };
}
