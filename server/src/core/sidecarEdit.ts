// Minimal text edits to a sidecar. "Never lose a user's annotations": the
// document is never re-printed; each operation finds the nodes it touches by
// their source ranges and inserts or replaces only those bytes, matching the
// indentation, flow/block style and line endings around them. Comments, key
// order and quoting elsewhere stay byte for byte. On YAML errors, or when the
// target is not the expected shape, an operation returns no edits.
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { diffEdit } from './textDiff';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface AnchorFields {
  readonly quote: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly occurrence?: number;
}

type Value = string | number | readonly string[];
type Fields = Readonly<Record<string, Value | undefined>>;

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The parsed document and what edits need to know about its text. */
class Sidecar {
  readonly doc: Document;
  readonly eol: string;

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { uniqueKeys: false, keepSourceTokens: true });
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  get ok(): boolean {
    return this.doc.errors.length === 0 && (this.doc.contents === null || isMap(this.doc.contents));
  }

  get top(): YAMLMap | undefined {
    return isMap(this.doc.contents) ? this.doc.contents : undefined;
  }

  /** Column of an offset (its distance from the start of its line). */
  column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The end of the line holding `offset`, before its line break. */
  lineEnd(offset: number): number {
    const newline = this.text.indexOf('\n', offset);
    if (newline < 0) return this.text.length;
    return this.text[newline - 1] === '\r' ? newline - 1 : newline;
  }

  /** The offset just after the last non-space character before `offset`. */
  contentEnd(offset: number): number {
    let end = offset;
    while (end > 0 && /\s/.test(this.text[end - 1]!)) end--;
    return end;
  }

  /** Inserts whole lines after the line holding `offset` (creating a line break at EOF if needed). */
  linesAfter(offset: number, lines: readonly string[]): TextEdit {
    const at = this.lineEnd(offset);
    return { start: at, end: at, newText: lines.map((l) => this.eol + l).join('') };
  }
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === key);
}

const rangeOf = (node: unknown): [number, number, number] | undefined => (node as Node | null | undefined)?.range ?? undefined;

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
function childIndent(s: Sidecar, map: YAMLMap, parentColumn: number): number {
  const first = map.items[0];
  const start = rangeOf(first?.key)?.[0];
  return start === undefined ? parentColumn + 2 : s.column(start);
}

/** Sets `key: value` in a map: replaces the value, fills an empty one, or adds the key. */
function setInMap(s: Sidecar, map: YAMLMap, key: string, value: Value): TextEdit[] {
  const pair = pairOf(map, key);
  const text = valueText(value, map.flow);
  if (pair) return replaceValue(s, pair, text);
  return addToMap(s, map, [`${key}: ${text}`]);
}

function replaceValue(s: Sidecar, pair: Pair, text: string): TextEdit[] {
  const range = rangeOf(pair.value);
  if (range && !(isScalar(pair.value) && pair.value.value === null && range[0] === range[1])) {
    return [{ start: range[0], end: range[1], newText: text }];
  }
  const keyEnd = rangeOf(pair.key)?.[1];
  if (keyEnd === undefined) return [];
  const colon = s.text.indexOf(':', keyEnd);
  return colon < 0 ? [] : [{ start: colon + 1, end: colon + 1, newText: ` ${text}` }];
}

/** Adds lines (`key: value`, possibly followed by nested lines already indented relative to the key) to a map. */
function addToMap(s: Sidecar, map: YAMLMap, lines: readonly string[]): TextEdit[] {
  const range = rangeOf(map);
  if (!range) return [];
  if (map.flow) return addToFlow(s, range, '}', lines.join(' '));
  const last = map.items[map.items.length - 1];
  const lastEnd = rangeOf(last?.value)?.[1] ?? rangeOf(last?.key)?.[1];
  if (lastEnd === undefined) return [];
  const indent = ' '.repeat(s.column(rangeOf(map.items[0]!.key)![0]));
  return [s.linesAfter(s.contentEnd(lastEnd), lines.map((l) => indent + l))];
}

/** Inserts an item before the closing bracket of a flow collection. */
function addToFlow(s: Sidecar, range: [number, number, number], closer: ']' | '}', item: string): TextEdit[] {
  const close = s.text.lastIndexOf(closer, range[1] - 1);
  if (close < range[0]) return [];
  const inside = s.text.slice(range[0] + 1, close);
  if (inside.trim() === '') return [{ start: range[0] + 1, end: close, newText: item }];
  const end = s.contentEnd(close);
  return [{ start: end, end, newText: `, ${item}` }];
}

