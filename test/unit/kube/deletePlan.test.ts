import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countsByKind, type DeletePlan, type DeleteTarget } from '../../../src/kube/delete';
import { deleteConfirmation, withoutPvcs } from '../../../src/editor/deleteConfirmation';

const target = (kind: string, name: string, namespace?: string): DeleteTarget => ({
  ref: { apiVersion: 'v1', kind, name, ...(namespace ? { namespace } : {}) },
  path: `/x/${name}`,
  kind: { apiVersion: 'v1', kind, resource: { plural: `${kind.toLowerCase()}s`, namespaced: namespace !== undefined } },
});

const plan: DeletePlan = {
  namespace: 'shop',
  groups: [
    [target('Deployment', 'a', 'shop'), target('Deployment', 'b', 'shop')],
    [target('Service', 'a', 'shop'), target('PersistentVolumeClaim', 'db', 'shop')],
    [target('ClusterRole', 'shop-prometheus'), target('ClusterRoleBinding', 'shop-prometheus')],
  ],
  listFailures: [],
};
const t = (message: string, ...args: Array<string | number>) =>
  message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));

describe("the delete plan as the editor's modal shows it", () => {
  it('counts by kind in deletion order', () => {
    assert.deepEqual(countsByKind(plan), [
      ['Deployment', 2],
      ['Service', 1],
      ['PersistentVolumeClaim', 1],
      ['ClusterRole', 1],
      ['ClusterRoleBinding', 1],
    ]);
  });

  it('asks about what the first button deletes (PVCs kept), lists counts by kind, and offers PVCs on a second button', () => {
    const question = deleteConfirmation(plan, t);
    assert.equal(question.message, 'Delete 5 object(s) of the stack in namespace shop?');
    assert.match(
      question.detail,
      /^2 Deployment\n1 Service\n1 ClusterRole\n1 ClusterRoleBinding\n\nOnly objects of namespace shop and its own ClusterRoles/,
    );
    assert.match(question.detail, /1 PersistentVolumeClaim\(s\) \(database data\) are kept/);
    assert.deepEqual(
      question.buttons.map((b) => b.choice),
      ['keep', 'all'],
    );
    assert.equal(
      withoutPvcs(plan)
        .groups.flat()
        .some((x) => x.ref.kind === 'PersistentVolumeClaim'),
      false,
    );
    const noPvcs = deleteConfirmation(withoutPvcs(plan), t);
    assert.deepEqual(
      noPvcs.buttons.map((b) => b.choice),
      ['keep'],
    );
    assert.doesNotMatch(noPvcs.detail, /PersistentVolumeClaim/);
  });
});
