// Reads a sidecar's text into a `Sidecar` value. Reading never fails: YAML
// errors and schema violations become findings, and whatever is well formed
// is still read, so one bad entry does not hide the rest.
import { parseDocument, type Pair, type YAMLMap } from 'yaml';
import {
  ENTITY_TYPES,
  type Anchor,
  type Claim,
  type ClaimKind,
  type Entity,
  type EntityType,
  type Finding,
  type IdUse,
  type Located,
  type MentionPin,
  type Note,
  type Sidecar,
  type Source,
  type Span,
} from './model';
import { asMap, asSeq, describeNode, isNullish, keyText, pairSpan, scalarText, spanOf, type AnyNode } from './yamlNodes';

export const TOP_KEYS = ['article', 'sources', 'entities', 'claims', 'mentions', 'notes'] as const;
const SOURCE_KEYS = ['title', 'url', 'publisher', 'date', 'note'];
const ENTITY_KEYS = ['name', 'type', 'aliases', 'description', 'links'];
const ANCHOR_KEYS = ['quote', 'prefix', 'suffix', 'occurrence'];
const CLAIM_KEYS = ['id', ...ANCHOR_KEYS, 'sources', 'attributed-to', 'kind', 'note'];
const PIN_KEYS = [...ANCHOR_KEYS, 'entity'];
const NOTE_KEYS = [...ANCHOR_KEYS, 'text'];

/** Collects findings while the reader walks the document. */
class Reader {
  readonly findings: Finding[] = [];
  readonly idUses: IdUse[] = [];

  problem(span: Span, message: string): void {
    this.findings.push({ file: 'sidecar', span, severity: 'error', code: 'schema', message });
  }

  duplicate(span: Span, message: string): void {
    this.findings.push({ file: 'sidecar', span, severity: 'error', code: 'duplicate-id', message });
  }

  /** Reports keys of `map` not in `allowed`; returns the map's pairs by key. */
  fields(map: YAMLMap, allowed: readonly string[], where: string): Map<string, Pair> {
    const byKey = new Map<string, Pair>();
    for (const pair of map.items) {
      const key = keyText(pair);
      if (!allowed.includes(key)) {
        this.problem(spanOf(pair.key as AnyNode, pairSpan(pair)), `Unknown key '${key}' in ${where}; allowed: ${allowed.join(', ')}.`);
      } else if (byKey.has(key)) {
        this.problem(spanOf(pair.key as AnyNode), `Key '${key}' appears twice in ${where}.`);
      } else {
        byKey.set(key, pair);
      }
    }
    return byKey;
  }

  /** A text field: undefined (and a finding) when present with another type. */
  text(fields: Map<string, Pair>, key: string, where: string): Located<string> | undefined {
    const pair = fields.get(key);
    if (!pair || isNullish(pair.value as AnyNode)) return undefined;
    const value = scalarText(pair.value as AnyNode);
    const span = spanOf(pair.value as AnyNode, pairSpan(pair));
    if (value === undefined) {
      this.problem(span, `'${key}' in ${where} must be text, not ${describeNode(pair.value as AnyNode)}.`);
      return undefined;
    }
    return { value, span };
  }

  required(fields: Map<string, Pair>, key: string, where: string, at: Span): Located<string> | undefined {
    const value = this.text(fields, key, where);
    if (!value && !fields.has(key)) this.problem(at, `Missing required '${key}' in ${where}.`);
    else if (value && value.value.trim() === '') this.problem(value.span, `'${key}' in ${where} must not be empty.`);
    return value && value.value.trim() !== '' ? value : undefined;
  }

  /** A list of texts; a single text is accepted as a list of one. */
  textList(fields: Map<string, Pair>, key: string, where: string): Located<string>[] {
    const pair = fields.get(key);
    const node = pair?.value as AnyNode;
    if (!pair || isNullish(node)) return [];
    const single = scalarText(node);
    if (single !== undefined) return [{ value: single, span: spanOf(node) }];
    const seq = asSeq(node);
    if (!seq) {
      this.problem(spanOf(node, pairSpan(pair)), `'${key}' in ${where} must be a list, not ${describeNode(node)}.`);
      return [];
    }
    const items: Located<string>[] = [];
    for (const item of seq.items as AnyNode[]) {
      const value = scalarText(item);
      if (value === undefined) this.problem(spanOf(item, spanOf(seq)), `Items of '${key}' in ${where} must be text, not ${describeNode(item)}.`);
      else items.push({ value, span: spanOf(item) });
    }
    return items;
  }
}

