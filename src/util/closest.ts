// "Did you mean …?": the one place that guesses which known name a typo meant, for the CLI's commands and options
// and the linter's fields, ports and Services.

/**
 * The known name `typed` most likely meant: the same name in another case; with `prefix`, the first name that starts
 * with what was typed (two letters or more, as an abbreviated option); else the nearest name at most a third of the
 * typed length away (at least one edit), a swap of neighbours counting as one edit. Undefined when none is near.
 */
export function closest(
  typed: string,
  known: readonly string[],
  { prefix = false }: { readonly prefix?: boolean } = {},
): string | undefined {
  const lower = typed.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  if (prefix && typed.length >= 2) {
    const abbreviated = known.find((k) => k.toLowerCase().startsWith(lower));
    if (abbreviated !== undefined) return abbreviated;
  }
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/**
 * Edit distance (insert, delete, replace, and a swap of neighbours as one edit: typos are often swaps), capped at
 * `limit`: any distance of `limit` or more is returned as `limit`, and the work stops as soon as it is known.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let cell = Math.min((previous[j] ?? limit) + 1, (current[j - 1] ?? limit) + 1, (previous[j - 1] ?? limit) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cell = Math.min(cell, (before[j - 2] ?? limit) + 1);
      current.push(cell);
    }
    if (Math.min(...current) >= limit) return limit;
    [before, previous] = [previous, current];
  }
  return Math.min(previous[b.length] ?? limit, limit);
}
