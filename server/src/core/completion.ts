// Completion in the sidecar: source ids, entity ids (also as relation
// targets), entity types, claim kinds, pronouns, relation keys, from what the
// current line says is expected at the cursor.
import { contains } from './locate';
import { CLAIM_KINDS, ENTITY_TYPES, type Analysis, type Span } from './model';
import { FACT_KEYS, PRONOUNS, RELATION_KEY_NAMES, RELATION_KEYS } from './sidecarFacts';

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'source' | 'entity' | 'value' | 'key' | 'quote';
  /** What to insert, when it differs from the label. */
  readonly insertText?: string;
  readonly detail?: string;
  readonly documentation?: string;
  /** The text the completion replaces (the partial word before the cursor). */
  readonly replace: Span;
}

type Expected = 'source' | 'entity' | 'relative' | 'type' | 'kind' | 'pronouns' | 'quote' | { readonly keysOf: KeyPlace };

/** Where a key is being typed, and so which keys the format allows there. */
type KeyPlace = 'top' | 'source' | 'entity' | 'claims' | 'mentions' | 'notes' | 'roles' | 'relations';

const KEYS: Record<KeyPlace, readonly string[]> = {
  top: ['article', 'sources', 'entities', 'claims', 'mentions', 'notes'],
  source: ['title', 'url', 'publisher', 'date', 'note'],
  entity: ['name', 'type', 'aliases', 'description', 'links', ...FACT_KEYS],
  claims: ['id', 'quote', 'prefix', 'suffix', 'occurrence', 'sources', 'attributed-to', 'kind', 'note'],
  mentions: ['quote', 'prefix', 'suffix', 'occurrence', 'entity'],
  notes: ['quote', 'prefix', 'suffix', 'occurrence', 'text'],
  roles: ['title', 'from', 'to'],
  relations: RELATION_KEY_NAMES,
};

/** What each entity key is for, shown beside it. */
const KEY_DETAILS: Readonly<Record<string, string>> = {
  pronouns: 'he | she | they: which pronouns the text uses for this person',
  born: 'year of birth (or founding)',
  died: 'year of death (or dissolution)',
  roles: 'titles or roles, with from/to years where they matter',
  relations: 'relation → entity id (son-of, spouse-of …)',
};

/** `relation: ` then ids, plain or in a flow list. */
const RELATION_TARGET = new RegExp(`(^|[\\s{,])(${RELATION_KEY_NAMES.join('|')}):\\s*(\\[\\s*([A-Za-z0-9._-]+\\s*,\\s*)*)?[A-Za-z0-9._-]*$`);

const ID_CHARS = /[A-Za-z0-9._-]*$/;

export function completeInSidecar(analysis: Analysis, offset: number): CompletionEntry[] {
  const text = analysis.sidecarText;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const expected = expectedAt(text, lineStart, before);
  if (!expected) return [];
  if (expected === 'quote') {
    const typed = /quote:\s*/.exec(before)!;
    const replace = { start: lineStart + typed.index + typed[0].length, end: offset };
    return quoteEntries(analysis).map((e) => ({ ...e, replace }));
  }
  const partial = ID_CHARS.exec(before)![0];
  const replace = { start: offset - partial.length, end: offset };
  return entriesFor(analysis, expected, offset).map((e) => ({ ...e, replace }));
}

/** The article's sentences, as quotes (plain or double-quoted YAML). */
function quoteEntries(analysis: Analysis): Omit<CompletionEntry, 'replace'>[] {
  const text = analysis.articleText;
  const seen = new Set<string>();
  const entries: Omit<CompletionEntry, 'replace'>[] = [];
  for (const match of text.matchAll(/[^\n.!?]+[.!?]*/g)) {
    const sentence = match[0].replace(/\s+/g, ' ').trim();
    if (sentence.length < 12 || seen.has(sentence)) continue;
    seen.add(sentence);
    entries.push({ label: sentence.length > 70 ? `${sentence.slice(0, 69)}…` : sentence, kind: 'quote', insertText: yamlScalar(sentence), documentation: sentence });
    if (entries.length >= 2000) break;
  }
  return entries;
}

