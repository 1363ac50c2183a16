import { dig, list, rec, str } from '../access';
import type { LintObject } from '../object';
import { podTemplate, type PodTemplate } from '../pods';
import type { Rule, RuleContext } from '../rule';

/**
 * Node telemetry agents (node-exporter, Alloy/Promtail-style log shippers) must see the node: its /proc, /sys,
 * root file system and /var/log, and often its network and process namespaces. That is their job, not a
 * misconfiguration, so the rule allows it for a DaemonSet that mounts only these paths, read-only, and runs
 * nothing privileged. Anything else with host access is reported.
 */
const NODE_AGENT_PATHS = new Set([
  '/',
  '/proc',
  '/sys',
  '/var/log',
  '/var/lib/docker/containers',
  '/run/log/journal',
  '/etc/machine-id',
]);

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
  return hostPathVolumes(template).every(
    (v) => NODE_AGENT_PATHS.has(v.path.replace(/(.)\/$/, '$1')) && mountsReadOnly(template, v.name),
  );
}

/** The capabilities the Pod Security Standards "baseline" lets a container add; any other is a break. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Per container: privileged, a capability beyond baseline's list, a Windows HostProcess container. */
function reportContainers(object: LintObject, template: PodTemplate, context: RuleContext): void {
  for (const container of template.containers) {
    const at = [...container.path, 'securityContext'];
    if (dig(container.value, 'securityContext', 'privileged') === true)
      context.report({
        range: object.rangeOf([...at, 'privileged']),
        message: `Container "${container.name}" runs privileged (root on the node).`,
      });
    list(dig(container.value, 'securityContext', 'capabilities', 'add')).forEach((added, index) => {
      const name = str(added)?.toUpperCase().replace(/^CAP_/, '');
      if (name === undefined || BASELINE_CAPABILITIES.has(name)) return;
      context.report({
        range: object.rangeOf([...at, 'capabilities', 'add', index]),
        message: `Container "${container.name}" adds the ${name} capability, which the "baseline" level does not allow.`,
      });
    });
    if (dig(container.value, 'securityContext', 'windowsOptions', 'hostProcess') === true)
      context.report({
        range: object.rangeOf([...at, 'windowsOptions', 'hostProcess']),
        message: `Container "${container.name}" is a Windows HostProcess container (administrator on the node).`,
      });
  }
  if (dig(template.spec, 'securityContext', 'windowsOptions', 'hostProcess') === true)
    context.report({
      range: object.rangeOf([...template.path, 'spec', 'securityContext', 'windowsOptions', 'hostProcess']),
      message: 'The pod runs as Windows HostProcess containers (administrator on the node).',
    });
}

/**
 * A hostPort opens a port on the node's own address, which the "baseline" level does not allow. Under hostNetwork
 * the API server sets every hostPort to its containerPort, so hostNetwork (reported on its own) says it all. No
 * node-agent leniency: an agent reads the node through its volumes, and needs no port on the node's address for it.
 */
function reportHostPorts(object: LintObject, template: PodTemplate, context: RuleContext): void {
  if (template.spec.hostNetwork === true) return;
  for (const container of template.containers)
    list(container.value.ports).forEach((port, index) => {
      const hostPort = rec(port)?.hostPort;
      if (typeof hostPort !== 'number' || hostPort === 0) return;
      context.report({
        range: object.keyRangeOf([...container.path, 'ports', index, 'hostPort']),
        message: `Container "${container.name}" opens port ${hostPort} on the node (hostPort); the "baseline" level allows none.`,
      });
    });
}

export const privileged: Rule = {
  id: 'privileged',
  defaultSeverity: 'error',
  title:
    'Privileged containers, added capabilities, hostPath volumes, host ports or host namespaces (Pod Security Standards "baseline")',
  docs: 'A privileged container, a capability added beyond the baseline list (NET_RAW, SYS_ADMIN, SYS_PTRACE, …), a Windows HostProcess container, a hostPath volume, a hostPort or a host namespace (hostNetwork, hostPID, hostIPC) breaks the Pod Security Standards "baseline": root on the node, or a view of it. Errors, except for the node-agent pattern (a DaemonSet mounting only /proc, /sys, / or /var/log read-only, like node-exporter and log shippers), which is a warning: suppress it in the manifest with the reason, e.g. `# starter-stack-lint disable privileged -- node-exporter reads the host`.',
  crossObject: false,
  check(object, context) {
    const template = podTemplate(object);
    if (!template) return;
    reportContainers(object, template, context);
    // A read-only node agent needs what it asks for: still worth a reviewer's look, not an error.
    const severity = isNodeAgent(object, template) ? 'warning' : undefined;
    const agent = severity ? ' (the read-only node-agent pattern: suppress with a reason if this is one)' : '';
    for (const volume of hostPathVolumes(template)) {
      // On the `hostPath:` key, the field that breaks the level (as hostNetwork and privileged are reported on
      // theirs), so a `disable-next-line privileged` written above it applies.
      context.report({
        range: object.keyRangeOf([...template.path, 'spec', 'volumes', volume.index, 'hostPath']),
        message: `Volume "${volume.name}" mounts the node's ${volume.path}${agent}.`,
        ...(severity ? { severity } : {}),
      });
    }
    reportHostPorts(object, template, context);
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (template.spec[field] !== true) continue;
      context.report({
        range: object.keyRangeOf([...template.path, 'spec', field]),
        message: `${field}: true shares the node's namespace with the pod${agent}.`,
        ...(severity ? { severity } : {}),
      });
    }
  },
};
