// Delta debugging (ddmin) of a failing input: drop halves, quarters, ... of its lines while it still
// fails, then the same over characters, within a budget of tries and time.

export interface MinimiseBudget {
  tries: number;
  deadline: number;
}

function ddmin<T>(units: T[], fails: (units: T[]) => boolean, budget: MinimiseBudget): T[] {
  let current = units;
  let n = 2;
  while (current.length >= 2 && budget.tries > 0 && Date.now() < budget.deadline) {
    const size = Math.ceil(current.length / n);
    let reduced = false;
    for (let i = 0; i < n && budget.tries > 0 && Date.now() < budget.deadline; i++) {
      const candidate = [...current.slice(0, i * size), ...current.slice((i + 1) * size)];
      if (candidate.length === current.length) continue;
      budget.tries--;
      if (fails(candidate)) {
        current = candidate;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= current.length) break;
      n = Math.min(current.length, n * 2);
    }
  }
  return current;
}

/** The smallest text found that still `fails`: by lines first, then by characters. */
export function minimise(text: string, fails: (text: string) => boolean, options: { tries?: number; ms?: number } = {}): string {
  const budget: MinimiseBudget = { tries: options.tries ?? 400, deadline: Date.now() + (options.ms ?? 20_000) };
  const safe = (candidate: string): boolean => {
    try {
      return fails(candidate);
    } catch {
      return false;
    }
  };
  const byLines = ddmin(text.split(/(?<=\n)/), (units) => safe(units.join('')), budget).join('');
  return ddmin([...byLines], (units) => safe(units.join('')), budget).join('');
}
