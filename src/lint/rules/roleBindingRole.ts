import { dig, str } from '../access';
import type { Rule } from '../rule';

// Roles every cluster has: the user-facing ClusterRoles and the system ones (`system:` prefix).
const BUILT_IN = new Set(['cluster-admin', 'admin', 'edit', 'view', 'extension-apiserver-authentication-reader']);

export const roleBindingRole: Rule = {
  id: 'role-binding-role',
  defaultSeverity: 'error',
  title: 'A (Cluster)RoleBinding refers to a Role or ClusterRole that does not exist',
  docs: 'A binding to a missing role grants nothing: the subjects get Forbidden errors. Built-in roles (cluster-admin, admin, edit, view, system:*) are known to exist.',
  crossObject: true,
  check(object, context) {
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') return;
    const kind = str(dig(object.value, 'roleRef', 'kind'));
    const name = str(dig(object.value, 'roleRef', 'name'));
    if ((kind !== 'Role' && kind !== 'ClusterRole') || name === undefined) return;
    if (BUILT_IN.has(name) || name.startsWith('system:')) return;
    if (context.objects.find(kind, object.namespace, name)) return;
    context.reportMissing(
      { kind, namespace: kind === 'Role' ? object.namespace : undefined, name },
      { range: object.rangeOf(['roleRef', 'name']), message: `${kind} "${name}" is not in the workspace.` },
    );
  },
};
