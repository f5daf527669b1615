// Approximate search for a quote that is no longer in the article exactly
// (Sellers' algorithm: edit distance where the match may start anywhere).
// Quadratic in the worst case, so it runs only for orphaned quotes and only
// while text length × quote length stays under a fixed budget.

const CELL_BUDGET = 40_000_000;
const MAX_ERROR_RATE = 0.35;

export interface FuzzyMatch {
  readonly start: number;
  readonly end: number;
  readonly distance: number;
}

/** The substring of `text` closest to `pattern`, if it is close enough to be useful. */
export function closestMatch(text: string, pattern: string): FuzzyMatch | undefined {
  const m = pattern.length;
  if (m === 0 || text.length === 0 || text.length * m > CELL_BUDGET) return undefined;
  const cost = new Int32Array(m + 1);
  const from = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) cost[i] = i;
  let best: FuzzyMatch | undefined;
  for (let j = 0; j < text.length; j++) {
    let diagCost = 0; // cost[i-1] of the previous column; row 0 is free
    let diagFrom = j;
    cost[0] = 0;
    from[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const up = cost[i - 1]! + 1; // pattern char skipped
      const left = cost[i]! + 1; // text char skipped
      const diag = diagCost + (pattern.charCodeAt(i - 1) === text.charCodeAt(j) ? 0 : 1);
      const nextDiagCost = cost[i]!;
      const nextDiagFrom = from[i]!;
      if (diag <= up && diag <= left) {
        cost[i] = diag;
        from[i] = diagFrom;
      } else if (up <= left) {
        cost[i] = up;
        from[i] = from[i - 1]!;
      } else {
        cost[i] = left;
      }
      diagCost = nextDiagCost;
      diagFrom = nextDiagFrom;
    }
    if (!best || cost[m]! < best.distance) best = { start: from[m]!, end: j + 1, distance: cost[m]! };
  }
  if (!best || best.distance > Math.max(1, Math.floor(m * MAX_ERROR_RATE))) return undefined;
  return best;
}
