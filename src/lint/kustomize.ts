import { readFileSync } from 'node:fs';
import { isAbsolute, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnvText, secretGeneratorEntries } from '../kube/kustomize';
import { list, rec, str } from './access';
import { LintObject } from './object';
import type { DocChunk, ParsedChunk, Path } from './parse';
import type { Range } from './types';

/** Reads a file next to a kustomization; undefined when it cannot be read. */
export type ReadBeside = (kustomizationUri: string, relativePath: string) => string | undefined;

/** Reads from disk for a path or a file: URI; other schemes are not read (their keys are then unknown). */
export const readBesideOnDisk: ReadBeside = (uri, relativePath) => {
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : isAbsolute(uri) ? uri : undefined;
  if (file === undefined) return undefined;
  try {
    return readFileSync(join(dirname(file), relativePath), 'utf8');
  } catch {
    return undefined;
  }
};

/** A Secret that a kustomization's secretGenerator makes: it points at the generator entry that makes it. */
class GeneratedSecret extends LintObject {
  constructor(uri: string, chunk: DocChunk, parsed: ParsedChunk, value: Record<string, unknown>, private readonly source: Path) {
    super(uri, chunk, parsed, value);
  }

  override rangeOf(_path: Path): Range {
    return super.rangeOf([...this.source, 'name']);
  }

  override keyRangeOf(_path: Path): Range {
    return super.keyRangeOf([...this.source, 'name']);
  }
}

/**
 * The Secrets a Kustomization document's secretGenerator makes, for the index only (they are not linted):
 * so secretKeyRef and envFrom references to them resolve. Keys come from the env files (or, when a file
 * is absent as on a fresh clone, from its committed `.example`), literals and files; values are never read
 * into the objects.
 */
export function generatedSecrets(uri: string, chunk: DocChunk, parsed: ParsedChunk, value: Record<string, unknown>, read: ReadBeside = readBesideOnDisk): LintObject[] {
  if (str(value.kind) !== 'Kustomization' || !Array.isArray(value.secretGenerator)) return [];
  const entries = secretGeneratorEntries(value, uri);
  if (!entries.ok) return [];
  return entries.value.map((entry) => {
    const raw = rec(list(value.secretGenerator)[entry.index]) ?? {};
    const keys = [
      ...entry.envs.flatMap((env) => envKeys(read(uri, env) ?? read(uri, `${env}.example`))),
      ...list(raw.literals).flatMap((l) => (typeof l === 'string' && l.indexOf('=') > 0 ? [l.slice(0, l.indexOf('='))] : [])),
      ...list(raw.files).flatMap((f) => (typeof f === 'string' ? [f.includes('=') ? f.slice(0, f.indexOf('=')) : f.slice(f.lastIndexOf('/') + 1)] : [])),
    ];
    const metadata = { name: entry.name, ...(entry.namespace === undefined ? {} : { namespace: entry.namespace }) };
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata, data: Object.fromEntries(keys.map((k) => [k, ''])) };
    return new GeneratedSecret(uri, chunk, parsed, secret, ['secretGenerator', entry.index]);
  });
}

function envKeys(text: string | undefined): string[] {
  if (text === undefined) return [];
  const pairs = parseEnvText(text, 'env');
  return pairs.ok ? pairs.value.map((p) => p.key) : [];
}
