import { dig, rec } from './access';
import { insertIntoMapping } from './fixes';
import type { LintObject } from './object';
import type { ContainerRef, PodTemplate } from './pods';
import type { TextEdit } from './types';

/** A container's securityContext field, falling back to the pod's where the API does (runAsUser, runAsNonRoot, seccomp). */
export function effective(template: PodTemplate, container: ContainerRef, field: string): unknown {
  return dig(container.value, 'securityContext', field) ?? dig(template.spec, 'securityContext', field);
}

/** Adds lines to a mapping at a path, creating the mapping under its parent when it is missing. */
function ensureIn(
  object: LintObject,
  parent: readonly (string | number)[],
  key: string,
  lines: readonly string[],
): TextEdit | undefined {
  const existing = rec(dig(object.value, ...parent, key));
  if (existing && Object.keys(existing).length > 0) return insertIntoMapping(object, [...parent, key], lines);
  if (dig(object.value, ...parent, key) !== undefined) return undefined;
  return insertIntoMapping(object, parent, [`${key}:`, ...lines.map((l) => `  ${l}`)]);
}

/** An edit adding lines to a container's securityContext (created when missing). */
export function containerSecurityEdit(
  object: LintObject,
  container: ContainerRef,
  lines: readonly string[],
): TextEdit | undefined {
  return ensureIn(object, container.path, 'securityContext', lines);
}

/** An edit adding lines to the pod's securityContext (created when missing). */
export function podSecurityEdit(
  object: LintObject,
  template: PodTemplate,
  lines: readonly string[],
): TextEdit | undefined {
  return ensureIn(object, [...template.path, 'spec'], 'securityContext', lines);
}
