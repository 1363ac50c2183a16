import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterClient } from '../../../src/kube/client';
import type { ApiRequest, ApiResponse, KubeHttp, NetworkFailure, StreamResponse } from '../../../src/kube/transport';
import type { Logger } from '../../../src/util/log';
import { err, ok, type Result } from '../../../src/util/result';

/** Answers GET with 200, DELETE with 403 (a Kubernetes Status), anything else with 200. */
class FakeHttp implements KubeHttp {
  readonly server = 'https://fake:6443';
  readonly contextName = 'kind-demo';
  request(request: ApiRequest): Promise<Result<ApiResponse, NetworkFailure>> {
    if (request.method === 'DELETE')
      return Promise.resolve(
        ok({
          status: 403,
          body: {
            kind: 'Status',
            message: 'pods "api-1" is forbidden: User "dev" cannot delete resource "pods"',
            reason: 'Forbidden',
            code: 403,
          },
        }),
      );
    return Promise.resolve(ok({ status: 200, body: {} }));
  }
  stream(): Promise<Result<StreamResponse, NetworkFailure>> {
    return Promise.resolve(err({ code: 'ENOTSUP', message: 'no streams' }));
  }
  dispose(): void {}
}

function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    trace: (m) => lines.push(`trace ${m}`),
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

describe('ClusterClient records what changes the cluster', () => {
  it('logs every non-GET request with its outcome, never reads, never bodies', async () => {
    const client = new ClusterClient(new FakeHttp());
    const log = recorder();
    client.actionLog = log;
    await client.send(
      { method: 'GET', path: '/api/v1/namespaces/starter/pods' },
      { verb: 'list', plural: 'pods', group: '', namespace: 'starter' },
    );
    await client.send(
      {
        method: 'PATCH',
        path: '/apis/apps/v1/namespaces/starter/deployments/api/scale',
        body: { spec: { replicas: 3 }, secret: 's3cr3t' },
        contentType: 'application/merge-patch+json',
      },
      { verb: 'patch', plural: 'deployments/scale', group: 'apps', namespace: 'starter', name: 'api' },
    );
    await client.send(
      { method: 'DELETE', path: '/api/v1/namespaces/starter/pods/api-1' },
      { verb: 'delete', plural: 'pods', group: '', namespace: 'starter', name: 'api-1' },
    );
    assert.equal(log.lines.length, 2, log.lines.join('\n'));
    assert.equal(log.lines[0], 'info PATCH deployments/scale.apps starter/api in context kind-demo: 200');
    assert.match(log.lines[1] ?? '', /^warn DELETE pods starter\/api-1 in context kind-demo: failed: .*forbidden/);
    assert.ok(!log.lines.join('\n').includes('s3cr3t'), 'the request body is not logged');
  });
});
