import { dig, list, rec, str } from '../access';
import type { Rule } from '../rule';

const RBAC_GROUP = 'rbac.authorization.k8s.io';
const KINDS = ['ServiceAccount', 'User', 'Group'];

/** What the API server says about one subject of a binding (rbac validation), or undefined when it accepts it. */
function problem(subject: Record<string, unknown>, cluster: boolean): { field: string; message: string } | undefined {
  const kind = str(subject.kind);
  const group = str(subject.apiGroup) ?? '';
  if (kind === undefined) return undefined; // the schema reports a missing kind
  if (!KINDS.includes(kind))
    return { field: 'kind', message: `Subject kind "${kind}" is not one of ServiceAccount, User, Group.` };
  if (kind === 'ServiceAccount') {
    if (group !== '')
      return {
        field: 'apiGroup',
        message: `A ServiceAccount subject's apiGroup must be "" (the core group), not "${group}".`,
      };
    // In a RoleBinding the authorizer takes the binding's namespace; a ClusterRoleBinding has none to take.
    if (cluster && str(subject.namespace) === undefined)
      return {
        field: '',
        message: `ServiceAccount subject "${str(subject.name) ?? ''}" of a ClusterRoleBinding needs its namespace: the API server rejects it without one.`,
      };
    return undefined;
  }
  // User and Group default to the RBAC group when apiGroup is empty.
  if (group !== '' && group !== RBAC_GROUP)
    return { field: 'apiGroup', message: `A ${kind} subject's apiGroup must be ${RBAC_GROUP}, not "${group}".` };
  return undefined;
}

export const bindingSubject: Rule = {
  id: 'binding-subject',
  defaultSeverity: 'error',
  title: 'A RoleBinding or ClusterRoleBinding subject the API server rejects',
  docs: 'RBAC validation: a subject is a ServiceAccount (apiGroup "", and a namespace in a ClusterRoleBinding; a RoleBinding\'s ServiceAccount subject without one is taken from the binding\'s namespace), a User or a Group (apiGroup rbac.authorization.k8s.io, the default). Anything else makes the API server reject the binding.',
  crossObject: false,
  check(object, context) {
    if (object.kind !== 'RoleBinding' && object.kind !== 'ClusterRoleBinding') return;
    if (!object.apiVersion.startsWith(`${RBAC_GROUP}/`)) return;
    list(dig(object.value, 'subjects')).forEach((s, i) => {
      const subject = rec(s);
      const found = subject && problem(subject, object.kind === 'ClusterRoleBinding');
      if (!found) return;
      // A missing namespace has no node of its own: the finding sits on the subject.
      const path = found.field ? ['subjects', i, found.field] : ['subjects', i];
      context.report({ range: object.rangeOf(path), message: found.message });
    });
  },
};
