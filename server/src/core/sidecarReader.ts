// The sidecar reader's toolkit: collects findings (listing problems up to a
// budget, each budget hit once) and reads keys, texts and lists of texts from
// YAML mappings within the key, text and list budgets. What a sidecar holds
// is described in `sidecar.ts`.
import { isScalar, type Pair, type YAMLMap } from 'yaml';
import { clipText, LIMITS, limitMessage, type Limit } from './limits';
import type { Finding, IdUse, Located, Span } from './model';
import { asSeq, describeNode, isNullish, keyText, pairSpan, scalarText, spanOf, type AnyNode } from './yamlNodes';

/**
 * What an id (of a source, entity or claim, or a relation's target) may be,
 * as the JSON Schema says: an id that does not fit is reported (and still
 * read, so what cites it keeps working).
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A name, id or value from the sidecar, short enough to quote in a message. */
export function quoted(text: string): string {
  return clipText(text, LIMITS.nameChars.value);
}

/** How many more items of a list may be read, and the budget that says so. */
export interface ListBudget {
  readonly limit: Limit;
  readonly room: number;
}

/** Collects findings while the reader walks the document. */
export class Reader {
  private readonly findings: Finding[] = [];
  readonly idUses: IdUse[] = [];
  /** Entity aliases read so far, against `LIMITS.aliasesTotal`. */
  aliasesRead = 0;
  private readonly reportedLimits = new Set<Limit>();
  private listed = 0;
  private unlisted = 0;
  private firstUnlisted: Span | undefined;

  problem(span: Span, message: string): void {
    this.record({ file: 'sidecar', span, severity: 'error', code: 'schema', message });
  }

  /** Well formed but doubtful (a relation that contradicts the pronouns): the value is still read. */
  warning(span: Span, message: string): void {
    this.record({ file: 'sidecar', span, severity: 'warning', code: 'schema', message });
  }

  duplicate(span: Span, message: string): void {
    this.record({ file: 'sidecar', span, severity: 'error', code: 'duplicate-id', message });
  }

  syntaxError(span: Span, message: string): void {
    this.record({ file: 'sidecar', span, severity: 'error', code: 'yaml-syntax', message: clipText(message, LIMITS.messageChars.value) });
  }

  /** Lists a problem, up to the budget; past it, problems are only counted (a text of stray brackets has one per character). */
  private record(finding: Finding): void {
    if (this.listed < LIMITS.sidecarProblems.value) {
      this.listed++;
      this.findings.push(finding);
    } else if (this.unlisted++ === 0) {
      this.firstUnlisted = finding.span;
    }
  }

  /** Every finding, and one that counts the problems not listed. Called once, when the reading is done. */
  allFindings(): Finding[] {
    if (this.unlisted > 0) this.overBudget(LIMITS.sidecarProblems, this.firstUnlisted!, `${this.unlisted.toLocaleString('en-US')} more are not listed.`);
    return this.findings;
  }

  /** Reports a budget hit, once per budget for the budgets counted across the whole sidecar. */
  overBudget(limit: Limit, span: Span, skipped: string, once = false): void {
    if (once && this.reportedLimits.has(limit)) return;
    this.reportedLimits.add(limit);
    this.findings.push({ file: 'sidecar', span, severity: 'error', code: 'limit-exceeded', message: limitMessage(limit, skipped) });
  }

  /**
   * A pair's key as text; undefined (and a finding) for a key that is a
   * collection or an alias, which is never turned into text: the text of
   * nested flow maps used as keys doubles with each level.
   */
  key(pair: Pair): string | undefined {
    const node = pair.key as AnyNode;
    const span = spanOf(node, pairSpan(pair));
    const key = keyText(pair);
    if (key === undefined) {
      this.problem(span, `This key is ${describeNode(node)}; keys must be plain text. The entry is not read.`);
      return undefined;
    }
    if (key.length > LIMITS.keyChars.value) {
      this.overBudget(LIMITS.keyChars, span, 'the entry is not read.');
      return undefined;
    }
    return key;
  }

