// A small test list runner for inside the extension host: no framework, so the bundle stays one file.
import type * as vscode from 'vscode';
import type { HostTestResult } from '../results';

export const EXTENSION_ID = 'starter-stack.kubernetes-starter-stack';

/** What every in-host test gets. Tests run in list order and may rely on earlier ones (activation first). */
export interface SuiteContext {
  readonly workspaceFolder: vscode.Uri;
  /** Filled by the activation check, read by the runner for the results file. */
  readonly metrics: {
    activationMs: number | null;
    peerActivationMs?: number;
    minimalPeerActivationMs?: number;
    reportedActivationMs?: number;
    load?: { average1m: number; cpus: number };
  };
}

export interface HostTest {
  readonly name: string;
  /** Default 30 s. */
  readonly timeoutMs?: number;
  run(context: SuiteContext): Promise<void>;
}

/** Runs the tests one after another; a failure is recorded and the next test still runs. */
export async function runHostTests(tests: readonly HostTest[], context: SuiteContext): Promise<HostTestResult[]> {
  const results: HostTestResult[] = [];
  for (const test of tests) {
    const started = performance.now();
    try {
      await withTimeout(test.run(context), test.timeoutMs ?? 30_000, test.name);
      results.push({ name: test.name, ok: true, ms: elapsed(started) });
    } catch (error) {
      results.push({ name: test.name, ok: false, error: describe(error), ms: elapsed(started) });
    }
  }
  return results;
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`"${name}" timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
