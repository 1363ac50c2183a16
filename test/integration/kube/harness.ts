import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_COMPONENTS } from '../../../src/stack/components';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim';
import type { CliIo } from '../../../src/cli/io';

export const ROOT = join(__dirname, '..', '..', '..');
export const BASIC = join(ROOT, 'test', 'fixtures', 'kube', 'basic');
export const INVALID = join(ROOT, 'test', 'fixtures', 'kube', 'invalid');
export const STACK_TEMPLATES = join(ROOT, 'templates', 'manifests');

export interface Captured extends CliIo {
  readonly lines: string[];
  readonly errors: string[];
  text(): string;
}

/** A CliIo that records what a command prints; `onLine` lets a test act in the middle of a run. */
export function captureIo(
  kubeconfigPath: string,
  options: { onLine?: (line: string) => void; signal?: AbortSignal } = {},
): Captured {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (line) => {
      lines.push(line);
      options.onLine?.(line);
    },
    err: (line) => errors.push(line),
    cwd: ROOT,
    env: { KUBECONFIG: kubeconfigPath, HOME: '/nonexistent' },
    signal: options.signal,
    text: () => [...lines, ...errors].join('\n'),
  };
}

export async function withSimulator(run: (sim: ClusterSimulator) => Promise<void>): Promise<void> {
  const sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  try {
    await run(sim);
  } finally {
    await sim.close();
  }
}

/** A copy of the simulator's kubeconfig whose token the server will reject. */
export function kubeconfigWithBadToken(sim: ClusterSimulator): string {
  const path = `${sim.kubeconfigPath}.bad`;
  writeFileSync(path, readFileSync(sim.kubeconfigPath, 'utf8').replace(/token: .*/, 'token: expired-token'));
  return path;
}

/** A loosely typed stored object, for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = Record<string, any>;

export function stored(sim: ClusterSimulator, kind: string, name: string, namespace?: string): Loose | undefined {
  return sim
    .objects()
    .find(
      (o: Loose) =>
        o.kind === kind &&
        o.metadata?.name === name &&
        (namespace === undefined || o.metadata?.namespace === namespace),
    );
}

/** The templates of the default components (metrics-server is opt-in), through a kustomization listing their folders. */
export function defaultStackFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stack-'));
  const folders = DEFAULT_COMPONENTS.map((c) => join(STACK_TEMPLATES, c)).filter((f) => existsSync(f));
  writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n${folders.map((f) => `  - ${f}\n`).join('')}`);
  return dir;
}

/** The counts in apply's "Stopped: cancelled; …" line, checked to add up to its total. */
export function stoppedSummary(text: string): { applied: number; failed: number; unknown: number; notApplied: number } {
  const stop =
    /Stopped: cancelled; (\d+) of (\d+) objects applied, (\d+) failed, (\d+) unknown \(re-run to converge\), (\d+) not applied\./.exec(
      text,
    );
  assert.ok(stop, text);
  const [applied, total, failed, unknown, notApplied] = stop.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  assert.equal(applied + failed + unknown + notApplied, total, text);
  return { applied, failed, unknown, notApplied };
}
