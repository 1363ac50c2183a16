import { rec, str } from '../access';
import { insertIntoMapping } from '../fixes';
import type { LintObject } from '../object';
import { podTemplate, portsOf, type ContainerRef } from '../pods';
import type { Rule } from '../rule';
import type { QuickFix } from '../types';

// Jobs run to completion: a readiness probe means nothing for them.
const LONG_RUNNING = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  // Argo Rollouts and OpenShift (see pods.ts: only their well-known API groups have a pod template).
  'Rollout',
  'DeploymentConfig',
]);

// The stack's own apps serve these (templates/apps); other images get what the container already shows.
const STACK_PATHS: Readonly<Record<string, string>> = { readinessProbe: '/readyz', livenessProbe: '/healthz' };

/** A probe handler for the missing probe, from what the container declares: never a probe without a port. */
function handlerFor(container: ContainerRef, probe: string): { lines: string[]; describe: string } | undefined {
  const existing = ['livenessProbe', 'readinessProbe', 'startupProbe']
    .map((p) => rec(rec(container.value[p])?.httpGet))
    .find((h) => h && (typeof h.port === 'string' || typeof h.port === 'number'));
  if (existing) {
    const path = str(existing.path) ?? '/';
    const port = existing.port as string | number;
    return {
      lines: ['  httpGet:', `    path: ${path}`, `    port: ${port}`],
      describe: `httpGet ${path} on port ${port}`,
    };
  }
  const declared = portsOf(container)[0];
  const port = declared?.name ?? declared?.number;
  if (port === undefined) return undefined;
  const path = str(container.value.image)?.startsWith('starter-stack/') ? STACK_PATHS[probe] : undefined;
  if (path)
    return {
      lines: ['  httpGet:', `    path: ${path}`, `    port: ${port}`],
      describe: `httpGet ${path} on port ${port}`,
    };
  return { lines: ['  tcpSocket:', `    port: ${port}`], describe: `a TCP check on port ${port}` };
}

function probeFix(object: LintObject, container: ContainerRef, missing: readonly string[]): QuickFix | undefined {
  const handlers = missing.map((probe) => [probe, handlerFor(container, probe)] as const);
  if (handlers.some(([, h]) => !h)) return undefined;
  const lines = handlers.flatMap(([probe, h]) => [`${probe}:`, ...(h?.lines ?? []), '  periodSeconds: 10']);
  const edit = insertIntoMapping(object, container.path, lines);
  const describe = [...new Set(handlers.map(([, h]) => h?.describe))].join(', ');
  return edit && { title: `Add ${missing.join(' and ')} (${describe})`, edits: [edit] };
}

export const probeMissing: Rule = {
  id: 'probe-missing',
  defaultSeverity: 'warning',
  title: 'A long-running container without a liveness or readiness probe',
  docs: 'Without a readiness probe a pod gets traffic before it can serve it, and a rollout cannot tell a broken version from a good one. Without a liveness probe a hung process is never restarted. Native sidecars (init containers with restartPolicy: Always) run as long as the pod and are checked like containers.',
  crossObject: false,
  check(object, context) {
    if (!LONG_RUNNING.has(object.kind)) return;
    for (const container of podTemplate(object)?.containers ?? []) {
      if (container.init) continue;
      const missing = ['readinessProbe', 'livenessProbe'].filter((p) => container.value[p] === undefined);
      if (missing.length === 0) continue;
      const fix = probeFix(object, container, missing);
      context.report({
        range: object.rangeOf([...container.path, 'name']),
        message: `${container.sidecar ? 'Sidecar container' : 'Container'} "${container.name}" has no ${missing.join(' and no ')}.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
