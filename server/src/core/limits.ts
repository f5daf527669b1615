// Every cost that the input controls has a budget, named here once so the
// core, the server and the CLI enforce the same numbers and the README can
// list them. Over a budget, the core reports a `limit-exceeded` finding that
// names the limit, and does no more of that work.
//
// Owners append their own budgets below; keep each with a comment saying
// what it bounds and why the number is what it is.

export interface Limit {
  /** The name shown in the finding's message and listed in the README. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export const LIMITS = {
  /** Largest sidecar parsed at all (bytes of UTF-16 text). A hand-written sidecar of 5,000 claims is about 1 MB. */
  sidecarChars: { name: 'sidecar size', value: 8 * 1024 * 1024, unit: 'characters' },
} as const satisfies Record<string, Limit>;

/** The message of a `limit-exceeded` finding: which limit, its value, and what was skipped. */
export function limitMessage(limit: Limit, what: string): string {
  return `Over the ${limit.name} limit (${limit.value.toLocaleString('en-US')} ${limit.unit}): ${what}`;
}
