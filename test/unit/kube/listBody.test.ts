import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListBodyReader, type ListReading } from '../../../src/kube/listBody';

/** Reads `text` through a ListBodyReader in pieces of `size` bytes (cutting inside characters and markers alike). */
function readInPieces(text: string, size: number, reading?: ListReading): unknown {
  const bytes = Buffer.from(text, 'utf8');
  const reader = new ListBodyReader(reading);
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
    const reader = new ListBodyReader({ mapItem: (item) => (item as { metadata: { name: string } }).metadata.name });
    for (let at = 0; at < bytes.length; at += 100) reader.write(bytes.subarray(at, at + 100));
    assert.deepEqual((reader.end() as { items: unknown[] }).items, ['web-1', 'web-2', 'web-3']);
  });

  it('hands every item to mapItem on the whole-body fallback too (a body it could not split)', () => {
    const claims = [{ metadata: { name: 'data' } }, { metadata: { name: 'logs' } }];
    const items = [pod('db-0', { spec: { volumeClaimTemplates: claims } }), pod('db-1')];
    const text = JSON.stringify({ items, metadata: { resourceVersion: '7' } }); // items first: not split
    const reader = new ListBodyReader({ mapItem: (item) => (item as { metadata: { name: string } }).metadata.name });
    reader.write(Buffer.from(text, 'utf8'));
    assert.deepEqual(reader.end(), { items: ['db-0', 'db-1'], metadata: { resourceVersion: '7' } });
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

/** The list with every item's `metadata.managedFields` deleted: what a reader that drops them must give. */
function withoutManagedFields(text: string): unknown {
  const value = JSON.parse(text) as { items: { metadata: Record<string, unknown> }[] };
  for (const item of value.items) delete item.metadata.managedFields;
  return value;
}

/** Every piece size, read without managed fields: the rest of each item exactly as JSON.parse reads it. */
function assertReadsWithoutManagedFields(text: string): void {
  const expected = withoutManagedFields(text);
  const step = Math.max(1, Math.floor(text.length / 100));
  for (let size = 1; size <= text.length + 1; size += size < 20 ? 1 : step) {
    const read = readInPieces(text, size, { dropManagedFields: true }) as { items: { metadata: object }[] };
    for (const item of read.items) assert.ok(!('managedFields' in item.metadata), `pieces of ${size} bytes`);
    assert.deepEqual(read, expected, `pieces of ${size} bytes`);
  }
}

/** Two managers, as a pod on a real cluster has them (the kubelet's status entry has keys like `k:{"type":"Ready"}`). */
const MANAGED = [
  {
    manager: 'kubectl',
    operation: 'Update',
    fieldsType: 'FieldsV1',
    fieldsV1: { 'f:spec': { 'k:{"name":"web"}': {} } },
  },
  {
    manager: 'kubelet',
    operation: 'Update',
    subresource: 'status',
    fieldsV1: { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { '.': {}, 'f:status': {} } } } },
  },
];

describe('a LIST answer read without managed fields', () => {
  it("leaves out each item's managed fields and reads the rest as JSON.parse does, however the body is cut", () => {
    const items = ['web-1', 'web-2', 'web-3'].map((name) => {
      const item = pod(name);
      // After managedFields, more metadata (the simulator's order) and the spec/status as usual.
      const metadata = { ...(item.metadata as object), managedFields: MANAGED, uid: `uid-${name}`, generation: 1 };
      return { ...item, metadata };
    });
    assertReadsWithoutManagedFields(list(items));
    assertReadsWithoutManagedFields(list(items.map((i) => ({ apiVersion: 'v1', kind: 'Pod', ...i }))));
  });

  it('reads an item whose managed fields hold a "]" in a string, or text made to look like the end, whole', () => {
    const hostile = [
      { manager: 'x]},"spec":{"containers":[]}}', fieldsV1: { 'f:spec': {} } },
      { manager: 'y]', fieldsV1: { 'v:["a"]': {}, 'f:metadata': { 'f:labels': { 'f:a]': {} } } } },
    ];
    const items = [
      pod('a', { metadata: { name: 'a', managedFields: [hostile[0]], uid: '1' } }),
      pod('b', { metadata: { name: 'b', managedFields: [hostile[1]], labels: { 'a]': 'x' } } }),
      pod('c'),
    ];
    const text = list(items);
    const read = readInPieces(text, 64, { dropManagedFields: true }) as { items: { metadata: object }[] };
    // Those two were parsed whole (their managed fields are still there): the caller ignores them either way.
    for (const item of read.items) delete (item.metadata as { managedFields?: unknown }).managedFields;
    assert.deepEqual(read, withoutManagedFields(text));
  });

  it('keeps fields that only look like managed fields: in a value, first in metadata, elsewhere in the item', () => {
    const items = [
      pod('a', { metadata: { name: 'a', annotations: { note: ',"managedFields":[1],"x":[2]' } } }),
      pod('b', { metadata: { managedFields: MANAGED, name: 'b' } }),
      pod('c', { status: { phase: 'Running', 'managedFields ': [] } }),
    ];
    const read = readInPieces(list(items), 50, { dropManagedFields: true }) as { items: unknown[] };
    const expected = JSON.parse(list(items)) as { items: { metadata: Record<string, unknown> }[] };
    // Only b's metadata.managedFields may go (first in metadata, no comma before it: read whole, and kept).
    assert.deepEqual(read.items[0], expected.items[0]);
    // c's own managed fields go; the status field named like them stays.
    delete expected.items[2]!.metadata.managedFields;
    assert.deepEqual(read.items[2], expected.items[2]);
    assert.equal((read.items[1] as { metadata: { name: string } }).metadata.name, 'b');
  });
});
