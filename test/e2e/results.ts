// The contract between the in-host suite (writes) and the runners (read): one JSON file per run.
import { dirname, join } from 'node:path';

/** One in-host check. */
export interface HostTestResult {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly ms: number;
}

/** What the in-host suite writes when it is done. */
export interface HostResults {
  readonly passed: number;
  readonly failed: number;
  readonly tests: readonly HostTestResult[];
  /** Wall time of `extension.activate()` seen from the suite; null when the extension was already active. */
  readonly activationMs: number | null;
  /** Wall time of activating an extension that does nothing (test/fixtures/activation-peer), just before ours, in the same host. */
  readonly peerActivationMs?: number;
  /** The same for an extension that loads the vscode API and registers one command (test/fixtures/activation-peer-minimal). */
  readonly minimalPeerActivationMs?: number;
  /** What `activate()` measured inside itself (the extension's exported `activationMs`), when it says. */
  readonly reportedActivationMs?: number;
  /** The machine's 1-minute load average and CPU count when activation was measured: timings mean little on a busy machine. */
  readonly load?: { readonly average1m: number; readonly cpus: number };
}

/** The runner sets this in code-server's environment; the extension host inherits it. */
export const RESULTS_ENV = 'STARTER_STACK_E2E_RESULTS';

/** Fallback when the variable does not reach the host: beside (not inside) the workspace folder. */
export function resultsPathFor(workspaceFolder: string): string {
  return join(dirname(workspaceFolder), 'e2e-results.json');
}
