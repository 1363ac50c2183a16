import { setMaxListeners } from 'node:events';
import * as vscode from 'vscode';

export type ProgressReport = vscode.Progress<{ message?: string; increment?: number }>;

/**
 * Runs `work` in a progress notification with a Cancel button: cancelling aborts the signal `work` gets, so the
 * requests and processes it started stop. The notification closes when `work` settles.
 */
export function withCancellableProgress<T>(
  title: string,
  work: (progress: ProgressReport, signal: AbortSignal) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      setMaxListeners(0, abort.signal); // every request of a long run may listen on it
      const cancelled = token.onCancellationRequested(() => abort.abort());
      try {
        return await work(progress, abort.signal);
      } finally {
        cancelled.dispose();
      }
    },
  );
}
