import { posix } from 'node:path';
import { ok, type Result } from '../util/result';
import { appFilesUnder, loadAppFiles, type AppFile } from './apps';
import { generateStack, planWrites, type ExistingFiles, type WritePlan } from './generate';
import type { StackOptionsInput } from './options';
import { STACK_FILE_PATHS } from './render';
import type { TemplateSet } from './templates';

/** Where a scaffolded project keeps its parts, relative to the project folder. */
export interface ScaffoldLayout {
  readonly manifests: string;
  readonly apps: string;
}

export const DEFAULT_LAYOUT: ScaffoldLayout = { manifests: 'k8s', apps: 'apps' };

/** Every path scaffolding may write (for reading what exists there first), relative to the project folder. */
export function scaffoldPaths(appFiles: readonly AppFile[], layout: ScaffoldLayout = DEFAULT_LAYOUT): string[] {
  const manifests = STACK_FILE_PATHS.map((p) => posix.join(layout.manifests, p));
  return [...manifests, ...appFiles.map((f) => posix.join(layout.apps, f.path))];
}

function under(folder: string, existing: ExistingFiles): Map<string, string> {
  const prefix = `${folder}/`;
  return new Map(
    [...existing].filter(([path]) => path.startsWith(prefix)).map(([path, text]) => [path.slice(prefix.length), text]),
  );
}

export interface ScaffoldSources {
  readonly appFiles?: readonly AppFile[];
  readonly templates?: TemplateSet;
  readonly layout?: ScaffoldLayout;
}

/**
 * The manifests (as Generate writes them, keeping earlier passwords) plus the four apps, the compose file
 * and its README, planned with the generator's no-clobber rules against what exists in the project folder.
 */
export async function scaffoldProject(
  input: StackOptionsInput,
  existing: ExistingFiles,
  sources: ScaffoldSources = {},
): Promise<Result<WritePlan>> {
  const layout = sources.layout ?? DEFAULT_LAYOUT;
  const stack = await generateStack(input, under(layout.manifests, existing), sources.templates);
  if (!stack.ok) return stack;
  const { options } = stack.value;
  const manifests = [...stack.value.create, ...stack.value.unchanged, ...stack.value.conflicts].map((f) => ({
    ...f,
    path: posix.join(layout.manifests, f.path),
  }));
  const apps = appFilesUnder(layout.apps, sources.appFiles ?? (await loadAppFiles()), options);
  // Manifests first in apply order, then the apps: the order the files are listed and written in.
  const order = new Map(scaffoldPaths([], layout).map((p, i) => [p, i]));
  manifests.sort((a, b) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0));
  return ok(planWrites(options, [...manifests, ...apps], existing, stack.value.warnings));
}
