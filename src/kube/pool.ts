/**
 * Runs `task` over `items` with at most `limit` in flight, results in input order.
 * Stops starting new items once `shouldStop()` is true (an abort, a fatal failure); those get `skipped(item)`.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
  options: { shouldStop?: () => boolean; skipped: (item: T) => R },
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      const item = items[index] as T;
      results[index] = options.shouldStop?.() ? options.skipped(item) : await task(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
