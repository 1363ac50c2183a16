import { isMap } from 'yaml';
import { dig, list, num, rec, str } from '../access';
import { deletePair, insertIntoMapping, replaceValue } from '../fixes';
import type { LintObject } from '../object';
import type { Rule } from '../rule';
import type { QuickFix, TextEdit } from '../types';

function typeFix(object: LintObject): TextEdit | undefined {
  return str(dig(object.value, 'spec', 'type')) !== undefined
    ? replaceValue(object, ['spec', 'type'], 'NodePort')
    : insertIntoMapping(object, ['spec'], ['type: NodePort']);
}

export const serviceNodePort: Rule = {
  id: 'service-node-port',
  defaultSeverity: 'error',
  title: 'A ClusterIP Service sets a nodePort',
  docs: 'Only a Service of type NodePort or LoadBalancer opens a port on every node. On a ClusterIP Service (the default type) the API server rejects a port with a nodePort ("may not be used when `type` is \'ClusterIP\'"). Remove the nodePort, or set type: NodePort if the Service is meant to be reached from outside the cluster.',
  crossObject: false,
  check(object, context) {
    if (object.kind !== 'Service') return;
    const type = dig(object.value, 'spec', 'type') ?? 'ClusterIP';
    if (type !== 'ClusterIP') return;
    const headless = dig(object.value, 'spec', 'clusterIP') === 'None';
    list(dig(object.value, 'spec', 'ports')).forEach((p, i) => {
      const nodePort = num(rec(p)?.nodePort);
      if (nodePort === undefined || nodePort === 0) return;
      const path = ['spec', 'ports', i, 'nodePort'];
      const fixes: QuickFix[] = [];
      const port = object.withFixes ? object.node(['spec', 'ports', i]) : undefined;
      // In a flow mapping (`{ port: 80, nodePort: 30080 }`) deleting the line would delete the whole port.
      const remove = isMap(port) && !port.flow ? deletePair(object, path) : undefined;
      if (remove) fixes.push({ title: 'Remove the nodePort', edits: [remove] });
      const nodePortType = headless ? undefined : typeFix(object);
      if (nodePortType) fixes.push({ title: 'Make the Service type NodePort', edits: [nodePortType] });
      context.report({
        range: object.keyRangeOf(path),
        message: `nodePort ${nodePort} on a ClusterIP Service: the API server rejects it; only a NodePort or LoadBalancer Service opens a node port.`,
        fixes,
      });
    });
  },
};