export function parseSidecar(text: string): Sidecar {
  const reader = new Reader();
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false });
  for (const error of doc.errors) {
    reader.findings.push({ file: 'sidecar', span: visibleSpan(text, error.pos), severity: 'error', code: 'yaml-syntax', message: firstLine(error.message) });
  }
  const root = doc.contents as AnyNode;
  if (isNullish(root)) return emptySidecar(reader);
  const top = asMap(root);
  if (!top) {
    reader.problem(spanOf(root), `A sidecar must be a mapping with the keys ${TOP_KEYS.join(', ')}; this one is ${describeNode(root)}.`);
    return emptySidecar(reader);
  }
  const fields = reader.fields(top, TOP_KEYS, 'the sidecar');
  return {
    article: reader.text(fields, 'article', 'the sidecar'),
    sources: readIdMap(reader, fields.get('sources'), 'sources', readSource),
    entities: readIdMap(reader, fields.get('entities'), 'entities', readEntity),
    claims: readList(reader, fields.get('claims'), 'claims', readClaim),
    mentions: readList(reader, fields.get('mentions'), 'mentions', readPin),
    notes: readList(reader, fields.get('notes'), 'notes', readNote),
    idUses: reader.idUses,
    findings: reader.findings,
  };
}

/** A non-empty span inside the text: an error at the very end is shown on the last line. */
function visibleSpan(text: string, [from, to]: [number, number]): Span {
  const start = Math.min(from, text.length);
  const end = Math.min(Math.max(to, start + 1), text.length);
  if (end > start) return { start, end };
  const trimmed = text.trimEnd();
  return { start: trimmed.lastIndexOf('\n') + 1, end: trimmed.length };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function emptySidecar(reader: Reader): Sidecar {
  return { sources: new Map(), entities: new Map(), claims: [], mentions: [], notes: [], idUses: reader.idUses, findings: reader.findings };
}

type EntryReader<T> = (reader: Reader, id: string, idSpan: Span, map: YAMLMap, span: Span) => T | undefined;

function readIdMap<T>(reader: Reader, pair: Pair | undefined, section: string, readEntry: EntryReader<T>): Map<string, T> {
  const result = new Map<string, T>();
  const node = pair?.value as AnyNode;
  if (!pair || isNullish(node)) return result;
  const map = asMap(node);
  if (!map) {
    reader.problem(spanOf(node, pairSpan(pair)), `'${section}' must be a mapping of id → entry, not ${describeNode(node)}.`);
    return result;
  }
  for (const entry of map.items) {
    const id = keyText(entry);
    const idSpan = spanOf(entry.key as AnyNode, pairSpan(entry));
    if (result.has(id)) {
      reader.duplicate(idSpan, `Duplicate id '${id}' in ${section}: the later entry is ignored.`);
      continue;
    }
    const body = asMap(entry.value as AnyNode);
    if (!body) {
      reader.problem(spanOf(entry.value as AnyNode, idSpan), `'${section}.${id}' must be a mapping, not ${describeNode(entry.value as AnyNode)}.`);
      continue;
    }
    const value = readEntry(reader, id, idSpan, body, pairSpan(entry));
    if (value) result.set(id, value);
  }
  return result;
}

function readSource(reader: Reader, id: string, idSpan: Span, map: YAMLMap, span: Span): Source {
  const where = `source '${id}'`;
  const f = reader.fields(map, SOURCE_KEYS, where);
  return {
    id,
    idSpan,
    span,
    title: reader.required(f, 'title', where, idSpan)?.value,
    url: reader.text(f, 'url', where)?.value,
    publisher: reader.text(f, 'publisher', where)?.value,
    date: reader.text(f, 'date', where)?.value,
    note: reader.text(f, 'note', where)?.value,
  };
}

function readEntity(reader: Reader, id: string, idSpan: Span, map: YAMLMap, span: Span): Entity {
  const where = `entity '${id}'`;
  const f = reader.fields(map, ENTITY_KEYS, where);
  const name = reader.required(f, 'name', where, idSpan);
  const type = reader.required(f, 'type', where, idSpan);
  if (type && !(ENTITY_TYPES as readonly string[]).includes(type.value)) {
    reader.problem(type.span, `Unknown entity type '${type.value}'; use one of ${ENTITY_TYPES.join(', ')}.`);
  }
  return {
    id,
    idSpan,
    span,
    name: name?.value ?? id,
    nameSpan: name?.span,
    type: (type && (ENTITY_TYPES as readonly string[]).includes(type.value) ? type.value : 'other') as EntityType,
    aliases: reader.textList(f, 'aliases', where),
    description: reader.text(f, 'description', where)?.value,
    links: reader.textList(f, 'links', where).map((l) => l.value),
  };
}

type ItemReader<T> = (reader: Reader, map: YAMLMap, index: number, span: Span) => T | undefined;

function readList<T>(reader: Reader, pair: Pair | undefined, section: string, readItem: ItemReader<T>): T[] {
  const node = pair?.value as AnyNode;
  if (!pair || isNullish(node)) return [];
  const seq = asSeq(node);
  if (!seq) {
    reader.problem(spanOf(node, pairSpan(pair)), `'${section}' must be a list, not ${describeNode(node)}.`);
    return [];
  }
  const items: T[] = [];
  seq.items.forEach((item, index) => {
    const map = asMap(item as AnyNode);
    if (!map) {
      reader.problem(spanOf(item as AnyNode, spanOf(seq)), `Item ${index + 1} of '${section}' must be a mapping, not ${describeNode(item as AnyNode)}.`);
      return;
    }
    const value = readItem(reader, map, index, spanOf(map));
    if (value) items.push(value);
  });
  return items;
}

function readAnchor(reader: Reader, f: Map<string, Pair>, where: string, index: number, span: Span): Anchor | undefined {
  const quote = reader.required(f, 'quote', where, span);
  const occurrence = readOccurrence(reader, f, where);
  if (!quote) return undefined;
  return {
    quote: quote.value,
    quoteSpan: quote.span,
    prefix: reader.text(f, 'prefix', where)?.value,
    suffix: reader.text(f, 'suffix', where)?.value,
    occurrence,
    span,
    index,
  };
}

function readOccurrence(reader: Reader, f: Map<string, Pair>, where: string): number | undefined {
  const pair = f.get('occurrence');
  if (!pair || isNullish(pair.value as AnyNode)) return undefined;
  const text = scalarText(pair.value as AnyNode);
  const value = text === undefined ? NaN : Number(text);
  if (!Number.isInteger(value) || value < 1) {
    reader.problem(spanOf(pair.value as AnyNode, pairSpan(pair)), `'occurrence' in ${where} must be a whole number from 1.`);
    return undefined;
  }
  return value;
}

function readClaim(reader: Reader, map: YAMLMap, index: number, span: Span): Claim | undefined {
  const f = reader.fields(map, CLAIM_KEYS, `claim ${index + 1}`);
  const id = reader.text(f, 'id', `claim ${index + 1}`);
  const where = id ? `claim '${id.value}'` : `claim ${index + 1}`;
  const anchor = readAnchor(reader, f, where, index, span);
  const sources = reader.textList(f, 'sources', where);
  const attributedTo = reader.text(f, 'attributed-to', where);
  for (const source of sources) reader.idUses.push({ kind: 'source', id: source.value, span: source.span });
  if (attributedTo) reader.idUses.push({ kind: 'entity', id: attributedTo.value, span: attributedTo.span });
  const kind = readKind(reader, f, where);
  if (!anchor) return undefined;
  return { ...anchor, id, kind, sources, attributedTo, note: reader.text(f, 'note', where)?.value };
}

function readKind(reader: Reader, f: Map<string, Pair>, where: string): ClaimKind {
  const kind = reader.text(f, 'kind', where);
  if (!kind) return 'fact';
  if (kind.value === 'fact' || kind.value === 'opinion') return kind.value;
  reader.problem(kind.span, `Unknown claim kind '${kind.value}' in ${where}; use fact or opinion.`);
  return 'fact';
}

function readPin(reader: Reader, map: YAMLMap, index: number, span: Span): MentionPin | undefined {
  const where = `mention pin ${index + 1}`;
  const f = reader.fields(map, PIN_KEYS, where);
  const anchor = readAnchor(reader, f, where, index, span);
  const entity = reader.required(f, 'entity', where, span);
  if (entity) reader.idUses.push({ kind: 'entity', id: entity.value, span: entity.span });
  return anchor && entity ? { ...anchor, entity } : undefined;
}

function readNote(reader: Reader, map: YAMLMap, index: number, span: Span): Note | undefined {
  const where = `note ${index + 1}`;
  const f = reader.fields(map, NOTE_KEYS, where);
  const anchor = readAnchor(reader, f, where, index, span);
  const text = reader.required(f, 'text', where, span);
  return anchor ? { ...anchor, text: text?.value ?? '' } : undefined;
}