  /** Reports keys of `map` not in `allowed`; returns the map's pairs by key. */
  fields(map: YAMLMap, allowed: readonly string[], where: string): Map<string, Pair> {
    const byKey = new Map<string, Pair>();
    for (const pair of map.items) {
      const key = this.key(pair);
      if (key === undefined) continue;
      if (!allowed.includes(key)) {
        this.problem(spanOf(pair.key as AnyNode, pairSpan(pair)), `Unknown key '${quoted(key)}' in ${where}; allowed: ${allowed.join(', ')}.`);
      } else if (byKey.has(key)) {
        this.problem(spanOf(pair.key as AnyNode), `Key '${key}' appears twice in ${where}.`);
      } else {
        byKey.set(key, pair);
      }
    }
    return byKey;
  }

  /**
   * A text field: undefined (and a finding) when present with no value or
   * a mapping or list. A number or boolean is read as YAML wrote it, with a
   * finding: the schema wants text (`title: "1984"`).
   */
  text(fields: Map<string, Pair>, key: string, where: string): Located<string> | undefined {
    const pair = fields.get(key);
    if (!pair) return undefined;
    const node = pair.value as AnyNode;
    const span = spanOf(node, pairSpan(pair));
    if (isNullish(node)) {
      this.problem(span, `'${key}' in ${where} has no value: write one, or remove the key.`);
      return undefined;
    }
    const value = this.textOf(node, span, `'${key}' in ${where}`);
    if (value === undefined) {
      this.problem(span, `'${key}' in ${where} must be text, not ${describeNode(node)}.`);
      return undefined;
    }
    return this.withinLength(value, span, `'${key}' in ${where}`);
  }

  /** A scalar's text; a number or boolean is reported (the schema wants text), and read as written. */
  textOf(node: AnyNode, span: Span, what: string): string | undefined {
    const value = scalarText(node);
    if (value !== undefined && isScalar(node) && typeof node.value !== 'string') this.problem(span, `${what} must be text: write ${quoted(value)} in quotes.`);
    return value;
  }

  /** Reports an id that is not one the schema allows; the id is read all the same. */
  checkId(id: string, span: Span, what: string): void {
    if (!ID_PATTERN.test(id)) this.problem(span, `${what} '${quoted(id)}' is not a valid id: use letters A-Z, digits, '.', '_' and '-', starting with a letter or digit.`);
  }

  /** A text value, or undefined (and a finding) when it is longer than the budget. */
  withinLength(value: string, span: Span, what: string): Located<string> | undefined {
    if (value.length <= LIMITS.valueChars.value) return { value, span };
    this.overBudget(LIMITS.valueChars, span, `${what} is not read.`);
    return undefined;
  }

  required(fields: Map<string, Pair>, key: string, where: string, at: Span): Located<string> | undefined {
    const value = this.text(fields, key, where);
    if (!value && !fields.has(key)) this.problem(at, `Missing required '${key}' in ${where}.`);
    else if (value && value.value.trim() === '') this.problem(value.span, `'${key}' in ${where} must not be empty.`);
    return value && value.value.trim() !== '' ? value : undefined;
  }

  /** A list of texts; a single text is accepted as a list of one. Items past the budget's room are not read. */
  textList(fields: Map<string, Pair>, key: string, where: string, budget?: ListBudget): Located<string>[] {
    const pair = fields.get(key);
    const node = pair?.value as AnyNode;
    if (!pair) return [];
    if (isNullish(node)) {
      this.problem(spanOf(node, pairSpan(pair)), `'${key}' in ${where} has no value: write a list, or remove the key.`);
      return [];
    }
    const seq = asSeq(node);
    if (!seq && scalarText(node) === undefined) {
      this.problem(spanOf(node, pairSpan(pair)), `'${key}' in ${where} must be a list, not ${describeNode(node)}.`);
      return [];
    }
    const nodes = seq ? (seq.items as AnyNode[]) : [node];
    const items: Located<string>[] = [];
    for (const [index, item] of nodes.entries()) {
      if (budget && index >= budget.room) {
        this.overBudget(budget.limit, spanOf(item, spanOf(node)), `'${key}' in ${where} is read up to here.`, budget.limit === LIMITS.aliasesTotal);
        break;
      }
      const span = spanOf(item, spanOf(node));
      const value = this.textOf(item, span, `An item of '${key}' in ${where}`);
      if (value === undefined) this.problem(span, `Items of '${key}' in ${where} must be text, not ${describeNode(item)}.`);
      else {
        const text = this.withinLength(value, span, `an item of '${key}' in ${where}`);
        if (text) items.push(text);
      }
    }
    return items;
  }
}
