// Minimal text edits to a sidecar. "Never lose a user's annotations": the
// document is never re-printed; each operation finds the nodes it touches by
// their source ranges and inserts or replaces only those bytes, matching the
// indentation, flow/block style and line endings around them. Comments, key
// order and quoting elsewhere stay byte for byte.
//
// Each `plan…` function works on one parse (an `EditableSidecar`, shared by
// every plan of a request) and returns the edits with what they mean to
// change; `EditSession.verify` (verifyEdit.ts) checks them before anything is
// offered. The text-in, edits-out functions at the end are the same plans,
// verified, for callers with a single edit to make.
import { isAlias, isMap, isScalar, isSeq, stringify, type Alias, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { EditableSidecar, applyEdits, isBlockScalar, keyString, pairOf, rangeOf, type TextEdit } from './sidecarText';
import { EditSession, appendToField, asData, planned, setFields, type EditIntent, type IdSection, type ListSection, type Planned } from './verifyEdit';

export { applyEdits, type TextEdit };

export interface AnchorFields {
  readonly quote: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly occurrence?: number;
}

type Value = string | number | readonly string[];
type Fields = Readonly<Record<string, Value | undefined>>;

const NOT_THERE = 'the sidecar does not have that entry in the expected shape';

/** A scalar as YAML text: plain where safe, else double-quoted. */
export function scalarText(value: string | number, flow = false): string {
  if (typeof value === 'number') return String(value);
  if (value.includes('\n') || value.includes('\r')) return JSON.stringify(value);
  const text = stringify(value, { lineWidth: 0, minContentWidth: 0 }).replace(/\r?\n$/, '');
  if (text.includes('\n') || (flow && /[,[\]{}]/.test(text) && !/^["']/.test(text))) return JSON.stringify(value);
  return text;
}

function valueText(value: Value, flow = false): string {
  if (Array.isArray(value)) return `[${(value as string[]).map((v) => scalarText(v, true)).join(', ')}]`;
  return scalarText(value as string | number, flow);
}

/** The indentation step used by a block map's children (2 when nothing tells). */
function childIndent(s: EditableSidecar, map: YAMLMap, parentColumn: number): number {
  return s.keyColumn(map.items[0]?.key) ?? parentColumn + 2;
}

/** Sets `key: value` in a map: replaces the value, fills an empty one, or adds the key. */
function setInMap(s: EditableSidecar, map: YAMLMap, key: string, value: Value): TextEdit[] {
  const pair = pairOf(map, key);
  const text = valueText(value, map.flow);
  if (pair) return replaceValue(s, pair, text);
  return addToMap(s, map, [`${key}: ${text}`]);
}

/** Replaces a pair's value only: a block scalar's line break, and the keys after it, stay. */
function replaceValue(s: EditableSidecar, pair: Pair, text: string): TextEdit[] {
  const node = pair.value;
  const range = rangeOf(node);
  if (range && !(isScalar(node) && node.value === null && range[0] === range[1])) {
    return [{ start: range[0], end: s.valueEnd(node)!, newText: text + s.headerComment(node) }];
  }
  const keyEnd = rangeOf(pair.key)?.[1];
  if (keyEnd === undefined) return [];
  const colon = s.text.indexOf(':', keyEnd);
  return colon < 0 ? [] : [{ start: colon + 1, end: colon + 1, newText: ` ${text}` }];
}

/** Adds lines (`key: value`, possibly followed by nested lines already indented relative to the key) to a map. */
function addToMap(s: EditableSidecar, map: YAMLMap, lines: readonly string[]): TextEdit[] {
  if (map.flow) return addToFlow(s, map, lines.join(' '));
  const first = s.keyColumn(map.items[0]?.key);
  const last = map.items[map.items.length - 1];
  if (first === undefined || !last) return [];
  const indent = ' '.repeat(first);
  const edit = s.linesAfterNode(last.value ?? last.key, lines.map((l) => indent + l));
  return edit ? [edit] : [];
}

/** Inserts an item into a flow collection: after its last item (and a trailing comma, if any), or inside empty brackets. */
function addToFlow(s: EditableSidecar, collection: YAMLMap | YAMLSeq, item: string): TextEdit[] {
  const range = rangeOf(collection);
  const closer = isMap(collection) ? '}' : ']';
  if (!range || s.text[range[1] - 1] !== closer) return [];
  const last: unknown = collection.items[collection.items.length - 1];
  if (last === undefined) return [{ start: range[0] + 1, end: range[0] + 1, newText: item }];
  const lastEnd = itemEnd(last);
  if (lastEnd === undefined) return [];
  const comma = s.commaAfter(lastEnd, range[1] - 1);
  return comma >= 0 ? [{ start: comma + 1, end: comma + 1, newText: ` ${item}` }] : [{ start: lastEnd, end: lastEnd, newText: `, ${item}` }];
}

/** Where a collection item ends (a pair: its value, or its key when the value is empty). */
function itemEnd(item: unknown): number | undefined {
  const pair = item as Partial<Pair>;
  if (isMap(item) || isSeq(item) || isScalar(item) || isAlias(item)) return rangeOf(item)?.[1];
  return rangeOf(pair.value)?.[1] ?? rangeOf(pair.key)?.[1];
}

/** Appends a scalar to the list under `key` (created if missing). */
function appendToList(s: EditableSidecar, map: YAMLMap, key: string, value: string): TextEdit[] {
  const pair = pairOf(map, key);
  if (!pair) return setInMap(s, map, key, [value]);
  const node = pair.value;
  if (isSeq(node)) {
    if ((node.items as unknown[]).some((i) => isScalar(i) && String(i.value) === value)) return [];
    return appendToSeq(s, node, [scalarText(value, node.flow)]);
  }
  if (isAlias(node)) return materialiseAlias(s, node, value);
  if (isScalar(node) && node.value !== null && node.value !== undefined) {
    if (String(node.value) === value) return [];
    const range = rangeOf(node)!;
    return [{ start: range[0], end: s.valueEnd(node)!, newText: `[${flowItemText(s, node)}, ${scalarText(value, true)}]` }];
  }
  return replaceValue(s, pair, `[${scalarText(value, true)}]`);
}

/** A scalar as a flow-list item: as written when that is safe there, else re-quoted. */
function flowItemText(s: EditableSidecar, node: Scalar): string {
  const range = rangeOf(node)!;
  const written = s.text.slice(range[0], range[1]);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  if (!written.includes('\n') && (quoted || (node.type === 'PLAIN' && !/[,[\]{}#]/.test(written)))) return written;
  return scalarText(String(node.value), true);
}

/**
 * A list shared through an alias (`sources: *src`) gets a copy of its own
 * with the new item: the anchor and every other alias keep what they had.
 */
function materialiseAlias(s: EditableSidecar, alias: Alias, value: string): TextEdit[] {
  const target = alias.resolve(s.doc);
  const items = isSeq(target) ? (target.items as unknown[]) : isScalar(target) ? [target] : undefined;
  if (!items || !items.every((i) => isScalar(i) && i.value !== null)) return [];
  const values = items.map((i) => String((i as { value: unknown }).value));
  if (values.includes(value)) return [];
  const range = rangeOf(alias)!;
  return [{ start: range[0], end: range[1], newText: `[${[...values, value].map((v) => scalarText(v, true)).join(', ')}]` }];
}

/** Appends an item (its first line, then further lines indented under it) to a sequence. */
function appendToSeq(s: EditableSidecar, seq: YAMLSeq, lines: readonly string[], flowItem?: string): TextEdit[] {
  if (seq.flow) return addToFlow(s, seq, flowItem ?? lines.join(' '));
  const column = s.dashColumn(seq);
  const last: unknown = seq.items[seq.items.length - 1];
  if (column === undefined || last === undefined) return [];
  const indent = ' '.repeat(column);
  const edit = s.linesAfterNode(last, [`${indent}- ${lines[0]}`, ...lines.slice(1).map((l) => `${indent}  ${l}`)]);
  return edit ? [edit] : [];
}

/** Removes a key and its value from a map; no edit when it cannot go cleanly (the map would be left without keys). */
function removePair(s: EditableSidecar, map: YAMLMap, pair: Pair): TextEdit[] {
  const keyStart = rangeOf(pair.key)?.[0];
  const end = s.valueEnd(pair.value) ?? rangeOf(pair.key)?.[1];
  if (keyStart === undefined || end === undefined) return [];
  if (map.flow) return removeFlowPair(s, map, pair, keyStart, end);
  if (!s.startsLine(keyStart)) {
    // `- key: value` opens a list item: the next key moves up to its place,
    // unless comments stand between them (then the dash keeps its line).
    const next = map.items[map.items.indexOf(pair) + 1];
    const nextStart = rangeOf(next?.key)?.[0];
    if (nextStart === undefined) return [];
    const lineAfter = s.nextLineStart(s.contentEnd(end));
    const between = s.text.slice(lineAfter, s.lineStart(nextStart));
    if (between.trim() === '') return [{ start: keyStart, end: nextStart, newText: '' }];
    return [{ start: s.contentEnd(keyStart), end: lineAfter, newText: s.eol }];
  }
  return [{ start: s.lineStart(keyStart), end: s.nextLineStart(s.contentEnd(end)), newText: '' }];
}

/** In a flow map: the pair and one comma beside it, found past comments (which may hold commas of their own). */
function removeFlowPair(s: EditableSidecar, map: YAMLMap, pair: Pair, start: number, end: number): TextEdit[] {
  const close = rangeOf(map)![1] - 1;
  const after = s.commaAfter(end, close);
  if (after >= 0) {
    let to = after + 1;
    while (s.text[to] === ' ' || s.text[to] === '\t') to++;
    return [{ start, end: to, newText: '' }];
  }
  const index = map.items.indexOf(pair);
  const previousEnd = index > 0 ? itemEnd(map.items[index - 1]) : undefined;
  const before = previousEnd === undefined ? -1 : s.commaAfter(previousEnd, start);
  if (before < 0) return [{ start, end, newText: '' }];
  if (s.nextToken(before + 1, start) === start && /^[ \t]*$/.test(s.text.slice(before + 1, start))) return [{ start: before, end, newText: '' }];
  return [
    { start: before, end: before + 1, newText: '' },
    { start, end, newText: '' },
  ];
}

/**
 * A new anchor for one annotation, from this one parse: the quote replaced,
 * prefix/suffix/occurrence set, added after the quote, or removed.
 */
function anchorEdits(s: EditableSidecar, map: YAMLMap, anchor: AnchorFields): TextEdit[] {
  const quote = pairOf(map, 'quote');
  if (!quote) return [];
  const edits = replaceValue(s, quote, valueText(anchor.quote, map.flow));
  const added: string[] = [];
  for (const key of ['prefix', 'suffix', 'occurrence'] as const) {
    const pair = pairOf(map, key);
    const want = anchor[key];
    if (want !== undefined && pair) edits.push(...replaceValue(s, pair, valueText(want, map.flow)));
    else if (want !== undefined) added.push(`${key}: ${valueText(want, map.flow)}`);
    else if (pair) {
      const removal = removePair(s, map, pair);
      if (removal.length === 0) return [];
      edits.push(...removal);
    }
  }
  if (added.length > 0) edits.push(insertAfterPair(s, map, quote, added));
  return edits;
}

/** New keys right after a pair: in a flow map after its value, in a block map on the lines after it. */
function insertAfterPair(s: EditableSidecar, map: YAMLMap, pair: Pair, entries: readonly string[]): TextEdit {
  const end = s.valueEnd(pair.value) ?? rangeOf(pair.key)![1];
  if (map.flow) return { start: end, end, newText: entries.map((e) => `, ${e}`).join('') };
  const indent = ' '.repeat(s.keyColumn(pair.key)!);
  return s.linesAfter(s.contentEnd(end), entries.map((e) => indent + e));
}

/** Adds a top-level section before the first later section, else at the end of the document (before a `...` marker). */
function addSection(s: EditableSidecar, key: string, body: readonly string[], flowValue: string, before: readonly string[]): TextEdit[] {
  const top = s.top;
  if (top?.flow) return addToFlow(s, top, `${key}: ${flowValue}`);
  const indent = ' '.repeat(s.keyColumn(top?.items[0]?.key) ?? 0);
  const block = [`${key}:`, ...body.map((l) => `  ${l}`)].map((l) => indent + l + s.eol).join('');
  const next = top?.items.find((p) => isScalar(p.key) && before.includes(String(p.key.value)));
  const nextStart = rangeOf(next?.key)?.[0];
  if (nextStart !== undefined) {
    const at = s.lineStart(nextStart);
    return [{ start: at, end: at, newText: block }];
  }
  const at = s.documentEnd();
  const needsBreak = at > s.bom && s.text[at - 1] !== '\n';
  return [{ start: at, end: at, newText: (needsBreak ? s.eol : '') + block }];
}

const SECTION_ORDER = ['article', 'sources', 'entities', 'claims', 'mentions', 'notes'];

function laterSections(key: string): string[] {
  return SECTION_ORDER.slice(SECTION_ORDER.indexOf(key) + 1);
}

function anchorMap(s: EditableSidecar, list: ListSection, index: number): YAMLMap | undefined {
  const seq = s.top && pairOf(s.top, list)?.value;
  if (!isSeq(seq)) return undefined;
  const item = seq.items[index];
  return isMap(item) ? item : undefined;
}

/** A key written more than once in a map, if any. */
function repeatedKey(map: YAMLMap): string | undefined {
  const seen = new Set<string>();
  for (const pair of map.items) {
    const key = keyString(pair);
    if (seen.has(key)) return key;
    seen.add(key);
  }
  return undefined;
}

function itemPlan(s: EditableSidecar, list: ListSection, index: number, edit: (map: YAMLMap) => TextEdit[], change: (item: unknown) => unknown): Planned {
  const problem = s.problem;
  if (problem) return { ok: false, reason: `the sidecar cannot be edited: ${problem}` };
  const map = anchorMap(s, list, index);
  if (!map) return { ok: false, reason: NOT_THERE };
  const twice = repeatedKey(map);
  // Which of two equal keys counts is a matter of reader: an edit to one may change what another reader sees.
  if (twice !== undefined) return { ok: false, reason: `this item has the key '${twice}' twice; remove one first` };
  return planned(() => edit(map), [{ kind: 'item', section: list, index, change }], 'nothing to change, or not in a shape Marginalia can edit');
}

export function planClaimSource(s: EditableSidecar, claimIndex: number, sourceId: string): Planned {
  const plan = itemPlan(s, 'claims', claimIndex, (map) => appendToList(s, map, 'sources', sourceId), appendToField('sources', sourceId));
  const map = anchorMap(s, 'claims', claimIndex);
  return plan.ok && map ? { ...plan, taken: listValues(s, map, 'sources') } : plan;
}

/** The texts a list field holds as YAML reads it (through an alias too; a single value as a list of one). */
function listValues(s: EditableSidecar, map: YAMLMap, key: string): string[] {
  const node: unknown = pairOf(map, key)?.value;
  const target = isAlias(node) ? node.resolve(s.doc) : node;
  const items: unknown[] = isSeq(target) ? target.items : [target];
  return items.flatMap((i) => (isScalar(i) && i.value !== null && i.value !== undefined ? [String(i.value)] : []));
}

export function planClaimKind(s: EditableSidecar, claimIndex: number, kind: 'fact' | 'opinion'): Planned {
  return itemPlan(s, 'claims', claimIndex, (map) => setInMap(s, map, 'kind', kind), setFields({ kind }));
}

export function planClaimAttribution(s: EditableSidecar, claimIndex: number, entityId: string): Planned {
  return itemPlan(s, 'claims', claimIndex, (map) => setInMap(s, map, 'attributed-to', entityId), setFields({ 'attributed-to': entityId }));
}

/** Replaces an annotation's anchor: quote set, prefix/suffix/occurrence set or removed to match. */
export function planAnchor(s: EditableSidecar, list: ListSection, index: number, anchor: AnchorFields): Planned {
  const fields = { quote: anchor.quote, prefix: anchor.prefix, suffix: anchor.suffix, occurrence: anchor.occurrence };
  return itemPlan(s, list, index, (map) => anchorEdits(s, map, anchor), setFields(fields));
}

/** Adds `id:` with its fields under a top-level id map (`sources` or `entities`). */
function idEntryEdits(s: EditableSidecar, section: IdSection, id: string, fields: Fields): TextEdit[] {
  const present = Object.entries(fields).filter((e): e is [string, Value] => e[1] !== undefined);
  const nested = present.map(([k, v]) => `${k}: ${valueText(v)}`);
  const flowEntry = `${scalarText(id, true)}: {${present.map(([k, v]) => `${k}: ${valueText(v, true)}`).join(', ')}}`;
  const pair = s.top && pairOf(s.top, section);
  if (!pair) return addSection(s, section, [`${scalarText(id)}:`, ...nested.map((l) => `  ${l}`)], `{${flowEntry}}`, laterSections(section));
  const map = pair.value;
  if (isMap(map)) {
    if (pairOf(map, id)) return [];
    if (map.flow) return addToFlow(s, map, flowEntry);
    const entryColumn = s.keyColumn(map.items[0]!.key)!;
    const firstValue = map.items[0]!.value;
    const step = isMap(firstValue) && !firstValue.flow ? childIndent(s, firstValue, entryColumn) - entryColumn : 2;
    if (step < 1) return [];
    return addToMap(s, map, [`${scalarText(id)}:`, ...nested.map((l) => ' '.repeat(step) + l)]);
  }
  if (isScalar(map) && (map.value === null || map.value === undefined) && rangeOf(map)?.[0] === rangeOf(map)?.[1]) {
    const column = s.keyColumn(pair.key)!;
    return [s.linesAfter(rangeOf(pair.key)![1], [`${' '.repeat(column + 2)}${scalarText(id)}:`, ...nested.map((l) => `${' '.repeat(column + 4)}${l}`)])];
  }
  return [];
}

function idEntryPlan(s: EditableSidecar, section: IdSection, id: string, fields: Fields): Planned {
  const problem = s.problem;
  if (problem) return { ok: false, reason: `the sidecar cannot be edited: ${problem}` };
  const data = asData(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v])));
  return planned(() => idEntryEdits(s, section, id, fields), [{ kind: 'entry', section, id, change: () => data }], `the '${section}' section is not in a shape Marginalia can add to, or '${id}' is taken`);
}

export function planAddSource(s: EditableSidecar, id: string, fields: { title: string; url?: string; publisher?: string; date?: string }): Planned {
  return idEntryPlan(s, 'sources', id, fields);
}

export function planAddEntity(s: EditableSidecar, id: string, fields: { name: string; type: string; aliases?: string[]; description?: string }): Planned {
  return idEntryPlan(s, 'entities', id, fields);
}

export function planAddAlias(s: EditableSidecar, entityId: string, alias: string): Planned {
  const problem = s.problem;
  if (problem) return { ok: false, reason: `the sidecar cannot be edited: ${problem}` };
  const entities = s.top ? pairOf(s.top, 'entities')?.value : undefined;
  const entity = isMap(entities) ? pairOf(entities, entityId)?.value : undefined;
  if (!isMap(entity)) return { ok: false, reason: NOT_THERE };
  return planned(() => appendToList(s, entity, 'aliases', alias), [{ kind: 'entry', section: 'entities', id: entityId, change: appendToField('aliases', alias) }], 'the alias is already there');
}

/** Adds an item to a top-level list (`claims`, `mentions`, `notes`), creating the list if missing. */
export function planListItem(s: EditableSidecar, list: ListSection, item: Readonly<Record<string, string | number | readonly string[]>>): Planned {
  const problem = s.problem;
  if (problem) return { ok: false, reason: `the sidecar cannot be edited: ${problem}` };
  const entries = Object.entries(item);
  const intent: EditIntent = { kind: 'append', section: list, item: asData(Object.fromEntries(entries.map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]))) };
  return planned(() => listItemEdits(s, list, entries), [intent], `the '${list}' section is not a list Marginalia can add to`);
}

function listItemEdits(s: EditableSidecar, list: ListSection, entries: readonly [string, Value][]): TextEdit[] {
  if (entries.length === 0) return [];
  const lines = entries.map(([k, v]) => `${k}: ${valueText(v)}`);
  const flowItem = `{${entries.map(([k, v]) => `${k}: ${valueText(v, true)}`).join(', ')}}`;
  const pair = s.top && pairOf(s.top, list);
  if (!pair) return addSection(s, list, [`- ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`)], `[${flowItem}]`, laterSections(list));
  const seq = pair.value;
  if (isSeq(seq) && seq.items.length > 0) return appendToSeq(s, seq, lines, flowItem);
  if (isSeq(seq) && seq.flow) return addToFlow(s, seq, flowItem);
  if (isScalar(seq) && (seq.value === null || seq.value === undefined) && rangeOf(seq)?.[0] === rangeOf(seq)?.[1] && !isBlockScalar(seq)) {
    const column = s.keyColumn(pair.key)!;
    return [s.linesAfter(rangeOf(pair.key)![1], [`${' '.repeat(column + 2)}- ${lines[0]}`, ...lines.slice(1).map((l) => `${' '.repeat(column + 4)}${l}`)])];
  }
  return [];
}

// ---- Text in, verified edits out: for callers with one edit to make ----

function verified(text: string, plan: (s: EditableSidecar) => Planned): TextEdit[] {
  const session = new EditSession(text);
  const verdict = session.verify(plan(session.sidecar));
  return verdict.ok ? [...verdict.edits] : [];
}

export function addClaimSource(text: string, claimIndex: number, sourceId: string): TextEdit[] {
  return verified(text, (s) => planClaimSource(s, claimIndex, sourceId));
}

export function setClaimKind(text: string, claimIndex: number, kind: 'fact' | 'opinion'): TextEdit[] {
  return verified(text, (s) => planClaimKind(s, claimIndex, kind));
}

export function setClaimAttribution(text: string, claimIndex: number, entityId: string): TextEdit[] {
  return verified(text, (s) => planClaimAttribution(s, claimIndex, entityId));
}

export function setAnchor(text: string, list: ListSection, index: number, anchor: AnchorFields): TextEdit[] {
  return verified(text, (s) => planAnchor(s, list, index, anchor));
}

export function addSource(text: string, id: string, fields: { title: string; url?: string; publisher?: string; date?: string }): TextEdit[] {
  return verified(text, (s) => planAddSource(s, id, fields));
}

export function addEntity(text: string, id: string, fields: { name: string; type: string; aliases?: string[]; description?: string }): TextEdit[] {
  return verified(text, (s) => planAddEntity(s, id, fields));
}

export function addAlias(text: string, entityId: string, alias: string): TextEdit[] {
  return verified(text, (s) => planAddAlias(s, entityId, alias));
}

export function appendListItem(text: string, list: ListSection, item: Readonly<Record<string, string | number | readonly string[]>>): TextEdit[] {
  return verified(text, (s) => planListItem(s, list, item));
}

/** A fresh source id: a slug of the title's first words, suffixed when taken. */
export function newSourceId(existingIds: ReadonlySet<string>, title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .match(/[a-z0-9]+/g);
  const base = words && words.length > 0 ? words.slice(0, 4).join('-') : 'source';
  if (!existingIds.has(base)) return base;
  for (let n = 2; ; n++) if (!existingIds.has(`${base}-${n}`)) return `${base}-${n}`;
}
