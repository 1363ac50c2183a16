import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openCluster } from '../../../src/kube/session';

/** A plain HTTP API server on 127.0.0.1 that answers with the body in the given pieces, and a kubeconfig for it. */
async function serverSending(pieces: readonly Buffer[]): Promise<{ kubeconfig: string; close: () => void }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const rest = [...pieces];
    const next = (): void => {
      const piece = rest.shift();
      if (piece === undefined) return void res.end();
      res.write(piece);
      setTimeout(next, 5);
    };
    next();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = join(mkdtempSync(join(tmpdir(), 'transport-body-')), 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: local',
      'clusters: [{name: local, cluster: {server: "http://127.0.0.1:' + String(port) + '"}}]',
      'users: [{name: me, user: {}}]',
      'contexts: [{name: local, context: {cluster: local, user: me}}]',
    ].join('\n'),
  );
  return { kubeconfig, close: () => server.close() };
}

describe('an answer body that arrives in pieces', () => {
  it('reads characters split between pieces whole (UTF-8 of 2, 3 and 4 bytes)', async () => {
    const text = JSON.stringify({ kind: 'Status', message: 'café · 日本 · 🚀 end' });
    const bytes = Buffer.from(text, 'utf8');
    // Cut inside each multi-byte character: after é's first byte, inside 日, inside 🚀.
    const cuts = [text.indexOf('é'), text.indexOf('日'), text.indexOf('🚀')].map(
      (at) => Buffer.byteLength(text.slice(0, at), 'utf8') + 1,
    );
    const pieces = [0, ...cuts, bytes.length]
      .slice(1)
      .map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
    const { kubeconfig, close } = await serverSending(pieces);
    try {
      const session = await openCluster({ file: kubeconfig });
      assert.ok(session.ok, session.ok ? '' : session.error);
      const answer = await session.value.client.send(
        { method: 'GET', path: '/api/v1/namespaces/a/pods' },
        { verb: 'list', plural: 'pods', group: '', namespace: 'a' },
      );
      session.value.dispose();
      assert.ok(answer.ok, answer.ok ? '' : answer.error.message);
      assert.deepEqual(answer.value.body, JSON.parse(text));
    } finally {
      close();
    }
  });
});