/** Appends a scalar to the list under `key` (created if missing). */
function appendToList(s: Sidecar, map: YAMLMap, key: string, value: string): TextEdit[] {
  const pair = pairOf(map, key);
  if (!pair) return setInMap(s, map, key, [value]);
  const node = pair.value;
  if (isSeq(node)) {
    if ((node.items as unknown[]).some((i) => isScalar(i) && String(i.value) === value)) return [];
    return appendToSeq(s, node, [scalarText(value, node.flow)]);
  }
  if (isScalar(node) && node.value !== null && node.value !== undefined) {
    if (String(node.value) === value) return [];
    const range = rangeOf(node)!;
    return [{ start: range[0], end: range[1], newText: `[${scalarText(String(node.value), true)}, ${scalarText(value, true)}]` }];
  }
  return replaceValue(s, pair, `[${scalarText(value, true)}]`);
}

/** Appends an item (its first line, then further lines indented under it) to a sequence. */
function appendToSeq(s: Sidecar, seq: YAMLSeq, lines: readonly string[], flowItem?: string): TextEdit[] {
  const range = rangeOf(seq);
  if (!range) return [];
  if (seq.flow) return addToFlow(s, range, ']', flowItem ?? lines.join(' '));
  const items = seq.items as unknown[];
  const lastEnd = rangeOf(items[items.length - 1])?.[1];
  if (lastEnd === undefined) return [];
  const dash = s.text.lastIndexOf('-', rangeOf(items[0])![0]);
  const indent = ' '.repeat(s.column(dash));
  return [s.linesAfter(s.contentEnd(lastEnd), [`${indent}- ${lines[0]}`, ...lines.slice(1).map((l) => `${indent}  ${l}`)])];
}

function claimMap(s: Sidecar, list: string, index: number): YAMLMap | undefined {
  const seq = s.top && pairOf(s.top, list)?.value;
  if (!isSeq(seq)) return undefined;
  const item = seq.items[index];
  return isMap(item) ? item : undefined;
}

function withClaim(text: string, list: string, index: number, edit: (s: Sidecar, map: YAMLMap) => TextEdit[]): TextEdit[] {
  const s = new Sidecar(text);
  if (!s.ok) return [];
  const map = claimMap(s, list, index);
  return map ? edit(s, map) : [];
}

export function addClaimSource(text: string, claimIndex: number, sourceId: string): TextEdit[] {
  return withClaim(text, 'claims', claimIndex, (s, map) => appendToList(s, map, 'sources', sourceId));
}

export function setClaimKind(text: string, claimIndex: number, kind: 'fact' | 'opinion'): TextEdit[] {
  return withClaim(text, 'claims', claimIndex, (s, map) => setInMap(s, map, 'kind', kind));
}

export function setClaimAttribution(text: string, claimIndex: number, entityId: string): TextEdit[] {
  return withClaim(text, 'claims', claimIndex, (s, map) => setInMap(s, map, 'attributed-to', entityId));
}

/** Replaces an annotation's anchor: quote set, prefix/suffix/occurrence set or removed to match. */
export function setAnchor(text: string, list: 'claims' | 'mentions' | 'notes', index: number, anchor: AnchorFields): TextEdit[] {
  // Each step re-reads the text the previous one produced, so an insertion
  // and a removal next to each other can never overlap; the result is then
  // one edit covering only what changed.
  const steps = [
    (t: string) => withClaim(t, list, index, (s, map) => setInMap(s, map, 'quote', anchor.quote)),
    ...(['prefix', 'suffix', 'occurrence'] as const).map((key) => (t: string) =>
      withClaim(t, list, index, (s, map) => (anchor[key] !== undefined ? setInMap(s, map, key, anchor[key]!) : removeKey(s, map, key))),
    ),
  ];
  let current = text;
  for (const step of steps) {
    const edits = step(current);
    if (edits.length === 0 && step === steps[0]) return [];
    current = applyEdits(current, edits);
  }
  return current === text ? [] : [diffEdit(text, current)];
}

function removeKey(s: Sidecar, map: YAMLMap, key: string): TextEdit[] {
  const pair = pairOf(map, key);
  const keyStart = rangeOf(pair?.key)?.[0];
  if (!pair || keyStart === undefined) return [];
  const valueEnd = rangeOf(pair.value)?.[1] ?? rangeOf(pair.key)![1];
  if (map.flow) {
    const before = s.text.lastIndexOf(',', keyStart);
    const after = s.text.indexOf(',', valueEnd);
    return before > rangeOf(map)![0] ? [{ start: before, end: s.contentEnd(valueEnd), newText: '' }] : [{ start: keyStart, end: after >= 0 && after < rangeOf(map)![1] ? after + 1 : valueEnd, newText: '' }];
  }
  if (map.items[0] === pair) return []; // the `- key:` line of a list item: keep it, it is never a removable key here
  const start = s.lineStart(keyStart);
  const endLine = s.lineEnd(s.contentEnd(valueEnd));
  const end = s.text.startsWith('\r\n', endLine) ? endLine + 2 : s.text[endLine] === '\n' ? endLine + 1 : endLine;
  return [{ start, end, newText: '' }];
}

