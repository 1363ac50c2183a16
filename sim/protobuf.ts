// A small decoder for Kubernetes' protobuf request bodies ("k8s\0" + runtime.Unknown), enough for the
// typed-client commands people type against a demo cluster: `kubectl create namespace|configmap|secret`.
// Why: those kubectl commands send application/vnd.kubernetes.protobuf and do not fall back to JSON.
// Simplified: only Namespace, ConfigMap, Secret and SelfSubjectAccessReview (and the common ObjectMeta fields) are understood;
// any other kind answers 415 so the caller sees a clear error. Field numbers are from k8s.io/api generated.proto.
import { errors } from './status';

type Fields = Map<number, Array<Buffer | number>>;

function varint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw errors.badRequest('truncated protobuf');
    result += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return [result, pos];
    shift += 7;
  }
}

function fields(buf: Buffer): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = varint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    let value: Buffer | number;
    if (wire === 0) [value, pos] = varint(buf, p1);
    else if (wire === 2) {
      const [len, p2] = varint(buf, p1);
      value = buf.subarray(p2, p2 + len);
      pos = p2 + len;
    } else if (wire === 1) [value, pos] = [0, p1 + 8];
    else if (wire === 5) [value, pos] = [0, p1 + 4];
    else throw errors.badRequest(`unsupported protobuf wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}

const str = (f: Fields, n: number): string | undefined => {
  const v = f.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : undefined;
};

function stringMap(f: Fields, n: number, asBase64 = false): Record<string, string> | undefined {
  const entries = f.get(n);
  if (!entries) return undefined;
  const out: Record<string, string> = {};
  for (const e of entries) {
    if (!Buffer.isBuffer(e)) continue;
    const kv = fields(e);
    const k = str(kv, 1) ?? '';
    const v = kv.get(2)?.[0];
    out[k] = Buffer.isBuffer(v) ? (asBase64 ? v.toString('base64') : v.toString('utf8')) : '';
  }
  return out;
}

function objectMeta(buf: Buffer | number | undefined): Record<string, unknown> {
  if (!Buffer.isBuffer(buf)) return {};
  const f = fields(buf);
  const m: Record<string, unknown> = {};
  const set = (k: string, v: unknown) => v !== undefined && (m[k] = v);
  set('name', str(f, 1));
  set('generateName', str(f, 2));
  set('namespace', str(f, 3));
  set('labels', stringMap(f, 11));
  set('annotations', stringMap(f, 12));
  return m;
}

/** Decodes a protobuf body into the JSON object it stands for. */
export function decodeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.subarray(0, 4).toString('latin1') !== 'k8s\0')
    throw errors.badRequest('protobuf body without the k8s envelope');
  const unknown = fields(body.subarray(4));
  const typeMeta = unknown.get(1)?.[0];
  const tm = Buffer.isBuffer(typeMeta) ? fields(typeMeta) : new Map<number, Array<Buffer | number>>();
  const apiVersion = str(tm, 1) ?? '';
  const kind = str(tm, 2) ?? '';
  const raw = unknown.get(2)?.[0];
  const f = Buffer.isBuffer(raw) ? fields(raw) : new Map<number, Array<Buffer | number>>();
  const obj: Record<string, unknown> = { apiVersion, kind, metadata: objectMeta(f.get(1)?.[0]) };
  if (apiVersion === 'v1' && kind === 'Namespace') return obj;
  if (apiVersion === 'v1' && kind === 'ConfigMap') {
    const data = stringMap(f, 2);
    const binaryData = stringMap(f, 3, true);
    return { ...obj, ...(data ? { data } : {}), ...(binaryData ? { binaryData } : {}) };
  }
  if (apiVersion === 'v1' && kind === 'Secret') {
    const data = stringMap(f, 2, true);
    return { ...obj, ...(data ? { data } : {}), type: str(f, 3) ?? 'Opaque' };
  }
  if (apiVersion === 'authorization.k8s.io/v1' && kind === 'SelfSubjectAccessReview') {
    // `kubectl auth can-i`: spec (2) → resourceAttributes (1): namespace 1, verb 2, group 3, version 4, resource 5, subresource 6, name 7.
    const spec = f.get(2)?.[0];
    const ra = Buffer.isBuffer(spec) ? fields(spec).get(1)?.[0] : undefined;
    const a = Buffer.isBuffer(ra) ? fields(ra) : new Map<number, Array<Buffer | number>>();
    const names = ['namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
    const resourceAttributes: Record<string, string> = {};
    names.forEach((n, i) => {
      const value = str(a, i + 1);
      if (value !== undefined) resourceAttributes[n] = value;
    });
    return { ...obj, spec: { resourceAttributes } };
  }
  throw errors.unsupportedMediaType(
    `application/vnd.kubernetes.protobuf for ${apiVersion}/${kind} (starter-sim decodes protobuf only for Namespace, ConfigMap, Secret and SelfSubjectAccessReview; send JSON)`,
  );
}
