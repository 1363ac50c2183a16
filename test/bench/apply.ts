// Apply benchmark: our engine against `kubectl apply --server-side` (the real binary), each on a FRESH
// cluster simulator, alternating, a few rounds; medians. Printed by the dispatcher as one JSON line.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { applyCommand } from '../../src/cli/apply';
import type { CliIo } from '../../src/cli/io';
import { loadManifests } from '../../src/kube/manifests';
import { COMPONENT_IDS, DEFAULT_COMPONENTS } from '../../src/stack/components';
import { startClusterSimulator } from '../../sim';

const ROOT = join(__dirname, '..', '..');
const TEMPLATES = join(ROOT, 'templates', 'manifests');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'kube', 'basic');
const KUBECTL = '/usr/bin/kubectl';
const ROUNDS = 5;

/**
 * One flat folder both tools read the same way: the default components' files in apply order
 * (kubectl applies in file order, so the Namespace must come first for it to succeed at all).
 */
export function manifestSet(): { dir: string; source: string } {
  const components = COMPONENT_IDS.filter((c) => DEFAULT_COMPONENTS.includes(c) && existsSync(join(TEMPLATES, c)));
  const files = components.flatMap((c) =>
    readdirSync(join(TEMPLATES, c))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(TEMPLATES, c, f)),
  );
  if (files.length === 0) return { dir: FIXTURES, source: 'test/fixtures/kube/basic' };
  const dir = mkdtempSync(join(tmpdir(), 'bench-apply-'));
  files.forEach((file, i) =>
    copyFileSync(file, join(dir, `${String(i).padStart(3, '0')}-${file.split('/').slice(-2).join('-')}`)),
  );
  return { dir, source: `templates/manifests (${components.length} default components)` };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function timeOurs(dir: string): Promise<number> {
  const sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  const errors: string[] = [];
  const io: CliIo = {
    out: () => undefined,
    err: (l) => errors.push(l),
    cwd: ROOT,
    env: { KUBECONFIG: sim.kubeconfigPath },
  };
  try {
    const start = performance.now();
    const code = await applyCommand([dir, '--output', 'json'], io);
    const elapsed = performance.now() - start;
    if (code !== 0) throw new Error(`our apply failed (exit ${code}): ${errors.join('\n')}`);
    return elapsed;
  } finally {
    await sim.close();
  }
}

const CLI = join(ROOT, 'dist', 'cli.js');

/** True when the built CLI has the apply subcommand (src/cli.ts wires it), so it can be timed as a process too. */
async function cliHasApply(): Promise<boolean> {
  if (!existsSync(CLI)) return false;
  return promisify(execFile)(process.execPath, [CLI, 'apply', '--help']).then(
    () => true,
    () => false,
  );
}

/** Our CLI as a process, like kubectl: node start-up and module loading included. */
async function timeOurCli(dir: string): Promise<number> {
  const sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  try {
    const start = performance.now();
    await promisify(execFile)(process.execPath, [CLI, 'apply', dir, '--output', 'json'], {
      env: { ...process.env, KUBECONFIG: sim.kubeconfigPath },
    });
    return performance.now() - start;
  } finally {
    await sim.close();
  }
}

async function timeKubectl(dir: string): Promise<number> {
  const sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  const cache = mkdtempSync(join(tmpdir(), 'bench-kubectl-cache-'));
  try {
    const start = performance.now();
    // Async on purpose: the simulator runs in this process and must keep answering.
    await promisify(execFile)(KUBECTL, ['apply', '--server-side', '-f', dir, '--cache-dir', cache], {
      env: { ...process.env, KUBECONFIG: sim.kubeconfigPath },
    });
    return performance.now() - start;
  } finally {
    await sim.close();
  }
}

export async function benchApply(): Promise<Record<string, unknown>> {
  const { dir, source } = manifestSet();
  const loaded = await loadManifests(dir);
  if (!loaded.ok) throw new Error(loaded.error);
  // Warm-up (discarded): module loading, TLS material, the kubectl binary in the page cache.
  await timeOurs(dir);
  await timeKubectl(dir);
  const ours: number[] = [];
  const peer: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      ours.push(await timeOurs(dir));
      peer.push(await timeKubectl(dir));
    } else {
      peer.push(await timeKubectl(dir));
      ours.push(await timeOurs(dir));
    }
  }
  const cli = (await cliHasApply()) ? await timeCliRounds(dir) : undefined;
  const oursMs = Math.round(median(ours));
  const peerMs = Math.round(median(peer));
  return {
    bench: 'apply',
    objects: loaded.value.length,
    manifests: source,
    rounds: ROUNDS,
    ours_ms: oursMs,
    peer: 'kubectl apply --server-side',
    peer_ms: peerMs,
    ratio: Math.round((oursMs / peerMs) * 1000) / 1000,
    ours_all_ms: ours.map(Math.round),
    peer_all_ms: peer.map(Math.round),
    ...(cli === undefined
      ? {}
      : { ours_cli_ms: Math.round(median(cli)), ratio_cli: Math.round((median(cli) / peerMs) * 1000) / 1000 }),
    note: `ours_ms: the apply subcommand in-process (kubeconfig to last answer); kubectl includes its process start${cli === undefined ? '; dist/cli.js has no apply yet, so no process timing' : '; ours_cli_ms: node dist/cli.js apply as a process'}`,
  };
}

async function timeCliRounds(dir: string): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) times.push(await timeOurCli(dir));
  return times;
}
