import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeProxyFailure } from '../../../src/observe/serviceProxy';

const loki = { namespace: 'starter', name: 'loki', port: 3100 };
const status = (code: number, message: string) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message, code });

describe('what failed behind the service proxy, in words', () => {
  it('tells a missing Service (not deployed) from one with no ready pods', () => {
    assert.equal(
      describeProxyFailure(loki, { status: 404, message: status(404, 'services "loki" not found') }),
      'Service loki in namespace starter not found: loki is not deployed (services "loki" not found)',
    );
    assert.equal(
      describeProxyFailure(loki, { status: 503, message: status(503, 'no endpoints available for service "loki"') }),
      'no endpoints behind Service loki in namespace starter: none of its pods is ready (no endpoints available for service "loki")',
    );
  });

  it('names the program behind the Service when it answered, and the API server when it did not answer', () => {
    assert.equal(
      describeProxyFailure(loki, { status: 401, message: 'no org id' }),
      'loki answered HTTP 401: no org id',
    );
    assert.equal(
      describeProxyFailure(loki, {
        status: 503,
        message: status(503, 'error trying to reach service: connect ECONNREFUSED'),
      }),
      'Service loki in namespace starter has ready endpoints, but loki did not answer (error trying to reach service: connect ECONNREFUSED)',
    );
    assert.match(
      describeProxyFailure(loki, { status: 0, message: 'connect ECONNREFUSED 127.0.0.1:6443' }),
      /^the API server did not answer/,
    );
    assert.match(
      describeProxyFailure(loki, { status: 403, message: status(403, 'forbidden') }),
      /^not allowed to reach Service loki/,
    );
  });
});