function yamlScalar(text: string): string {
  return /^[\w“‘(]/.test(text) && !/: |\s#|[{}[\],&*!|>'"%@`]/.test(text) ? text : JSON.stringify(text);
}

function expectedAt(text: string, lineStart: number, before: string): Expected | undefined {
  if (/(^|[\s{,])quote:\s*$/.test(before) || /(^|[\s{,])quote:\s*[^'"\s][^#]*$/.test(before)) return 'quote';
  if (/^\s*(-\s+)?[A-Za-z-]*$/.test(before)) {
    const place = keyPlace(text, lineStart, before);
    if (place) return { keysOf: place };
  }
  if (/(^|[\s{,])sources:\s*(\[\s*([A-Za-z0-9._-]+\s*,\s*)*)?[A-Za-z0-9._-]*$/.test(before)) return 'source';
  if (/(^|[\s{,])(attributed-to|entity):\s*[A-Za-z0-9._-]*$/.test(before)) return 'entity';
  if (RELATION_TARGET.test(before)) return 'relative';
  if (/(^|[\s{,])type:\s*[a-z]*$/.test(before)) return 'type';
  if (/(^|[\s{,])kind:\s*[a-z]*$/.test(before)) return 'kind';
  if (/(^|[\s{,])pronouns:\s*[a-z]*$/.test(before)) return 'pronouns';
  return listItemExpected(parentKey(text, lineStart, before), before);
}

/** On a `- ` item line: what the list's key says its items are. */
function listItemExpected(parent: string | undefined, before: string): Expected | undefined {
  if (!/^\s*-\s+[A-Za-z0-9._-]*$/.test(before) || parent === undefined) return undefined;
  if (parent === 'sources') return 'source';
  return RELATION_KEY_NAMES.includes(parent) ? 'relative' : undefined;
}

/** The key of the nearest earlier line indented less than this one. */
function parentKey(text: string, lineStart: number, before: string): string | undefined {
  const indent = /^\s*/.exec(before)![0].length;
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    const lineIndent = /^\s*/.exec(line)![0].length;
    if (line.trim() !== '' && !line.trim().startsWith('#') && lineIndent < indent) return /^\s*(?:-\s+)?([A-Za-z-]+):/.exec(line)?.[1];
    end = start - 1;
  }
  return undefined;
}

/** Which map a key typed on this line belongs to, from the lines above it. */
function keyPlace(text: string, lineStart: number, before: string): KeyPlace | undefined {
  const indent = /^\s*/.exec(before)![0].length;
  if (indent === 0 && !before.trimStart().startsWith('-')) return 'top';
  const parents = parentKeys(text, lineStart, before.trimStart().startsWith('-') ? indent : indent);
  const [parent, grandparent] = parents;
  if (parent === 'claims' || parent === 'mentions' || parent === 'notes') return parent;
  if (grandparent === 'sources') return 'source';
  if (grandparent === 'entities') return 'entity';
  if (parent === 'roles' || parent === 'relations') return parent;
  return undefined;
}

/** Keys of the enclosing lines, innermost first (a `- ` item line counts as the list's key). */
function parentKeys(text: string, lineStart: number, indent: number): string[] {
  const keys: string[] = [];
  let limit = indent;
  let end = lineStart - 1;
  while (end > 0 && keys.length < 2) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const lineIndent = /^\s*/.exec(line)![0].length;
    const isItem = /^\s*-\s/.test(line);
    if (isItem && lineIndent < limit) {
      limit = lineIndent;
      continue;
    }
    if (lineIndent < limit) {
      const key = /^\s*([A-Za-z0-9._-]+):/.exec(line)?.[1];
      if (key) keys.push(key);
      limit = lineIndent;
    }
  }
  return keys;
}

function entriesFor(analysis: Analysis, expected: Exclude<Expected, 'quote'>, offset: number): Omit<CompletionEntry, 'replace'>[] {
  const { sidecar } = analysis;
  if (typeof expected === 'object') return keyEntries(expected.keysOf);
  switch (expected) {
    case 'source':
      return [...sidecar.sources.values()].map((s) => ({ label: s.id, kind: 'source', detail: s.title, documentation: [s.publisher, s.date, s.url].filter(Boolean).join(' · ') }));
    case 'entity':
      return [...sidecar.entities.values()].map((e) => ({ label: e.id, kind: 'entity', detail: `${e.name} · ${e.type}`, documentation: e.description }));
    case 'relative':
      // An entity is not its own relative: the one whose entry holds the cursor is left out.
      return [...sidecar.entities.values()].filter((e) => !contains(e.span, offset)).map((e) => ({ label: e.id, kind: 'entity', detail: `${e.name} · ${e.type}`, documentation: e.description }));
    case 'pronouns':
      return PRONOUNS.map((p) => ({ label: p, kind: 'value', detail: PRONOUN_DETAILS[p] }));
    case 'type':
      return ENTITY_TYPES.map((t) => ({ label: t, kind: 'value' }));
    case 'kind':
      return CLAIM_KINDS.map((k) => ({ label: k, kind: 'value', detail: k === 'fact' ? 'checkable; needs a source or attribution' : 'a view, not flagged when unsourced' }));
  }
}

const PRONOUN_DETAILS: Readonly<Record<string, string>> = { he: 'he/him', she: 'she/her', they: 'they/them' };

function keyEntries(place: KeyPlace): Omit<CompletionEntry, 'replace'>[] {
  return KEYS[place].map((key) => {
    const detail = place === 'relations' ? relationDetail(key) : place === 'entity' ? KEY_DETAILS[key] : undefined;
    return { label: key, kind: 'key', insertText: `${key}: `, ...(detail ? { detail } : {}) };
  });
}

/** `son-of` → "child of the entity named (implies he)". */
function relationDetail(key: string): string {
  const meaning = RELATION_KEYS[key]!;
  return `${meaning.kind} of the entity named${meaning.implies ? ` (implies ${meaning.implies})` : ''}`;
}
