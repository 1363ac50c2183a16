import { basename, posix } from 'node:path';
import { err, ok, type Result } from '../util/result';
import type { KubeObject } from './objects';

/** One `KEY=value` line of an env file, as kustomize reads it. */
export interface EnvPair {
  readonly key: string;
  readonly value: string;
  /** 1-based. */
  readonly line: number;
}

// The keys a Secret or ConfigMap accepts (the API server's rule); kustomize passes anything else on to fail there.
const DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Parses an env file the way kustomize's secretGenerator `envs` does: leading blanks trimmed, blank lines and
 * `#` lines skipped, split at the first `=`, the value taken verbatim (quotes included). Errors name the file
 * and line, never the value: these files hold passwords.
 */
export function parseEnvText(text: string, file: string): Result<EnvPair[]> {
  const pairs: EnvPair[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    const key = equals === -1 ? line : line.slice(0, equals);
    if (!DATA_KEY.test(key))
      return err(`${file}:${i + 1}: not a KEY=value line (a key is letters, digits, '-', '_' and '.')`);
    if (pairs.some((p) => p.key === key)) return err(`${file}:${i + 1}: key ${key} is set twice`);
    pairs.push({ key, value: equals === -1 ? '' : line.slice(equals + 1), line: i + 1 });
  }
  return ok(pairs);
}

/** One entry of a kustomization's secretGenerator, as far as this product builds it. */
export interface SecretGeneratorEntry {
  readonly index: number;
  readonly name: string;
  readonly namespace: string | undefined;
  /** Env files, relative to the kustomization's folder. */
  readonly envs: readonly string[];
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;
const strings = (v: unknown): string[] | undefined =>
  v === undefined ? [] : Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined;
const stringMap = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(rec(v) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));

/** kustomize's literal sources drop one pair of surrounding quotes. */
function removeQuotes(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])
    ? value.slice(1, -1)
    : value;
}

/** The secretGenerator entries of a parsed kustomization (empty when it has none). */
export function secretGeneratorEntries(kustomization: unknown, where: string): Result<SecretGeneratorEntry[]> {
  const list: unknown = rec(kustomization)?.secretGenerator ?? [];
  if (!Array.isArray(list)) return err(`${where}: secretGenerator must be a list`);
  const entries: SecretGeneratorEntry[] = [];
  for (const [index, item] of list.entries()) {
    const entry = rec(item);
    const name = entry?.name;
    const envs = strings(entry?.envs);
    if (!entry || typeof name !== 'string' || name === '')
      return err(`${where}: secretGenerator[${index}] has no name`);
    if (!envs) return err(`${where}: secretGenerator ${name}: envs must be a list of file names`);
    const namespace = typeof entry.namespace === 'string' ? entry.namespace : undefined;
    entries.push({ index, name, namespace, envs });
  }
  return ok(entries);
}

/** Reads a file relative to the kustomization's folder; undefined when it does not exist. */
export type ReadRelative = (path: string) => string | undefined;

/**
 * The Secrets a kustomization's secretGenerator makes, as `kubectl apply -k` would send them: `data` in base64,
 * labels and annotations from generatorOptions and the entry's options. Only the hash-free form is built:
 * kustomize's name hash and its rewriting of every reference are not reproduced, so a generator without
 * `disableNameSuffixHash: true` is refused rather than applied under a name kubectl would not use.
 */
