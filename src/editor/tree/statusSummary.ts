import type { ConnectionState } from '../../kube/cache/clusterCache';
import type { StackHealth } from '../../kube/cache/stackHealth';
import type { Localize } from './l10n';
import { md } from './treeItemSpec';

/** What the status bar item shows, computed without VS Code. */
export interface StatusSummary {
  readonly text: string;
  /** Markdown. */
  readonly tooltip: string;
  readonly severity: 'ok' | 'warning' | 'error' | 'none';
}

export type StatusInput =
  | { readonly state: 'idle' }
  | { readonly state: 'opening'; readonly namespace: string }
  | { readonly state: 'error'; readonly message: string }
  | {
      readonly state: 'open';
      readonly contextName: string;
      readonly namespace: string;
      readonly connection: ConnectionState;
      readonly health: StackHealth;
      readonly cluster?: string;
    };

const CLICK = (t: Localize): string => t('Click to switch context or namespace.');

function openSummary(input: Extract<StatusInput, { state: 'open' }>, t: Localize): StatusSummary {
  const cluster = input.cluster ? ` · ${t('Cluster')}: ${md(input.cluster)}` : '';
  const where = `${t('Context')}: **${md(input.contextName)}**${cluster} · ${t('Namespace')}: **${md(input.namespace)}**`;
  if (input.connection.state === 'unreachable' || input.connection.state === 'unauthorized') {
    return {
      text: `$(debug-disconnect) ${t('{0} unreachable', input.contextName)}`,
      tooltip: `${where}\n\n${md(input.connection.message)}\n\n${CLICK(t)}`,
      severity: 'error',
    };
  }
  if (input.connection.state === 'connecting')
    return { text: `$(sync~spin) ${input.namespace}`, tooltip: `${where}\n\n${CLICK(t)}`, severity: 'none' };
  const { ready, total, notReady } = input.health;
  if (total === 0)
    return {
      text: `$(circle-large-outline) ${t('{0} not deployed', input.namespace)}`,
      tooltip: `${where}\n\n${t('No workloads in this namespace.')}\n\n${CLICK(t)}`,
      severity: 'none',
    };
  const list = notReady.map((w) => `- ${w.kind} **${md(w.name)}**: ${md(w.message)}`).join('\n');
  const ok = ready === total;
  return {
    text: `$(${ok ? 'pass' : 'warning'}) ${t('{0} {1}/{2} ready', input.namespace, ready, total)}`,
    tooltip: `${where}${list ? `\n\n${list}` : ''}\n\n${CLICK(t)}`,
    severity: ok ? 'ok' : 'warning',
  };
}

/** `$(pass) starter 9/9 ready`, or what stands in its way. */
export function statusSummary(input: StatusInput, t: Localize): StatusSummary {
  switch (input.state) {
    case 'idle':
      return {
        text: '$(cloud) Starter Stack',
        tooltip: t('Open the Cluster view or click to choose a Kubernetes context.'),
        severity: 'none',
      };
    case 'opening':
      return { text: `$(sync~spin) ${input.namespace}`, tooltip: t('Connecting…'), severity: 'none' };
    case 'error':
      return {
        text: `$(circle-slash) ${t('no cluster')}`,
        tooltip: `${md(input.message)}\n\n${CLICK(t)}`,
        severity: 'error',
      };
    case 'open':
      return openSummary(input, t);
  }
}
