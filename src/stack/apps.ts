import { readdir, readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { GeneratedFile } from './render';
import { findTemplatesRoot } from './templates';

/** The four services whose images the project builds, each a folder under templates/apps with a Dockerfile. */
export const APP_SERVICES = ['node-api', 'fastapi', 'go-api', 'frontend'] as const;
export type AppService = (typeof APP_SERVICES)[number];

/** A file of the starter apps, its path relative to the apps folder (always with `/`). */
export interface AppFile {
  readonly path: string;
  readonly content: string;
}

// Build output and local caches that may sit in a checkout of the templates; never scaffolded.
const SKIPPED = new Set(['node_modules', 'dist', '__pycache__', '.venv', '.DS_Store']);

async function walk(root: string, relative: string): Promise<AppFile[]> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((e) => !SKIPPED.has(e.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (e): Promise<AppFile[]> => {
        const path = relative ? posix.join(relative, e.name) : e.name;
        if (e.isDirectory()) return walk(root, path);
        return e.isFile() ? [{ path, content: await readFile(join(root, path), 'utf8') }] : [];
      }),
  );
  return files.flat();
}

/** Reads templates/apps: the four services' sources and build files, the compose file and its README. */
export async function loadAppFiles(templatesRoot: string = findTemplatesRoot()): Promise<AppFile[]> {
  return walk(join(templatesRoot, 'apps'), '');
}

export interface AppOptions {
  readonly imagePrefix: string;
  readonly tag: string;
}

/** The compose file names the images as the manifests do, so `docker compose build` tags what the cluster pulls. */
export function renderAppFile(file: AppFile, options: AppOptions): AppFile {
  if (file.path !== 'docker-compose.yml') return file;
  const content = file.content
    .replaceAll('${IMAGE_PREFIX:-starter-stack}', `\${IMAGE_PREFIX:-${options.imagePrefix}}`)
    .replaceAll('${IMAGE_TAG:-0.1.0}', `\${IMAGE_TAG:-${options.tag}}`);
  return { path: file.path, content };
}

/** The app files as generated files under `folder` (e.g. `apps/node-api/Dockerfile`). */
export function appFilesUnder(folder: string, files: readonly AppFile[], options: AppOptions): GeneratedFile[] {
  return files.map((f) => {
    const rendered = renderAppFile(f, options);
    return { path: posix.join(folder, rendered.path), content: rendered.content };
  });
}
