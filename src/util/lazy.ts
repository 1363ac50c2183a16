/** A load that runs once and is shared; see {@link onceSucceeded}. */
export interface OnceSucceeded<T> {
  (): Promise<T>;
  /** The load under way or done, without starting one. */
  peek(): Promise<T> | undefined;
}

/**
 * `load` runs on the first call; its result is shared by every later call. A failed load is forgotten, so the next
 * call tries again: a transient failure (a file being rebuilt, a port in use) must not disable a feature for the
 * rest of the session.
 */
export function onceSucceeded<T>(load: () => Promise<T>): OnceSucceeded<T> {
  let pending: Promise<T> | undefined;
  const get = () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
  return Object.assign(get, { peek: () => pending });
}
