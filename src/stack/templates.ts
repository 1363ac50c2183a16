import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { COMPONENT_IDS, type ComponentId } from './components';

/** The raw template text of each component: its files, in name order. */
export type TemplateSet = ReadonlyMap<ComponentId, readonly TemplateFile[]>;

export interface TemplateFile {
  readonly name: string;
  readonly text: string;
}

/**
 * Finds the templates folder shipped with the product: `templates/` next to `dist/` when bundled,
 * or at the repository root when running from source.
 */
export function findTemplatesRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'templates', 'manifests');
    if (existsSync(candidate)) return join(dir, 'templates');
    if (dirname(dir) === dir) throw new Error(`templates/manifests not found above ${start}`);
  }
}

export async function loadTemplateSet(templatesRoot: string = findTemplatesRoot()): Promise<TemplateSet> {
  const manifests = join(templatesRoot, 'manifests');
  const entries = await Promise.all(
    COMPONENT_IDS.map(async (id): Promise<[ComponentId, TemplateFile[]]> => {
      const folder = join(manifests, id);
      const names = (await readdir(folder)).filter((n) => /\.ya?ml$/.test(n)).sort();
      const files = await Promise.all(
        names.map(async (name) => ({ name, text: await readFile(join(folder, name), 'utf8') })),
      );
      return [id, files];
    }),
  );
  return new Map(entries);
}
