// The workspace index's summary of a sidecar straight from `yaml`'s concrete
// syntax tree, without composing the document: about a third less work per
// file, which is most of indexing a large workspace. It takes only sidecars
// in the plain shape people and Marginalia write (maps and lists, plain or
// quoted text, no anchors, aliases, tags, duplicate or odd keys, nothing
// that YAML would read as a number, boolean or null) and gives up on
// anything else, which is then summarized from the full parse. A test checks
// both ways agree on every sidecar the fast way accepts. Both read the text
// within the same budgets (`readCst`), and the fast way gives up on anything
// over a budget, so the full parse is the one that truncates and reports.
import { CST } from 'yaml';
import { LIMITS, type Limit } from './limits';
import { LineIndex, type Range } from './lineIndex';
import { ENTITY_TYPES } from './model';
import { parseSidecar, TOP_KEYS } from './sidecar';
import { RELATION_KEY_NAMES } from './sidecarFacts';
import { idKey, summarizeSidecar, type IdKind, type IndexedSymbol, type SidecarSummary } from './sidecarSummary';
import { readCst, type BoundedCst } from './yamlBudgets';

/** Thrown inside the walk to give up; never escapes `quickSummary`. */
class Unsupported extends Error {}

const TOP_KEY_SET: ReadonlySet<string> = new Set(TOP_KEYS);
/** Plain scalars YAML reads as something other than text (a few more than YAML 1.2 does, to be safe). */
const NOT_TEXT = /^(?:~|null|true|false|yes|no|on|off|[-+]?(?:[\d_]+(?:\.[\d_]*)?|\.[\d_]+)(?:e[-+]?\d+)?|0x[\da-f_]+|0o[0-7_]+|[-+]?\.(?:inf|nan))$/i;

interface Text {
  readonly value: string;
  readonly range: Range;
}

/** A sidecar's summary: the fast way when it has the plain shape, else from the full parse (of the same syntax tree). */
export function summarizeSidecarText(text: string): SidecarSummary {
  const cst = readCst(text);
  return quickSummaryOf(text, cst) ?? summarizeSidecar(text, parseSidecar(text, cst));
}

export function quickSummary(text: string): SidecarSummary | undefined {
  return quickSummaryOf(text, readCst(text));
}

