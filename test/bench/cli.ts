// CLI benchmark: the whole `starter-stack` process (node start-up, module loading, work, exit) as a user or a CI
// job meets it, beside kubectl on the same machine, a few rounds alternating; medians.
//   version_ratio        `starter-stack --version` / `kubectl version --client`            goal ≤ 2
//   lint_one_ms          `starter-stack lint` of one ~300-line manifest
//   apply_dry_run_ratio  `starter-stack apply --dry-run` of the stack / `kubectl apply --server-side --dry-run=server`,
//                        both against the same cluster simulator holding the stack          goal ≤ 0.5
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startClusterSimulator } from '../../sim';
import { manifestSet, median } from './apply';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const KUBECTL = '/usr/bin/kubectl';
const ROUNDS = 7;
const run = promisify(execFile);

/** Wall time of one process; async, because the simulator answering it runs in this process. */
async function timed(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const start = performance.now();
  await run(file, args, { env, maxBuffer: 64 * 1024 * 1024 });
  return performance.now() - start;
}

/** Alternates the two (ours first in even rounds), after one discarded warm-up each; medians in ms. */
async function alternate(
  ours: () => Promise<number>,
  peer: () => Promise<number>,
): Promise<{ ours: number[]; peer: number[] }> {
  await ours();
  await peer();
  const times = { ours: [] as number[], peer: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      times.ours.push(await ours());
      times.peer.push(await peer());
    } else {
      times.peer.push(await peer());
      times.ours.push(await ours());
    }
  }
  return times;
}

/** About 300 lines of the stack's own workloads: whole documents from the templates until 300 lines are reached. */
function oneManifest(dir: string): { file: string; lines: number } {
  const templates = join(ROOT, 'templates', 'manifests');
  const sources = ['node-api', 'postgres', 'node-exporter', 'grafana'].flatMap((c) =>
    readdirSync(join(templates, c))
      .filter((f) => /deployment|daemonset|service/.test(f))
      .map((f) => join(templates, c, f)),
  );
  const docs: string[] = [];
  let lines = 0;
  for (const source of sources) {
    const text = readFileSync(source, 'utf8').trimEnd();
    if (lines > 0 && lines + text.split('\n').length > 320) continue;
    docs.push(text);
    lines += text.split('\n').length + 1;
  }
  const file = join(dir, 'one.yaml');
  writeFileSync(file, `${docs.join('\n---\n')}\n`);
  return { file, lines: readFileSync(file, 'utf8').split('\n').length - 1 };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

async function applyDryRun(dir: string): Promise<{ ours: number[]; peer: number[] }> {
  const sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  const env = { ...process.env, KUBECONFIG: sim.kubeconfigPath };
  const cache = mkdtempSync(join(tmpdir(), 'bench-cli-kubectl-cache-'));
  try {
    // The stack is applied once for real, so both dry runs compare against the same stored objects.
    await run(process.execPath, [CLI, 'apply', dir, '--output', 'json'], { env, maxBuffer: 64 * 1024 * 1024 });
    return await alternate(
      () => timed(process.execPath, [CLI, 'apply', dir, '--dry-run', '--output', 'json'], env),
      // The same field manager as ours, so kubectl's dry run meets no conflict with the objects ours stored.
      () =>
        timed(
          KUBECTL,
          [
            'apply',
            '--server-side',
            '--dry-run=server',
            '--field-manager=starter-stack',
            '-f',
            dir,
            '--cache-dir',
            cache,
          ],
          env,
        ),
    );
  } finally {
    await sim.close();
  }
}

export async function benchCli(): Promise<Record<string, unknown>> {
  const work = mkdtempSync(join(tmpdir(), 'bench-cli-'));
  const version = await alternate(
    () => timed(process.execPath, [CLI, '--version']),
    () => timed(KUBECTL, ['version', '--client']),
  );
  const manifest = oneManifest(work);
  const lint = await alternate(
    () => timed(process.execPath, [CLI, 'lint', manifest.file]),
    () => timed(process.execPath, ['-e', '']),
  );
  const { dir, source } = manifestSet();
  const dryRun = await applyDryRun(dir);
  const [versionOurs, versionPeer] = [median(version.ours), median(version.peer)];
  const [dryOurs, dryPeer] = [median(dryRun.ours), median(dryRun.peer)];
  return {
    bench: 'cli',
    version_ratio: ratio(versionOurs, versionPeer),
    lint_one_ms: round1(median(lint.ours)),
    apply_dry_run_ratio: ratio(dryOurs, dryPeer),
    rounds: ROUNDS,
    version_ms: round1(versionOurs),
    kubectl_version_ms: round1(versionPeer),
    lint_lines: manifest.lines,
    node_empty_ms: round1(median(lint.peer)),
    apply_dry_run_ms: round1(dryOurs),
    kubectl_dry_run_ms: round1(dryPeer),
    manifests: source,
    note: 'whole processes, wall time, medians of alternating rounds; node_empty_ms is `node -e ""` (the floor of any Node CLI); the cluster is the simulator (a test double)',
  };
}
