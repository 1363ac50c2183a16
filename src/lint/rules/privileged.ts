import { dig, list, rec, str } from '../access';
import type { LintObject } from '../object';
import { podTemplate, type PodTemplate } from '../pods';
import type { Rule } from '../rule';

/**
 * Node telemetry agents (node-exporter, Alloy/Promtail-style log shippers) must see the node: its /proc, /sys,
 * root file system and /var/log, and often its network and process namespaces. That is their job, not a
 * misconfiguration, so the rule allows it for a DaemonSet that mounts only these paths, read-only, and runs
 * nothing privileged. Anything else with host access is reported.
 */
const NODE_AGENT_PATHS = new Set(['/', '/proc', '/sys', '/var/log', '/var/lib/docker/containers', '/run/log/journal', '/etc/machine-id']);

function hostPathVolumes(template: PodTemplate): { name: string; index: number; path: string }[] {
  return list(template.spec.volumes).flatMap((v, index) => {
    const path = str(dig(v, 'hostPath', 'path'));
    return path === undefined ? [] : [{ name: str(rec(v)?.name) ?? '', index, path }];
  });
}

function mountsReadOnly(template: PodTemplate, volume: string): boolean {
  return template.containers.every((c) =>
    list(c.value.volumeMounts).every((m) => str(rec(m)?.name) !== volume || rec(m)?.readOnly === true),
  );
}

export function isNodeAgent(object: LintObject, template: PodTemplate): boolean {
  if (object.kind !== 'DaemonSet') return false;
  if (template.containers.some((c) => dig(c.value, 'securityContext', 'privileged') === true)) return false;
  return hostPathVolumes(template).every((v) => NODE_AGENT_PATHS.has(v.path.replace(/(.)\/$/, '$1')) && mountsReadOnly(template, v.name));
}

export const privileged: Rule = {
  id: 'privileged',
  defaultSeverity: 'warning',
  title: 'Privileged containers, hostPath volumes or host namespaces outside the node-agent pattern',
  docs: 'A privileged container or a writable hostPath is root on the node. Only node telemetry agents (a DaemonSet mounting /proc, /sys, / or /var/log read-only, like node-exporter and Alloy) are allowed host access.',
  crossObject: false,
  check(object, context) {
    const template = podTemplate(object);
    if (!template) return;
    for (const container of template.containers) {
      if (dig(container.value, 'securityContext', 'privileged') !== true) continue;
      context.report({ range: object.rangeOf([...container.path, 'securityContext', 'privileged']), message: `Container "${container.name}" runs privileged (root on the node).` });
    }
    if (isNodeAgent(object, template)) return;
    for (const volume of hostPathVolumes(template)) {
      const range = object.rangeOf([...template.path, 'spec', 'volumes', volume.index, 'hostPath', 'path']);
      context.report({ range, message: `Volume "${volume.name}" mounts the node's ${volume.path}: only read-only node agents should.` });
    }
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (template.spec[field] !== true) continue;
      context.report({ range: object.keyRangeOf([...template.path, 'spec', field]), message: `${field}: true shares the node's namespace with the pod.` });
    }
  },
};