function quickSummaryOf(text: string, cst: BoundedCst): SidecarSummary | undefined {
  if (cst.hits.length > 0) return undefined;
  try {
    return summarize(text, cst.tokens);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function summarize(text: string, tokens: readonly CST.Token[]): SidecarSummary {
  const lines = new LineIndex(text);
  const top = entries(onlyDocument(tokens), lines);
  const symbols: IndexedSymbol[] = [];
  const idRanges: Record<string, Range[]> = {};
  const use = (kind: IdKind, id: Text): void => void (idRanges[idKey(kind, id.value)] ??= []).push(id.range);
  for (const [key] of top) if (!TOP_KEY_SET.has(key)) throw new Unsupported();
  const section = (key: string): CST.Token | undefined => top.get(key)?.value;
  let aliasCount = 0;
  const relationTargets: Text[] = [];
  for (const [id, entry] of entries(section('entities'), lines, LIMITS.entities)) {
    const f = fields(mapping(entry.value), lines);
    for (const target of f.relations()) relationTargets.push(target);
    const type = f.get('type')?.value;
    const aliases = f.list('aliases', LIMITS.aliasesPerEntity).map((a) => a.value);
    if ((aliasCount += aliases.length) > LIMITS.aliasesTotal.value) throw new Unsupported();
    symbols.push({ kind: 'entity', id, name: required(f, 'name')?.value ?? id, detail: type && (ENTITY_TYPES as readonly string[]).includes(type) ? type : 'other', aliases, range: entry.key.range });
  }
  for (const [id, entry] of entries(section('sources'), lines, LIMITS.sources)) {
    const f = fields(mapping(entry.value), lines);
    symbols.push({ kind: 'source', id, name: required(f, 'title')?.value || id, detail: f.get('publisher')?.value ?? '', aliases: [], range: entry.key.range });
  }
  for (const s of symbols) idRanges[idKey(s.kind, s.id)] = [s.range];
  for (const target of relationTargets) use('entity', target);
  for (const claim of items(section('claims'), LIMITS.claims)) {
    const f = fields(claim, lines);
    for (const source of f.list('sources', LIMITS.sourcesPerClaim)) use('source', source);
    const by = f.get('attributed-to');
    if (by) use('entity', by);
  }
  for (const pin of items(section('mentions'), LIMITS.mentionPins)) {
    const entity = required(fields(pin, lines), 'entity');
    if (entity) use('entity', entity);
  }
  return { symbols, idRanges };
}

function onlyDocument(tokens: readonly CST.Token[]): CST.Token | undefined {
  let document: CST.Document | undefined;
  for (const token of tokens) {
    if (token.type === 'document' && !document) document = token;
    else if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space') throw new Unsupported();
  }
  for (const token of document?.start ?? []) if (token.type !== 'comment' && token.type !== 'newline' && token.type !== 'space' && token.type !== 'doc-start') throw new Unsupported();
  return document?.value;
}

interface Entry {
  readonly key: Text;
  readonly value: CST.Token | undefined;
}

/** A mapping's entries by key (block or flow); nothing for an empty value. Over the budget, the full parse reports it. */
function entries(token: CST.Token | undefined, lines: LineIndex, limit?: Limit): Map<string, Entry> {
  const result = new Map<string, Entry>();
  if (token === undefined || isEmpty(token)) return result;
  const flowMap = token.type === 'flow-collection' && token.start.source === '{';
  if (token.type !== 'block-map' && !flowMap) throw new Unsupported();
  withinBudget(token.items.length, limit);
  for (const item of token.items) {
    plainProps(item.start);
    // Only `key: value`, with the key on one line (what YAML itself requires of implicit keys).
    if (!item.key || !item.sep || 'explicitKey' in item || !item.sep.some((t) => t.type === 'map-value-ind')) throw new Unsupported();
    plainProps(item.sep);
    const key = text(item.key, lines);
    if (/[\r\n]/.test(item.key.type === 'block-scalar' ? '\n' : (item.key as CST.FlowScalar).source)) throw new Unsupported();
    // Duplicate, overlong or blank keys are findings: the full parse decides what is kept.
    if (result.has(key.value) || key.value.length > LIMITS.keyChars.value || key.value.trim() === '') throw new Unsupported();
    result.set(key.value, { key, value: item.value });
  }
  return result;
}

interface Fields {
  get(key: string): Text | undefined;
  /** A field that is a list of texts, or one text taken as a list of one. */
  list(key: string, limit: Limit): Text[];
  /** An entity's relation targets (entity ids), in the order written. */
  relations(): Text[];
}

/** A mapping's fields, read only for the keys asked (a description or a quote is never read). */
function fields(token: CST.Token | undefined, lines: LineIndex): Fields {
  const found = entries(token, lines);
  const valueOf = (key: string): CST.Token | undefined => {
    const value = found.get(key)?.value;
    return value === undefined || isEmpty(value) ? undefined : value;
  };
  return {
    get: (key) => {
      const value = valueOf(key);
      return value && text(value, lines);
    },
    list: (key, limit) => {
      const value = valueOf(key);
      if (!value) return [];
      return isList(value) ? items(value, limit).map((item) => text(item, lines)) : [text(value, lines)];
    },
    relations: () => relationTargetsOf(valueOf('relations'), lines),
  };
}

/** Targets under the known relation keys (the full reader reads no others), none blank, within the entity's budget. */
function relationTargetsOf(token: CST.Token | undefined, lines: LineIndex): Text[] {
  if (!token) return [];
  const relations = fields(mapping(token), lines);
  const targets: Text[] = [];
  for (const key of entries(token, lines).keys()) {
    if (!RELATION_KEY_NAMES.includes(key)) throw new Unsupported();
    for (const target of relations.list(key, LIMITS.relationsPerEntity)) {
      if (target.value.trim() === '') throw new Unsupported();
      targets.push(target);
    }
  }
  withinBudget(targets.length, LIMITS.relationsPerEntity);
  return targets;
}

/** A list's items (block or flow). Over the budget, the full parse reports it. */
function items(token: CST.Token | undefined, limit: Limit): CST.Token[] {
  if (token === undefined || isEmpty(token)) return [];
  if (!isList(token)) throw new Unsupported();
  withinBudget(token.items.length, limit);
  return token.items.map((item) => {
    plainProps(item.start);
    if (item.key !== undefined || item.sep !== undefined || item.value === undefined) throw new Unsupported();
    return item.value;
  });
}

function withinBudget(count: number, limit: Limit | undefined): void {
  if (limit && count > limit.value) throw new Unsupported();
}

function isList(token: CST.Token): token is CST.BlockSequence | CST.FlowCollection {
  return token.type === 'block-seq' || (token.type === 'flow-collection' && token.start.source === '[');
}

function isEmpty(token: CST.Token): boolean {
  return token.type === 'scalar' && token.source === '';
}

/** A required text that is blank counts as missing, as the full reader says. */
function required(f: Fields, key: string): Text | undefined {
  const value = f.get(key);
  return value && value.value.trim() !== '' ? value : undefined;
}

function text(token: CST.Token, lines: LineIndex): Text {
  if (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar' && token.type !== 'block-scalar') throw new Unsupported();
  if (token.type === 'scalar' && (token.source === '' || NOT_TEXT.test(token.source))) throw new Unsupported();
  let broken = false;
  const scalar = CST.resolveAsScalar(token, true, () => (broken = true));
  if (broken || !scalar || scalar.value.length > LIMITS.valueChars.value) throw new Unsupported();
  return { value: scalar.value, range: lines.rangeOf({ start: scalar.range[0], end: scalar.range[1] }) };
}

const PLAIN = new Set(['comment', 'newline', 'space', 'seq-item-ind', 'map-value-ind', 'comma']);

/** Comments, white space and indicators around an item are fine; anchors, tags and anything else are not. */
function plainProps(tokens: readonly CST.SourceToken[]): void {
  for (const t of tokens) if (!PLAIN.has(t.type)) throw new Unsupported();
}

/** An entry's body, which must be a mapping (else the full reader skips the entry with a problem). */
function mapping(token: CST.Token | undefined): CST.Token {
  if (token && (token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{'))) return token;
  throw new Unsupported();
}
