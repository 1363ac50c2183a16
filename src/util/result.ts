/** Expected failures travel as values; exceptions are for bugs. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error });

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
