import * as vscode from 'vscode';
import type { LiveCluster } from '../../kube/cache/liveCluster';
import type { LiveSession } from '../../kube/cache/connect';
import { countdownText } from '../../kube/cache/hpaView';
import { loadTestStatus, startLoadTest, stopLoadTests, type LoadTestStatus } from '../../kube/load';
import {
  DEFAULT_DURATION_SECONDS,
  DEFAULT_RPS,
  formatDuration,
  MAX_DURATION_SECONDS,
  MAX_RPS,
  parseDuration,
} from '../../kube/loadObjects';
import { sessionAndTarget, showFailure } from '../tree/commandTargets';
import { withCancellableProgress, type ProgressReport } from '../progress';
import type { Command } from './command';
import { loadTestTarget, stoppedMessage, type ServiceTarget } from './loadTestTarget';

const POLL_MS = 3_000;

/** What the user asked for, or undefined when they backed out. */
async function askLoad(service: string): Promise<{ rps: number; durationSeconds: number; path: string } | undefined> {
  const rps = await vscode.window.showInputBox({
    title: vscode.l10n.t('Load test on {0}', service),
    prompt: vscode.l10n.t('Requests per second to ramp to and hold'),
    value: String(DEFAULT_RPS),
    validateInput: (v) =>
      /^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= MAX_RPS
        ? undefined
        : vscode.l10n.t('A whole number from 1 to {0}', MAX_RPS),
  });
  if (rps === undefined) return undefined;
  const duration = await vscode.window.showInputBox({
    title: vscode.l10n.t('Load test on {0}', service),
    prompt: vscode.l10n.t('How long it runs (90s, 5m, 1m30s)'),
    value: formatDuration(DEFAULT_DURATION_SECONDS),
    validateInput: (v) => {
      const seconds = parseDuration(v);
      return seconds !== undefined && seconds >= 10 && seconds <= MAX_DURATION_SECONDS
        ? undefined
        : vscode.l10n.t('A duration from 10s to 24h, such as 90s or 5m');
    },
  });
  if (duration === undefined) return undefined;
  const path = await vscode.window.showInputBox({
    title: vscode.l10n.t('Load test on {0}', service),
    prompt: vscode.l10n.t('The path to request (node-api serves /api-node/users)'),
    value: '/',
    validateInput: (v) =>
      v.startsWith('/') && !/[\s"'`\\]/.test(v)
        ? undefined
        : vscode.l10n.t('A path starting with /, without spaces or quotes'),
  });
  if (path === undefined) return undefined;
  return { rps: Number(rps), durationSeconds: parseDuration(duration)!, path };
}

/** `1m05s of 5m · HPA 2→3 replicas · cpu 96%/70%`. */
export function progressText(test: LoadTestStatus): string {
  const hpa = test.hpa;
  const parts = [`${formatDuration(test.elapsedSeconds)} / ${formatDuration(test.durationSeconds)}`];
  if (hpa) parts.push(`HPA ${hpa.currentReplicas}→${hpa.desiredReplicas}`);
  if (hpa?.cpuTarget !== undefined) parts.push(`cpu ${hpa.cpuCurrent ?? '?'}%/${hpa.cpuTarget}%`);
  return parts.join(' · ');
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Starts a k6 load test on a Service and follows it in a progress notification (elapsed time, the HPA's replicas
 * and CPU) until it ends; cancelling the notification stops the test.
 */
export class StartLoadTestCommand implements Command {
  readonly id = 'starterStack.startLoadTest';

  constructor(
    private readonly live: LiveCluster,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async execute(node?: unknown): Promise<void> {
    const chosen = await sessionAndTarget(this.live, node, loadTestTarget);
    if (!chosen) return;
    const { session, target } = chosen;
    const asked = await askLoad(target.name);
    if (!asked) return;
    const title = vscode.l10n.t('Load test on {0} ({1} req/s)', target.name, asked.rps);
    const outcome = await withCancellableProgress(title, (progress, signal) =>
      this.run(session, target, asked, progress, signal),
    );
    if (outcome) void vscode.window.showInformationMessage(outcome);
  }

  private async run(
    session: LiveSession,
    target: ServiceTarget,
    asked: { rps: number; durationSeconds: number; path: string },
    progress: ProgressReport,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    progress.report({ message: vscode.l10n.t('starting k6…') });
    const request = { namespace: target.namespace, service: target.name, ...asked };
    const started = await startLoadTest(session.client, request, signal);
    if (!started.ok) return void showFailure(started.error);
    this.log.info(
      `Load test started: Job ${started.value.job} in ${target.namespace}, ${asked.rps} req/s for ${formatDuration(asked.durationSeconds)} against ${target.name}`,
    );
    const ended = await this.follow(session, target, progress, signal);
    if (ended) return ended;
    const stopped = await stopLoadTests(session.client, target.namespace, target.name);
    if (!stopped.ok) return void showFailure(stopped.error);
    this.log.info(`Load test against ${target.name} in ${target.namespace} stopped (cancelled)`);
    return stoppedMessage(target.name);
  }

  /** Polls the test's status until it ends (the message to show) or the user cancels (undefined). */
  private async follow(
    session: LiveSession,
    target: ServiceTarget,
    progress: ProgressReport,
    signal: AbortSignal,
  ): Promise<string | undefined> {
    while (!signal.aborted) {
      const status = await loadTestStatus(session.client, target.namespace);
      const test = status.ok ? status.value.find((t) => t.service === target.name) : undefined;
      if (status.ok && !test) return vscode.l10n.t('The load test on {0} was stopped.', target.name);
      if (test) progress.report({ message: progressText(test) });
      if (test?.state === 'succeeded' || test?.state === 'failed') {
        this.log.info(`Load test against ${target.name} in ${target.namespace} ${test.state}`);
        const window = test.hpa?.scaleDownWindowSeconds;
        return vscode.l10n.t(
          'Load test on {0} {1} after {2}.{3}',
          target.name,
          test.state,
          formatDuration(test.durationSeconds),
          window === undefined ? '' : vscode.l10n.t(' Scale-down after the {0} window.', countdownText(window)),
        );
      }
      await pause(POLL_MS, signal);
    }
    return undefined;
  }
}
