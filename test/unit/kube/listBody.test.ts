import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListBodyReader } from '../../../src/kube/listBody';

/** Reads `text` through a ListBodyReader in pieces of `size` bytes (cutting inside characters and markers alike). */
function readInPieces(text: string, size: number): unknown {
  const bytes = Buffer.from(text, 'utf8');
  const reader = new ListBodyReader();
  for (let at = 0; at < bytes.length; at += size) reader.write(bytes.subarray(at, at + size));
  return reader.end();
}

/** Every piece size from 1 byte to the whole body (stepped for long bodies): each must read as JSON.parse does. */
function assertReadsAsJsonParse(text: string): void {
  const expected = JSON.parse(text) as unknown;
  const step = Math.max(1, Math.floor(text.length / 200));
  for (let size = 1; size <= text.length + 1; size += size < 40 ? 1 : step)
    assert.deepEqual(readInPieces(text, size), expected, `pieces of ${size} bytes`);
}

/** A pod as the API server lists it (no kind/apiVersion in list items), with the fields that make matching hard. */
function pod(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    metadata: {
      name,
      namespace: 'shop',
      labels: { app: 'web', note: 'a },{"metadata":{ in a value' },
      annotations: { 'example.com/json': '{"items":[{"metadata":{}}]}' },
      managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'k:{"name":"web"}': { '.': {} } } } }],
    },
    spec: { containers: [{ name: 'web', image: 'web:1', env: [{ name: 'GREETING', value: 'héllo 日本 🚀' }] }] },
    status: { phase: 'Running' },
    ...extra,
  };
}

const list = (
  items: unknown[],
  metadata: Record<string, unknown> = { resourceVersion: '42', continue: 'eyJ2IjoxfQ' },
) => JSON.stringify({ kind: 'PodList', apiVersion: 'v1', metadata, items });

describe('a LIST answer read item by item', () => {
  it('reads what JSON.parse reads, however the body is cut into pieces', () => {
    assertReadsAsJsonParse(list([pod('web-1'), pod('web-2'), pod('web-3')]));
  });

  it('parses each item as soon as it has come, not the page at its end', () => {
    const bytes = Buffer.from(list([pod('web-1'), pod('web-2'), pod('web-3'), pod('web-4')]), 'utf8');
    const reader = new ListBodyReader();
    const half = Math.floor(bytes.length / 2);
    reader.write(bytes.subarray(0, half));
    assert.ok(reader.itemsRead >= 1, `${reader.itemsRead} items parsed from the first half`);
    reader.write(bytes.subarray(half));
    assert.equal((reader.end() as { items: unknown[] }).items.length, 4);
  });

  it('hands each item to mapItem as it is parsed, and keeps what it returns', () => {
    const bytes = Buffer.from(list([pod('web-1'), pod('web-2'), pod('web-3')]), 'utf8');
    const reader = new ListBodyReader((item) => (item as { metadata: { name: string } }).metadata.name);
    for (let at = 0; at < bytes.length; at += 100) reader.write(bytes.subarray(at, at + 100));
    assert.deepEqual((reader.end() as { items: unknown[] }).items, ['web-1', 'web-2', 'web-3']);
  });

  it('reads items that carry their kind and apiVersion (as some servers write them)', () => {
    const items = ['a', 'b', 'c'].map((n) => ({ apiVersion: 'v1', kind: 'Pod', ...pod(n) }));
    assertReadsAsJsonParse(list(items));
  });

  it('reads an empty list and a list of one', () => {
    assertReadsAsJsonParse(list([]));
    assertReadsAsJsonParse(list([pod('only')]));
  });

  it('reads a list whose items hold lists of objects that open like an item (falls back, same answer)', () => {
    // StatefulSet-like volumeClaimTemplates: `},{"metadata":{` inside an item, where no item ends.
    const claims = [{ metadata: { name: 'data' } }, { metadata: { name: 'logs' } }, { metadata: { name: 'tmp' } }];
    const items = [pod('db-0', { spec: { volumeClaimTemplates: claims } }), pod('db-1')];
    const text = JSON.stringify({
      kind: 'List',
      metadata: {},
      items: items.map((i) => ({ metadata: i.metadata, ...i })),
    });
    assertReadsAsJsonParse(text);
    assertReadsAsJsonParse(JSON.stringify({ metadata: {}, items: [{ metadata: { name: 'x' }, spec: { claims } }] }));
  });

  it('reads bodies in another shape: items first, pretty-printed, a Status, text that is not JSON', () => {
    assertReadsAsJsonParse(JSON.stringify({ items: [pod('a'), pod('b')], metadata: { resourceVersion: '7' } }));
    assertReadsAsJsonParse(JSON.stringify({ kind: 'PodList', metadata: {}, items: [pod('a'), pod('b')] }, null, 2));
    assertReadsAsJsonParse(JSON.stringify({ kind: 'Status', status: 'Failure', reason: 'Expired', code: 410 }));
    assert.equal(readInPieces('upstream connect error', 4), 'upstream connect error');
    assert.equal(
      readInPieces('{"items":[{"metadata":{"name":"a"}},{"metadata":', 7),
      '{"items":[{"metadata":{"name":"a"}},{"metadata":',
    );
    assert.equal(new ListBodyReader().end(), undefined);
  });
});
