import { rec } from '../access';
import { podTemplate, portsOf, type ContainerRef } from '../pods';
import type { Path } from '../parse';
import type { Rule } from '../rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'];

function probePorts(container: ContainerRef): { path: Path; port: unknown }[] {
  return PROBES.flatMap((probe) =>
    HANDLERS.flatMap((handler) => {
      const action = rec(rec(container.value[probe])?.[handler]);
      return action && 'port' in action ? [{ path: [...container.path, probe, handler, 'port'], port: action.port }] : [];
    }),
  );
}

export const probePort: Rule = {
  id: 'probe-port',
  defaultSeverity: 'error',
  title: "A probe's port is not among the container's ports",
  docs: "A probe naming a port the container does not declare fails, so the pod never becomes ready (readiness) or restarts forever (liveness). A numeric port is checked when the container declares its ports.",
  crossObject: false,
  check(object, context) {
    for (const container of podTemplate(object)?.containers ?? []) {
      const ports = portsOf(container);
      for (const { path, port } of probePorts(container)) {
        const known = typeof port === 'number' ? ports.length === 0 || ports.some((p) => p.number === port) : ports.some((p) => p.name === port);
        if (known || (typeof port !== 'number' && typeof port !== 'string')) continue;
        const declared = ports.map((p) => p.name ?? String(p.number)).join(', ') || 'none';
        context.report({
          range: object.rangeOf(path),
          message: `Probe port ${JSON.stringify(port)} is not a port of container "${container.name}" (declared: ${declared}).`,
        });
      }
    }
  },
};
