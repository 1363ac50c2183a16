import { ok, type Result } from '../util/result';
import { parseStackOptions, type StackOptions, type StackOptionsInput } from './options';
import { missingSecretsNote } from '../kube/kustomize';
import { KUSTOMIZATION_FILE, readPreviousSecrets, renderStack, type GeneratedFile } from './render';
import { generateSecrets, secretKeysFor, SECRETS_ENV_FILE, SECRETS_EXAMPLE_FILE, type StackSecrets } from './secrets';
import { loadTemplateSet, type TemplateSet } from './templates';

/** What already exists where the stack would be written, keyed by the generated file's relative path. */
export type ExistingFiles = ReadonlyMap<string, string>;

export interface WritePlan {
  readonly options: StackOptions;
  /** Files to write because they do not exist yet. */
  readonly create: readonly GeneratedFile[];
  /** Files that exist with exactly this content. */
  readonly unchanged: readonly GeneratedFile[];
  /** Files that exist with other content: never overwritten without the user's say. */
  readonly conflicts: readonly GeneratedFile[];
  /** What the user must know about the result, one line each (never a value). */
  readonly warnings: readonly string[];
}

/** Sorts generated files by what writing them would do to what is there. */
export function planWrites(
  options: StackOptions,
  files: readonly GeneratedFile[],
  existing: ExistingFiles,
  warnings: readonly string[] = [],
): WritePlan {
  const create: GeneratedFile[] = [];
  const unchanged: GeneratedFile[] = [];
  const conflicts: GeneratedFile[] = [];
  for (const file of files) {
    const current = existing.get(file.path);
    if (current === undefined) create.push(file);
    else if (current === file.content) unchanged.push(file);
    else conflicts.push(file);
  }
  return { options, create, unchanged, conflicts, warnings };
}

/**
 * Validates the options, renders the stack (keeping the passwords of an earlier generation found in
 * `existing`) and plans the writes. Writing is the caller's: the CLI and the editor write differently.
 */
export async function generateStack(
  input: StackOptionsInput,
  existing: ExistingFiles,
  templates?: TemplateSet,
): Promise<Result<WritePlan>> {
  const options = parseStackOptions(input);
  if (!options.ok) return options;
  const previous = readPreviousSecrets(existing);
  const secrets = generateSecrets(previous);
  const files = renderStack(options.value, templates ?? (await loadTemplateSet()), secrets);
  return ok(planWrites(options.value, files, existing, lostSecretsWarning(options.value, existing, previous)));
}

/**
 * A folder generated before (its kustomization or example is there) without secrets.env is a fresh clone:
 * new passwords are made, which a database that already holds data does not accept.
 */
function lostSecretsWarning(options: StackOptions, existing: ExistingFiles, previous: Partial<StackSecrets>): string[] {
  const generatedBefore = existing.has(KUSTOMIZATION_FILE) || existing.has(SECRETS_EXAMPLE_FILE);
  const renewed = secretKeysFor(options.components).filter((k) => previous[k.password] === undefined);
  if (!generatedBefore || existing.has(SECRETS_ENV_FILE) || renewed.length === 0) return [];
  return [missingSecretsNote(SECRETS_ENV_FILE)];
}
