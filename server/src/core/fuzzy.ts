// Approximate search (Sellers' algorithm: edit distance where the match may
// start anywhere). Quadratic, so callers run it on small windows, or on the
// whole text only while text length × quote length stays under a budget.

const SUGGESTION_ERROR_RATE = 0.35;

export interface FuzzyMatch {
  readonly start: number;
  readonly end: number;
  readonly distance: number;
}

/** The substring of `text` closest to `pattern`, if it is close enough to suggest and the search fits in `maxCells` (text length × pattern length). */
export function closestMatch(text: string, pattern: string, maxCells: number): FuzzyMatch | undefined {
  if (text.length * pattern.length > maxCells) return undefined;
  const best = closestMatchIn(text, pattern, 0, text.length);
  if (!best || best.distance > Math.max(1, Math.floor(pattern.length * SUGGESTION_ERROR_RATE))) return undefined;
  return best;
}

/** The substring of text[from, to) with the least edit distance to `pattern` (the leftmost on ties). */
export function closestMatchIn(text: string, pattern: string, from: number, to: number): FuzzyMatch | undefined {
  const m = pattern.length;
  if (m === 0 || to <= from) return undefined;
  const cost = new Int32Array(m + 1);
  const start = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    start[i] = from;
  }
  let best: FuzzyMatch | undefined;
  for (let j = from; j < to; j++) {
    let diagCost = 0; // row 0 is free: a match may start anywhere
    let diagStart = j;
    cost[0] = 0;
    start[0] = j + 1;
    const ch = text.charCodeAt(j);
    for (let i = 1; i <= m; i++) {
      const up = cost[i - 1]! + 1;
      const left = cost[i]! + 1;
      const diag = diagCost + (pattern.charCodeAt(i - 1) === ch ? 0 : 1);
      const nextDiagCost = cost[i]!;
      const nextDiagStart = start[i]!;
      if (diag <= up && diag <= left) {
        cost[i] = diag;
        start[i] = diagStart;
      } else if (up <= left) {
        cost[i] = up;
        start[i] = start[i - 1]!;
      } else {
        cost[i] = left;
      }
      diagCost = nextDiagCost;
      diagStart = nextDiagStart;
    }
    if (!best || cost[m]! < best.distance) best = { start: start[m]!, end: j + 1, distance: cost[m]! };
  }
  return best;
}

/** The edit distance between two whole strings. */
export function editDistance(a: string, b: string): number {
  let previous = new Int32Array(b.length + 1).map((_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
