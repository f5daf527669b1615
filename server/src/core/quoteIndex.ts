// Exact search for quotes, in time linear in the text whatever the input.
//
// Every occurrence of many quotes is found in one pass over the text, instead
// of one indexOf scan per quote (5,000 annotations on a 1 MB article would be
// 5,000 scans). Quotes are keyed by a rolling hash of their first KEY
// characters; each text position is hashed once and checked only against the
// quotes with the same key.
//
// Checking a candidate compares up to a whole quote, so a quote that matches
// at most positions (a long quote inside a run of one character: every
// position is an overlapping occurrence) would cost text length × quote
// length. Each quote has a budget of compared characters (about the text's
// length, which non-overlapping occurrences never exceed); past it the quote
// is finished with Knuth–Morris–Pratt, linear by construction. The native
// indexOf is not linear either (a 10,000-character quote of one letter with
// another in the middle takes 1.5 s on a 1 MB run), so it is only given
// needles of up to NATIVE_NEEDLE characters: a longer quote's first ones.
// No quote yields more than `LIMITS.anchorOccurrences` occurrences.
import { LIMITS } from './limits';

const KEY = 8;
const BASE = 31;
/** Needles up to this length are searched with the native indexOf (its worst case, length × text, stays small). */
const NATIVE_NEEDLE = 32;

/** A quote's occurrences in order; `complete` is false when there are more than the budget allows (only the first ones are listed). */
export interface Occurrences {
  readonly starts: readonly number[];
  readonly complete: boolean;
}

const OCCURRENCE_LIMIT = LIMITS.anchorOccurrences.value;

/** Collects starts up to the limit; `add` answers false once the limit is passed. */
class Collector {
  readonly starts: number[] = [];
  complete = true;
  constructor(private readonly limit: number) {}
  add(at: number): boolean {
    if (this.starts.length >= this.limit) {
      this.complete = false;
      return false;
    }
    this.starts.push(at);
    return true;
  }
  result(): Occurrences {
    return { starts: this.starts, complete: this.complete };
  }
}

/**
 * Every start of `needle` in text[from, to) (overlapping repeats included), at
 * most `limit` of them. The native indexOf looks for the needle's first
 * NATIVE_NEEDLE characters (a longer needle can make it slow), and each hit
 * is checked for the rest; once the checks cost more than the text, the rest
 * is searched with KMP.
 */
export function occurrencesOf(text: string, needle: string, limit = OCCURRENCE_LIMIT, from = 0, to = text.length): Occurrences {
  const found = new Collector(limit);
  if (needle === '') return found.result();
  const head = needle.length > NATIVE_NEEDLE ? needle.slice(0, NATIVE_NEEDLE) : needle;
  let spent = 0;
  for (let at = text.indexOf(head, from); at !== -1 && at + needle.length <= to; at = text.indexOf(head, at + 1)) {
    if ((head === needle || text.startsWith(needle, at)) && !found.add(at)) break;
    // Each hit costs a needle's length; hits that overlap cost more than the text: finish linearly.
    spent += needle.length;
    if (spent > to - from + needle.length) {
      searchKmp(text, needle, at + 1, to, found);
      break;
    }
  }
  return found.result();
}

/** Knuth–Morris–Pratt from `from`: O(to - from + needle length) whatever the text. */
function searchKmp(text: string, needle: string, from: number, to: number, found: Collector): void {
  const m = needle.length;
  if (to - from < m) return;
  const fail = failureTable(needle);
  let k = 0;
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    while (k > 0 && needle.charCodeAt(k) !== ch) k = fail[k - 1]!;
    if (needle.charCodeAt(k) === ch) k++;
    if (k === m) {
      if (!found.add(i - m + 1)) return;
      k = fail[m - 1]!;
    }
  }
}

/** fail[i]: the length of the longest proper border of needle[0..i]. */
function failureTable(needle: string): Int32Array {
  const fail = new Int32Array(needle.length);
  let k = 0;
  for (let i = 1; i < needle.length; i++) {
    const ch = needle.charCodeAt(i);
    while (k > 0 && needle.charCodeAt(k) !== ch) k = fail[k - 1]!;
    if (needle.charCodeAt(k) === ch) k++;
    fail[i] = k;
  }
  return fail;
}

interface Pending {
  readonly quote: string;
  readonly found: Collector;
  spent: number;
}

/** Up to this many quotes are each searched natively: a few native scans cost less than one hashed pass (a keystroke re-searches one or two). */
const FEW_QUOTES = 8;

/** Every occurrence of each quote (keyed by quote), each as `occurrencesOf` would find it. */
export function findAllOccurrences(text: string, quotes: Iterable<string>): Map<string, Occurrences> {
  const result = new Map<string, Occurrences>();
  const byKey = new Map<number, Pending[]>();
  const pending: Pending[] = [];
  const distinct = new Set(quotes);
  for (const quote of distinct) {
    if (result.has(quote) || quote === '') continue;
    if (quote.length < KEY || text.length < KEY || distinct.size <= FEW_QUOTES) {
      result.set(quote, occurrencesOf(text, quote));
      continue;
    }
    const entry: Pending = { quote, found: new Collector(OCCURRENCE_LIMIT), spent: 0 };
    result.set(quote, entry.found);
    pending.push(entry);
    const key = hashOf(quote);
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
  }
  if (byKey.size > 0) scan(text, byKey);
  for (const entry of pending) result.set(entry.quote, entry.found.result());
  return result;
}

/** The rolling-hash pass; a quote leaves its bucket when finished (limit reached, or handed to KMP). */
function scan(text: string, byKey: Map<number, Pending[]>): void {
  let power = 1;
  for (let i = 0; i < KEY - 1; i++) power = Math.imul(power, BASE);
  let hash = hashOf(text);
  for (let i = 0; ; i++) {
    const candidates = byKey.get(hash);
    if (candidates) checkCandidates(text, i, candidates);
    if (i + KEY >= text.length) break;
    hash = (Math.imul(hash - Math.imul(text.charCodeAt(i), power), BASE) + text.charCodeAt(i + KEY)) | 0;
  }
}

function checkCandidates(text: string, i: number, candidates: Pending[]): void {
  for (let c = 0; c < candidates.length; ) {
    const entry = candidates[c]!;
    let done = false;
    entry.spent += entry.quote.length;
    if (entry.spent > text.length + entry.quote.length) {
      searchKmp(text, entry.quote, i, text.length, entry.found);
      done = true;
    } else if (text.startsWith(entry.quote, i)) done = !entry.found.add(i);
    if (done) candidates.splice(c, 1);
    else c++;
  }
}

function hashOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < KEY; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}
