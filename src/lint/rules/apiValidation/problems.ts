import type { Path } from '../../parse';

/** One rejection, worded as the API server's field errors are (`spec.replicas: Invalid value: -1: …`). */
export interface Problem {
  readonly path: Path;
  readonly message: string;
  /** Where the finding goes when that is not the reported field (the conflicting field beside it). */
  readonly at?: Path;
  /** The field that makes the reported one wrong, shown beside the finding (related information). */
  readonly cause?: Path;
  readonly fixes?: readonly ProblemFix[];
}

/** A quick fix in terms of fields: replace the scalar at `path` with `text`, or add `lines` to the mapping at `path`. */
export type ProblemFix =
  | { readonly title: string; readonly path: Path; readonly text: string }
  | { readonly title: string; readonly path: Path; readonly lines: readonly string[] };

/** `spec.containers[0].name`: the field path as Kubernetes prints it. */
export function fieldPath(path: Path): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const show = (value: unknown): string =>
  typeof value === 'number' || typeof value === 'boolean' ? String(value) : (JSON.stringify(value) ?? 'null');

/** Collects problems for one object; the helpers mirror field.Invalid, Required, Forbidden, … */
export class Problems {
  readonly list: Problem[] = [];

  private add(path: Path, text: string, at?: Path, fixes?: readonly ProblemFix[]): void {
    this.list.push({
      path,
      message: `${fieldPath(path)}: ${text}`,
      ...(at ? { at } : {}),
      ...(fixes ? { fixes } : {}),
    });
  }

  invalid(path: Path, value: unknown, detail: string, at?: Path, fixes?: readonly ProblemFix[]): void {
    this.add(path, `Invalid value: ${show(value)}: ${detail}`, at, fixes);
  }

  /** field.Invalid at `path` because of the field at `cause`: the finding stays on `path`, and points at `cause`. */
  invalidBecause(path: Path, value: unknown, detail: string, cause: Path): void {
    this.add(path, `Invalid value: ${show(value)}: ${detail}`);
    const last = this.list[this.list.length - 1];
    if (last) this.list[this.list.length - 1] = { ...last, cause };
  }

  required(path: Path, detail: string, at?: Path, fixes?: readonly ProblemFix[]): void {
    this.add(path, detail ? `Required value: ${detail}` : 'Required value', at, fixes);
  }

  forbidden(path: Path, detail: string, at?: Path): void {
    this.add(path, `Forbidden: ${detail}`, at);
  }

  duplicate(path: Path, value: unknown, at?: Path): void {
    this.add(path, `Duplicate value: ${show(value)}`, at);
  }

  unsupported(path: Path, value: unknown, supported: readonly string[], fixes?: readonly ProblemFix[]): void {
    const detail = `Unsupported value: ${show(value)}: supported values: ${supported.map(show).join(', ')}`;
    this.add(path, detail, undefined, fixes);
  }
}
