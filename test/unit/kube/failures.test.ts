import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { httpFailure, networkFailure } from '../../../src/kube/failures';

const connection = { server: 'https://10.0.0.1:6443', contextName: 'prod' };
const request = { verb: 'patch', plural: 'deployments', group: 'apps', namespace: 'shop', name: 'web' };
const status = (code: number, message: string, details?: unknown) => ({
  status: code,
  body: { kind: 'Status', code, message, details },
});

describe('API failures', () => {
  it('an unreachable server names the URL and the context', () => {
    const f = networkFailure({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 10.0.0.1:6443' }, connection);
    assert.equal(f.fatal, true);
    assert.match(f.message, /^cannot reach the cluster at https:\/\/10\.0\.0\.1:6443 \(context prod\)/);
  });

  it('a failing exec plugin or auth provider is an authentication problem, not an unreachable cluster', () => {
    const f = networkFailure(
      { code: 'EAUTH', message: 'cannot get credentials for context prod: token expired, run `login`' },
      connection,
    );
    assert.deepEqual(
      [f.kind, f.fatal, f.message],
      ['unauthorized', true, 'cannot get credentials for context prod: token expired, run `login`'],
    );
  });

  it('401 says the credentials of the context were rejected', () => {
    const f = httpFailure(status(401, 'Unauthorized'), request, connection);
    assert.deepEqual(
      [f.kind, f.fatal, f.message],
      ['unauthorized', true, 'credentials for context prod were rejected (expired?)'],
    );
  });

  it('403 names the verb, the resource and the namespace', () => {
    const f = httpFailure(
      status(403, 'deployments.apps "web" is forbidden: User "dev" cannot patch resource'),
      request,
      connection,
    );
    assert.equal(f.fatal, false);
    assert.match(
      f.message,
      /^forbidden: cannot patch deployments\.apps "web" in namespace "shop" \(deployments\.apps "web" is forbidden/,
    );
  });

  it('a field-manager conflict lists the fields and who owns them', () => {
    const f = httpFailure(
      status(409, 'Apply failed with 2 conflicts', {
        causes: [
          {
            type: 'FieldManagerConflict',
            message: 'conflict with "kubectl-edit" using apps/v1',
            field: '.spec.replicas',
          },
          {
            type: 'FieldManagerConflict',
            message: 'conflict with "helm" using apps/v1',
            field: '.spec.template.spec.containers[name="web"].image',
          },
        ],
      }),
      request,
      connection,
    );
    assert.equal(f.kind, 'conflict');
    assert.deepEqual(f.conflicts, [
      { field: '.spec.replicas', manager: 'kubectl-edit' },
      { field: '.spec.template.spec.containers[name="web"].image', manager: 'helm' },
    ]);
    assert.match(f.message, /"kubectl-edit", "helm"/);
  });

  it('422 keeps the server message and the fields it names', () => {
    const f = httpFailure(
      status(422, 'Deployment.apps "web" is invalid: spec.replicas: Invalid value', {
        causes: [{ field: 'spec.replicas', message: 'x' }],
      }),
      request,
      connection,
    );
    assert.deepEqual(
      [f.kind, f.fields, f.message],
      ['invalid', ['spec.replicas'], 'Deployment.apps "web" is invalid: spec.replicas: Invalid value'],
    );
  });
});
