import { rec } from '../access';
import { replaceValue } from '../fixes';
import { closest } from '../../util/closest';
import { podTemplate, portsOf, type ContainerRef } from '../pods';
import type { Path } from '../parse';
import type { Rule } from '../rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];

function probePorts(container: ContainerRef): { path: Path; port: unknown }[] {
  return PROBES.flatMap((probe) =>
    HANDLERS.flatMap((handler) => {
      const action = rec(rec(container.value[probe])?.[handler]);
      return action && 'port' in action
        ? [{ path: [...container.path, probe, handler, 'port'], port: action.port }]
        : [];
    }),
  );
}

export const probePort: Rule = {
  id: 'probe-port',
  defaultSeverity: 'error',
  title: "A probe's port is not among the container's ports",
  docs: 'A probe naming a port the container does not declare cannot resolve, so the pod never becomes ready (readiness) or restarts forever (liveness): an error, with a did-you-mean fix. A number that is not a declared containerPort is information only: Kubernetes does not require it, and it works when the process listens on it.',
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      const ports = portsOf(container);
      for (const { path, port } of probePorts(container)) {
        const declared = ports.map((p) => p.name ?? String(p.number)).join(', ') || 'none';
        if (typeof port === 'number') {
          if (ports.length === 0 || ports.some((p) => p.number === port)) continue;
          const message = `Probe port ${port} is not declared in containerPort of container "${container.name}" (declared: ${declared}); fine if the process listens on it.`;
          context.report({ range: object.rangeOf(path), message, severity: 'info' });
          continue;
        }
        if (typeof port !== 'string' || ports.some((p) => p.name === port)) continue;
        const names = ports.flatMap((p) => (p.name ? [p.name] : []));
        const suggestion = closest(port, names);
        const edit = suggestion ? replaceValue(object, path, suggestion) : undefined;
        context.report({
          range: object.rangeOf(path),
          message: `Probe port ${JSON.stringify(port)} is not a port of container "${container.name}" (declared: ${declared}).${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          fixes: edit ? [{ title: `Change to "${suggestion}"`, edits: [edit] }] : [],
        });
      }
    }
  },
};
