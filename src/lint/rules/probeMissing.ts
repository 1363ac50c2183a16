import { insertIntoMapping } from '../fixes';
import type { LintObject } from '../object';
import { podTemplate, portsOf, type ContainerRef } from '../pods';
import type { Rule } from '../rule';
import type { QuickFix } from '../types';

// Jobs run to completion: a readiness probe means nothing for them.
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod']);

function probeFix(object: LintObject, container: ContainerRef, missing: readonly string[]): QuickFix | undefined {
  const port = portsOf(container)[0];
  const ref = port?.name ?? port?.number;
  if (ref === undefined) return undefined;
  const lines = missing.flatMap((probe) => [`${probe}:`, '  tcpSocket:', `    port: ${ref}`, '  periodSeconds: 10']);
  const edit = insertIntoMapping(object, container.path, lines);
  return edit && { title: `Add ${missing.join(' and ')} on port ${ref}`, edits: [edit] };
}

export const probeMissing: Rule = {
  id: 'probe-missing',
  defaultSeverity: 'warning',
  title: 'A long-running container without a liveness or readiness probe',
  docs: 'Without a readiness probe a pod gets traffic before it can serve it, and a rollout cannot tell a broken version from a good one. Without a liveness probe a hung process is never restarted.',
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
        message: `Container "${container.name}" has no ${missing.join(' and no ')}.`,
        fixes: fix ? [fix] : [],
      });
    }
  },
};
