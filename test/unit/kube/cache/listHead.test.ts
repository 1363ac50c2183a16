import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { continueInHead } from '../../../../src/kube/cache/watchTransport';

describe('continueInHead (asking for the next LIST page early)', () => {
  it("reads the continue token from a list's metadata written before its items, as the API server writes it", () => {
    const head = Buffer.from(
      '{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9","continue":"eyJydiI6OX0","remainingItemCount":7},"items":[{"metadata":{"name":"a"',
    );
    assert.equal(continueInHead(head), 'eyJydiI6OX0');
  });

  it('names no token for the last page, a head cut before the items, or metadata after the items', () => {
    assert.equal(
      continueInHead(Buffer.from('{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[]}')),
      undefined,
    );
    assert.equal(continueInHead(Buffer.from('{"kind":"PodList","metadata":{"continue":"abc"')), undefined);
    assert.equal(
      continueInHead(Buffer.from('{"items":[{"metadata":{"continue":"x"}}],"metadata":{"continue":"abc"}}')),
      undefined,
    );
  });
});
