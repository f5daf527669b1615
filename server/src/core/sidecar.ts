// Reads a sidecar's text into a `Sidecar` value. Reading never fails: YAML
// errors and schema violations become findings, and whatever is well formed
// is still read, so one bad entry does not hide the rest. Every part whose
// cost the text chooses has a budget (`LIMITS`); over one, a `limit-exceeded`
// finding says which, and the rest of that part is not read.
import { isScalar, type Pair, type YAMLMap } from 'yaml';
import { LIMITS, type Limit } from './limits';
import {
  ENTITY_TYPES,
  type Anchor,
  type Claim,
  type ClaimKind,
  type Entity,
  type EntityType,
  type MentionPin,
  type Note,
  type Sidecar,
  type Source,
  type Span,
} from './model';
import { FACT_KEYS, readFacts } from './sidecarFacts';
import { quoted, Reader, type ListBudget } from './sidecarReader';
import { parseYamlWithinBudgets, readCst, type BoundedCst } from './yamlBudgets';
import { asMap, asSeq, codePointSpan, describeNode, isNullish, pairSpan, scalarText, spanOf, type AnyNode } from './yamlNodes';

export const TOP_KEYS = ['article', 'sources', 'entities', 'claims', 'mentions', 'notes'] as const;
const SOURCE_KEYS = ['title', 'url', 'publisher', 'date', 'note'];
const ENTITY_KEYS = ['name', 'type', 'aliases', 'description', 'links', ...FACT_KEYS];
const ANCHOR_KEYS = ['quote', 'prefix', 'suffix', 'occurrence'];
const CLAIM_KEYS = ['id', ...ANCHOR_KEYS, 'sources', 'attributed-to', 'kind', 'note'];
const PIN_KEYS = [...ANCHOR_KEYS, 'entity'];
const NOTE_KEYS = [...ANCHOR_KEYS, 'text'];

/** Reads a sidecar; `cst` is its syntax tree when the caller has already read it (the workspace index). */
export function parseSidecar(text: string, cst: BoundedCst = readCst(text)): Sidecar {
  const reader = new Reader();
  const { doc, hits } = parseYamlWithinBudgets(text, cst);
  for (const hit of hits) reader.overBudget(hit.limit, hit.span, hit.skipped);
  if (!doc) return emptySidecar(reader);
  let lastLine: Span | undefined;
  const atEnd = (): Span => (lastLine ??= lastLineOf(text));
  for (const error of doc.errors) reader.syntaxError(visibleSpan(text, error.pos, atEnd), firstLine(error.message));
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
    sources: readIdMap(reader, fields.get('sources'), 'sources', LIMITS.sources, readSource),
    entities: readIdMap(reader, fields.get('entities'), 'entities', LIMITS.entities, readEntity),
    claims: readList(reader, fields.get('claims'), 'claims', LIMITS.claims, readClaim),
    mentions: readList(reader, fields.get('mentions'), 'mentions', LIMITS.mentionPins, readPin),
    notes: readList(reader, fields.get('notes'), 'notes', LIMITS.notes, readNote),
    idUses: reader.idUses,
    findings: reader.allFindings(),
  };
}

/** A non-empty span inside the text: an error at the very end is shown on the last line. */
function visibleSpan(text: string, [from, to]: [number, number], atEnd: () => Span): Span {
  const start = Math.min(from, text.length);
  const end = Math.min(Math.max(to, start + 1), text.length);
  return end > start ? codePointSpan(text, start, end) : atEnd();
}

