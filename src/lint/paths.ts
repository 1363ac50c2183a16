/**
 * Paths inside file URIs and plain paths, as the engine sees them (`file:///a/b.yaml`, `/a/b.yaml`, `C:\a\b.yaml`):
 * the scheme stays, the path part is handled with `/` separators.
 */

function split(uri: string): { prefix: string; path: string } {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(uri);
  const prefix = scheme?.[0] ?? '';
  return { prefix, path: uri.slice(prefix.length).replace(/\\/g, '/') };
}

/** The folder of a file (without a trailing slash). */
export function dirOf(uri: string): string {
  const { prefix, path } = split(uri);
  const slash = path.lastIndexOf('/');
  return prefix + (slash <= 0 ? (slash === 0 ? '/' : '.') : path.slice(0, slash));
}

export function baseName(uri: string): string {
  const { path } = split(uri);
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Resolves a relative path against a folder, folding `.` and `..`. */
export function joinPath(dir: string, relative: string): string {
  const { prefix, path } = split(dir);
  const parts: string[] = [];
  const rel = relative.replace(/\\/g, '/');
  for (const part of (rel.startsWith('/') ? rel : `${path}/${rel}`).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  const absolute = path.startsWith('/') || rel.startsWith('/');
  return prefix + (absolute ? '/' : '') + parts.join('/');
}

/** True when a path is inside (or equal to) a folder. */
export function isInside(uri: string, dir: string): boolean {
  return uri === dir || uri.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
}
