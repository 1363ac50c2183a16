import { ok, type Result } from '../util/result';
import { parseStackOptions, type StackOptions, type StackOptionsInput } from './options';
import { readPreviousSecrets, renderStack, type GeneratedFile } from './render';
import { generateSecrets } from './secrets';
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
}

/** Sorts generated files by what writing them would do to what is there. */
export function planWrites(options: StackOptions, files: readonly GeneratedFile[], existing: ExistingFiles): WritePlan {
  const create: GeneratedFile[] = [];
  const unchanged: GeneratedFile[] = [];
  const conflicts: GeneratedFile[] = [];
  for (const file of files) {
    const current = existing.get(file.path);
    if (current === undefined) create.push(file);
    else if (current === file.content) unchanged.push(file);
    else conflicts.push(file);
  }
  return { options, create, unchanged, conflicts };
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
  const secrets = generateSecrets(readPreviousSecrets(existing.values()));
  const files = renderStack(options.value, templates ?? (await loadTemplateSet()), secrets);
  return ok(planWrites(options.value, files, existing));
}
