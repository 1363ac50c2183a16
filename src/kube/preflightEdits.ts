import type { ManifestEntry } from './manifests';

/** A one-line insertion or replacement in a manifest file (1-based line), as plain data for the editor to apply. */
export interface LineEdit {
  readonly line: number;
  /** Replace the whole line (true) or insert `text` as a new line before it (false). */
  readonly replace: boolean;
  readonly text: string;
}

const indentOf = (line: string): string => /^\s*/.exec(line)?.[0] ?? '';

/**
 * Sets `spec.ingressClassName` in an Ingress manifest: a new line just before `spec.rules` at its indentation
 * (or replacing an existing ingressClassName line). Undefined when the file does not have the expected shape.
 */
export function ingressClassNameEdit(entry: ManifestEntry, text: string, className: string): LineEdit | undefined {
  if (entry.object.kind !== 'Ingress' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(className)) return undefined;
  const lines = text.split(/\r?\n/);
  const existing = entry.lineOf?.('spec.ingressClassName');
  const spec = entry.lineOf?.('spec');
  if (existing !== undefined && existing !== spec && /^\s*ingressClassName:/.test(lines[existing - 1] ?? '')) {
    return { line: existing, replace: true, text: `${indentOf(lines[existing - 1]!)}ingressClassName: ${className}` };
  }
  const rules = entry.lineOf?.('spec.rules');
  if (rules === undefined || rules === spec || !/^\s*rules:/.test(lines[rules - 1] ?? '')) return undefined;
  return { line: rules, replace: false, text: `${indentOf(lines[rules - 1]!)}ingressClassName: ${className}` };
}

/** Replaces the host of the Ingress's first rule (`- host: X` or `host: X`), keeping what precedes it on the line. */
export function ingressHostEdit(entry: ManifestEntry, text: string, host: string): LineEdit | undefined {
  if (entry.object.kind !== 'Ingress' || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(host)) return undefined;
  const line = entry.lineOf?.('spec.rules[0].host');
  const current = line === undefined ? undefined : text.split(/\r?\n/)[line - 1];
  const match = current === undefined ? null : /^(\s*(?:-\s+)?host:\s*)\S+(.*)$/.exec(current);
  if (!match || line === undefined) return undefined;
  return { line, replace: true, text: `${match[1]!}${host}${match[2]!}` };
}

/**
 * Adds `resource` to a kustomization's top-level `resources:` list: a new item after the last one, at the items'
 * indentation. Undefined when the file has no block-style `resources:` list or already lists the resource.
 */
export function kustomizationResourceEdit(text: string, resource: string): LineEdit | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => /^resources:\s*(#.*)?$/.test(l));
  if (start < 0) return undefined;
  let last = -1;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^(\s*)-\s+["']?([^"'#\s]+)/.exec(line);
    if (!item) break;
    if (item[2] === resource) return undefined;
    last = i;
  }
  if (last < 0) return undefined;
  const indent = /^(\s*)-/.exec(lines[last]!)?.[1] ?? '';
  // Inserting before the line after the last item (1-based: last + 2) appends to the list.
  return { line: last + 2, replace: false, text: `${indent}- ${resource}` };
}
