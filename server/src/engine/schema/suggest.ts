/** Edit distance with transpositions (optimal string alignment), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous2 = previous;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The field a misspelled key most likely meant: the one that differs only in case, else the one
 * closest in spelling (one edit in a short name, two in a longer one), when exactly one is closest.
 */
export function didYouMean(key: string, fields: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameLetters = fields.filter((field) => field.toLowerCase() === lower);
  if (sameLetters.length === 1) return sameLetters[0];
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  let ties = 0;
  for (const field of fields) {
    const distance = editDistance(lower, field.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = field;
      bestDistance = distance;
      ties = 0;
    } else if (distance === bestDistance) {
      ties++;
    }
  }
  return best !== undefined && bestDistance <= limit && ties === 0 ? best : undefined;
}
