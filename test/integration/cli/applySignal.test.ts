// Ctrl+C on the built CLI (dist/cli.js) while the API server hangs: it stops at once with the partial report.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { until } from '../../support/until';
import { startClusterSimulator, type ClusterSimulator } from '../../../sim';
import { defaultStackFolder, stoppedSummary } from '../kube/harness';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
// What the issue asks of every long-running command: gone within 2 s of Ctrl+C (the request timeout is 30 s).
const EXIT_BOUND_MS = 2_000;

interface Run {
  readonly child: ChildProcess;
  output(): string;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startApply(sim: ClusterSimulator, onOutput: (text: string) => void, extra: string[] = []): Run {
  const child = spawn(process.execPath, [CLI, 'apply', defaultStackFolder(), ...extra], {
    env: { ...process.env, KUBECONFIG: sim.kubeconfigPath, HOME: '/nonexistent' },
  });
  let text = '';
  const collect = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    onOutput(text);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => text, exited: () => exit };
}

/** Resolves with the exit, or fails (and kills the child) when it does not come within the bound. */
async function exitWithin(run: Run, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const result = await Promise.race([run.exited(), late]);
  clearTimeout(timer);
  if (result === 'late') {
    run.child.kill('SIGKILL');
    assert.fail(`still running ${ms} ms after Ctrl+C:\n${run.output()}`);
  }
  return result;
}

async function withFrozenApply(test: (run: Run) => Promise<void>): Promise<void> {
  const sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
  try {
    // The server hangs once the workloads are being applied: connections accepted, nothing answered.
    const run = startApply(sim, (text) => text.includes('wave 3/4') && sim.faults.freeze());
    await until(() => run.output().includes('wave 3/4'), 'the workload wave', 30_000);
    // Every connection to the frozen server stays open; give the CLI time to send its requests into it.
    await until(() => /Deployment starter\//.test(run.output()) || sim.objects().length > 0, 'requests in flight');
    await new Promise((r) => setTimeout(r, 300));
    await test(run);
  } finally {
    await sim.close();
  }
}

describe('starter-stack apply stops on Ctrl+C against a frozen API server', () => {
  it('exits 130 within 2 s and says what was applied, what is unknown and what was not applied', () =>
    withFrozenApply(async (run) => {
      run.child.kill('SIGINT');
      const exit = await exitWithin(run, EXIT_BOUND_MS);
      assert.deepEqual(exit, { code: 130, signal: null }, run.output());
      const out = run.output();
      const { applied, unknown, notApplied } = stoppedSummary(out);
      assert.ok(applied > 0 && unknown > 0 && notApplied > 0, out);
      assert.match(out, /Not applied: .*Ingress starter\/starter/);
      assert.doesNotMatch(out, /\n\s+at .*\(.*:\d+:\d+\)/, 'no stack trace');
      assert.doesNotMatch(out, /MaxListenersExceededWarning/, 'no warning noise');
    }));

  it('while waiting for rollouts (--wait): exits 130 within 2 s', async () => {
    const sim = await startClusterSimulator({ port: 0, timeScale: 0.05 });
    try {
      // The server hangs while the rollout is followed: the watches, lists and pod checks all go unanswered.
      const run = startApply(sim, (text) => text.includes('Waiting up to') && sim.faults.freeze(), [
        '--wait',
        '--timeout',
        '300',
      ]);
      await until(() => run.output().includes('Waiting up to'), 'the rollout wait', 30_000);
      await new Promise((r) => setTimeout(r, 2_500));
      run.child.kill('SIGINT');
      const exit = await exitWithin(run, EXIT_BOUND_MS);
      assert.deepEqual(exit, { code: 130, signal: null }, run.output());
      assert.match(run.output(), /Cancelled while waiting for rollouts\./);
    } finally {
      await sim.close();
    }
  });

  it('a second Ctrl+C exits at once, with 130', () =>
    withFrozenApply(async (run) => {
      run.child.kill('SIGINT');
      run.child.kill('SIGINT');
      const exit = await exitWithin(run, EXIT_BOUND_MS);
      assert.deepEqual(exit, { code: 130, signal: null }, run.output());
    }));
});