export function generatedSecrets(
  kustomization: unknown,
  readRelative: ReadRelative,
  where: string,
): Result<KubeObject[]> {
  const entries = secretGeneratorEntries(kustomization, where);
  if (!entries.ok) return entries;
  const root = rec(kustomization) ?? {};
  const options = rec(root.generatorOptions) ?? {};
  const secrets: KubeObject[] = [];
  for (const entry of entries.value) {
    const raw = rec((root.secretGenerator as unknown[])[entry.index]) ?? {};
    const entryOptions = rec(raw.options) ?? {};
    if (options.disableNameSuffixHash !== true && entryOptions.disableNameSuffixHash !== true) {
      return err(
        `${where}: secretGenerator ${entry.name}: set generatorOptions.disableNameSuffixHash: true (kustomize's name hash is not supported)`,
      );
    }
    if (raw.behavior !== undefined && raw.behavior !== 'create')
      return err(`${where}: secretGenerator ${entry.name}: behavior ${JSON.stringify(raw.behavior)} is not supported`);
    const data = secretData(entry, raw, readRelative, where);
    if (!data.ok) return data;
    const labels = { ...stringMap(options.labels), ...stringMap(entryOptions.labels) };
    const annotations = { ...stringMap(options.annotations), ...stringMap(entryOptions.annotations) };
    const metadata = {
      name: entry.name,
      ...(entry.namespace === undefined ? {} : { namespace: entry.namespace }),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    };
    secrets.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata,
      type: typeof raw.type === 'string' ? raw.type : 'Opaque',
      data: data.value,
    });
  }
  return ok(secrets);
}

function secretData(
  entry: SecretGeneratorEntry,
  raw: Rec,
  readRelative: ReadRelative,
  where: string,
): Result<Record<string, string>> {
  const values = new Map<string, string>();
  const add = (key: string, value: string, source: string): string | undefined => {
    if (values.has(key)) return `${where}: secretGenerator ${entry.name}: key ${key} is set twice (${source})`;
    values.set(key, value);
    return undefined;
  };
  for (const env of entry.envs) {
    const text = readRelative(env);
    if (text === undefined) return err(`${where}: secretGenerator ${entry.name}: env file ${env} does not exist`);
    const pairs = parseEnvText(text, posix.join(posix.dirname(where), env));
    if (!pairs.ok) return pairs;
    for (const pair of pairs.value) {
      const problem = add(pair.key, pair.value, env);
      if (problem) return err(problem);
    }
  }
  const literals = strings(raw.literals);
  if (!literals) return err(`${where}: secretGenerator ${entry.name}: literals must be a list of KEY=value`);
  for (const literal of literals) {
    const equals = literal.indexOf('=');
    if (equals <= 0) return err(`${where}: secretGenerator ${entry.name}: a literal is not KEY=value`);
    const problem = add(literal.slice(0, equals), removeQuotes(literal.slice(equals + 1)), 'literals');
    if (problem) return err(problem);
  }
  const files = strings(raw.files);
  if (!files) return err(`${where}: secretGenerator ${entry.name}: files must be a list of paths`);
  for (const source of files) {
    const equals = source.indexOf('=');
    const path = equals === -1 ? source : source.slice(equals + 1);
    const text = readRelative(path);
    if (text === undefined) return err(`${where}: secretGenerator ${entry.name}: file ${path} does not exist`);
    const problem = add(equals === -1 ? posix.basename(path) : source.slice(0, equals), text, 'files');
    if (problem) return err(problem);
  }
  return ok(Object.fromEntries([...values].map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')])));
}

/** The keys an env file sets (for an example file whose values are empty); values are never returned. */
export function envKeys(text: string, file: string): Result<string[]> {
  const pairs = parseEnvText(text, file);
  return pairs.ok ? ok(pairs.value.map((p) => p.key)) : pairs;
}

/** The first lines of a generated env file of credentials. */
export const SECRETS_ENV_HEADER =
  '# Generated credentials: keep this file out of git (.gitignore lists it). Back it up: a database keeps the\n# password it was first started with, so a lost file means new passwords its data does not accept.\n';

/** What a user must know when new passwords replace a missing env file. */
export function missingSecretsNote(shown: string): string {
  return `${shown} was missing (it is not in git), so it was created with new passwords. A database that already holds data keeps its old password: if this stack ran before, restore the old ${basename(shown)} and apply again.`;
}
