import { indexManifest, type TextRange } from './cache/manifestIndex';
import type { WorkloadKind } from './cache/ownership';

/** A text replacement in a manifest file: a container's `image:` value. */
export interface ImageEdit {
  readonly container: string;
  readonly range: TextRange;
  readonly from: string;
  readonly to: string;
  /** What to write over the range: the new image, in the quotes the file used. */
  readonly newText: string;
}

/**
 * The edits that make a workload's manifest name the given images, container by container; an empty list when
 * the file does not define the workload or already matches. Only `image:` values change, nothing else in the file.
 */
export function imageEdits(
  text: string,
  workload: { kind: WorkloadKind; name: string; namespace?: string },
  images: ReadonlyMap<string, string>,
): ImageEdit[] {
  const found = indexManifest('', text).find(
    (w) =>
      w.kind === workload.kind &&
      w.name === workload.name &&
      (w.namespace === undefined || workload.namespace === undefined || w.namespace === workload.namespace),
  );
  if (!found) return [];
  const lines = text.split('\n');
  return found.containers.flatMap((c) => {
    const to = images.get(c.name);
    if (!c.imageRange || to === undefined || c.imageRange.start.line !== c.imageRange.end.line) return [];
    const written =
      lines[c.imageRange.start.line]?.slice(c.imageRange.start.character, c.imageRange.end.character) ?? '';
    const quote = /^(['"]).*\1$/.exec(written)?.[1] ?? '';
    const from = quote ? written.slice(1, -1) : written;
    return from === to ? [] : [{ container: c.name, range: c.imageRange, from, to, newText: `${quote}${to}${quote}` }];
  });
}