/** Adds a top-level section (`key:` with lines under it) before the first later section, or at the end. */
function addSection(s: Sidecar, key: string, body: readonly string[], before: readonly string[]): TextEdit[] {
  const block = [`${key}:`, ...body.map((l) => `  ${l}`)];
  const next = s.top?.items.find((p) => before.includes(isScalar(p.key) ? String(p.key.value) : ''));
  const nextStart = rangeOf(next?.key)?.[0];
  if (nextStart !== undefined) {
    const at = s.lineStart(nextStart);
    return [{ start: at, end: at, newText: block.map((l) => l + s.eol).join('') }];
  }
  const text = s.text;
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  return [{ start: text.length, end: text.length, newText: (needsBreak ? s.eol : '') + block.map((l) => l + s.eol).join('') }];
}

const SECTION_ORDER = ['article', 'sources', 'entities', 'claims', 'mentions', 'notes'];

function laterSections(key: string): string[] {
  return SECTION_ORDER.slice(SECTION_ORDER.indexOf(key) + 1);
}

/** Adds `id:` with its fields under a top-level id map (`sources` or `entities`). */
function addIdEntry(text: string, section: 'sources' | 'entities', id: string, fields: Fields): TextEdit[] {
  const s = new Sidecar(text);
  if (!s.ok) return [];
  const present = Object.entries(fields).filter((e): e is [string, Value] => e[1] !== undefined);
  const nested = present.map(([k, v]) => `${k}: ${valueText(v)}`);
  const pair = s.top && pairOf(s.top, section);
  if (!pair) return addSection(s, section, [`${scalarText(id)}:`, ...nested.map((l) => `  ${l}`)], laterSections(section));
  const map = pair.value;
  if (isMap(map)) {
    if (pairOf(map, id)) return [];
    if (map.flow) return addToFlow(s, rangeOf(map)!, '}', `${scalarText(id, true)}: {${present.map(([k, v]) => `${k}: ${valueText(v, true)}`).join(', ')}}`);
    const entryColumn = s.column(rangeOf(map.items[0]!.key)![0]);
    const firstValue = map.items[0]!.value;
    const step = isMap(firstValue) && !firstValue.flow ? childIndent(s, firstValue, entryColumn) - entryColumn : 2;
    return addToMap(s, map, [`${scalarText(id)}:`, ...nested.map((l) => ' '.repeat(step) + l)]);
  }
  if (isScalar(map) && (map.value === null || map.value === undefined)) {
    const keyEnd = rangeOf(pair.key)![1];
    return [s.linesAfter(keyEnd, [`  ${scalarText(id)}:`, ...nested.map((l) => `    ${l}`)])];
  }
  return [];
}

export function addSource(text: string, id: string, fields: { title: string; url?: string; publisher?: string; date?: string }): TextEdit[] {
  return addIdEntry(text, 'sources', id, fields);
}

export function addEntity(text: string, id: string, fields: { name: string; type: string; aliases?: string[]; description?: string }): TextEdit[] {
  return addIdEntry(text, 'entities', id, fields);
}

export function addAlias(text: string, entityId: string, alias: string): TextEdit[] {
  const s = new Sidecar(text);
  const entities = s.ok && s.top ? pairOf(s.top, 'entities')?.value : undefined;
  const entity = isMap(entities) ? pairOf(entities, entityId)?.value : undefined;
  return isMap(entity) ? appendToList(s, entity, 'aliases', alias) : [];
}

/** Adds an item to a top-level list (`claims`, `mentions`, `notes`), creating the list if missing. */
export function appendListItem(text: string, list: 'claims' | 'mentions' | 'notes', item: Readonly<Record<string, string | number | string[]>>): TextEdit[] {
  const s = new Sidecar(text);
  if (!s.ok) return [];
  const entries = Object.entries(item);
  if (entries.length === 0) return [];
  const lines = entries.map(([k, v]) => `${k}: ${valueText(v)}`);
  const flowItem = `{${entries.map(([k, v]) => `${k}: ${valueText(v, true)}`).join(', ')}}`;
  const pair = s.top && pairOf(s.top, list);
  if (!pair) return addSection(s, list, [`- ${lines[0]}`, ...lines.slice(1).map((l) => `  ${l}`)], laterSections(list));
  const seq = pair.value;
  if (isSeq(seq) && seq.items.length > 0) return appendToSeq(s, seq, lines, flowItem);
  if (isSeq(seq) && seq.flow) return addToFlow(s, rangeOf(seq)!, ']', flowItem);
  if (isScalar(seq) && (seq.value === null || seq.value === undefined)) {
    const keyEnd = rangeOf(pair.key)![1];
    return [s.linesAfter(keyEnd, [`  - ${lines[0]}`, ...lines.slice(1).map((l) => `    ${l}`)])];
  }
  return [];
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