/** The last line with text (found once per sidecar: many errors can sit at the very end). */
function lastLineOf(text: string): Span {
  const trimmed = text.trimEnd();
  return { start: trimmed.lastIndexOf('\n') + 1, end: trimmed.length };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

function emptySidecar(reader: Reader): Sidecar {
  return { sources: new Map(), entities: new Map(), claims: [], mentions: [], notes: [], idUses: reader.idUses, findings: reader.allFindings() };
}

type EntryReader<T> = (reader: Reader, id: string, idSpan: Span, map: YAMLMap, span: Span) => T | undefined;

function readIdMap<T>(reader: Reader, pair: Pair | undefined, section: string, limit: Limit, readEntry: EntryReader<T>): Map<string, T> {
  const result = new Map<string, T>();
  const node = pair?.value as AnyNode;
  if (!pair || isNullish(node)) return result;
  const map = asMap(node);
  if (!map) {
    reader.problem(spanOf(node, pairSpan(pair)), `'${section}' must be a mapping of id → entry, not ${describeNode(node)}.`);
    return result;
  }
  for (const [index, entry] of map.items.entries()) {
    const idSpan = spanOf(entry.key as AnyNode, pairSpan(entry));
    if (index >= limit.value) {
      reader.overBudget(limit, idSpan, `'${section}' is read up to here.`);
      break;
    }
    const id = reader.key(entry);
    if (id === undefined) continue;
    // A blank id could never be cited: `sources`, `attributed-to` and pins must not be empty.
    if (id.trim() === '') {
      reader.problem(idSpan, `An id in '${section}' must not be empty or blank.`);
      continue;
    }
    reader.checkId(id, idSpan, `An id in '${section}',`);
    if (result.has(id)) {
      reader.duplicate(idSpan, `Duplicate id '${quoted(id)}' in ${section}: the later entry is ignored.`);
      continue;
    }
    const body = asMap(entry.value as AnyNode);
    if (!body) {
      reader.problem(spanOf(entry.value as AnyNode, idSpan), `'${section}.${quoted(id)}' must be a mapping, not ${describeNode(entry.value as AnyNode)}.`);
      continue;
    }
    const value = readEntry(reader, id, idSpan, body, pairSpan(entry));
    if (value) result.set(id, value);
  }
  return result;
}

function readSource(reader: Reader, id: string, idSpan: Span, map: YAMLMap, span: Span): Source {
  const where = `source '${quoted(id)}'`;
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
  const where = `entity '${quoted(id)}'`;
  const f = reader.fields(map, ENTITY_KEYS, where);
  const name = reader.required(f, 'name', where, idSpan);
  const type = reader.required(f, 'type', where, idSpan);
  if (type && !(ENTITY_TYPES as readonly string[]).includes(type.value)) {
    reader.problem(type.span, `Unknown entity type '${quoted(type.value)}'; use one of ${ENTITY_TYPES.join(', ')}.`);
  }
  const aliases = reader.textList(f, 'aliases', where, aliasBudget(reader));
  reader.aliasesRead += aliases.length;
  return {
    id,
    idSpan,
    span,
    name: name?.value ?? id,
    nameSpan: name?.span,
    type: (type && (ENTITY_TYPES as readonly string[]).includes(type.value) ? type.value : 'other') as EntityType,
    aliases,
    description: reader.text(f, 'description', where)?.value,
    links: reader.textList(f, 'links', where).map((l) => l.value),
    ...readFacts(reader, f, id, where),
  };
}

/** The smaller of an entity's own alias budget and what is left of the sidecar's. */
function aliasBudget(reader: Reader): ListBudget {
  const left = LIMITS.aliasesTotal.value - reader.aliasesRead;
  return left < LIMITS.aliasesPerEntity.value ? { limit: LIMITS.aliasesTotal, room: left } : { limit: LIMITS.aliasesPerEntity, room: LIMITS.aliasesPerEntity.value };
}

type ItemReader<T> = (reader: Reader, map: YAMLMap, index: number, span: Span) => T | undefined;

function readList<T>(reader: Reader, pair: Pair | undefined, section: string, limit: Limit, readItem: ItemReader<T>): T[] {
  const node = pair?.value as AnyNode;
  if (!pair || isNullish(node)) return [];
  const seq = asSeq(node);
  if (!seq) {
    reader.problem(spanOf(node, pairSpan(pair)), `'${section}' must be a list, not ${describeNode(node)}.`);
    return [];
  }
  const items: T[] = [];
  for (const [index, item] of (seq.items as AnyNode[]).entries()) {
    if (index >= limit.value) {
      reader.overBudget(limit, spanOf(item, spanOf(seq)), `'${section}' is read up to here.`);
      break;
    }
    const map = asMap(item);
    if (!map) {
      reader.problem(spanOf(item, spanOf(seq)), `Item ${index + 1} of '${section}' must be a mapping, not ${describeNode(item)}.`);
      continue;
    }
    const value = readItem(reader, map, index, spanOf(map));
    if (value) items.push(value);
  }
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
  if (!pair) return undefined;
  // A number as YAML reads it: `occurrence: "2"` is text, as the schema says.
  const node = pair.value as AnyNode;
  const value = isScalar(node) && typeof node.value === 'number' ? Number(scalarText(node)) : NaN;
  if (!Number.isInteger(value) || value < 1) {
    reader.problem(spanOf(pair.value as AnyNode, pairSpan(pair)), `'occurrence' in ${where} must be a whole number from 1.`);
    return undefined;
  }
  return value;
}

function readClaim(reader: Reader, map: YAMLMap, index: number, span: Span): Claim | undefined {
  const f = reader.fields(map, CLAIM_KEYS, `claim ${index + 1}`);
  const id = reader.text(f, 'id', `claim ${index + 1}`);
  if (id) reader.checkId(id.value, id.span, `The id of claim ${index + 1},`);
  const where = id ? `claim '${quoted(id.value)}'` : `claim ${index + 1}`;
  const anchor = readAnchor(reader, f, where, index, span);
  const sources = reader.textList(f, 'sources', where, { limit: LIMITS.sourcesPerClaim, room: LIMITS.sourcesPerClaim.value });
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
  reader.problem(kind.span, `Unknown claim kind '${quoted(kind.value)}' in ${where}; use fact or opinion.`);
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
