// The one gate every edit the server makes to a sidecar passes before it is
// offered or applied. An operation plans its text edits and declares what it
// means to change (this claim's `kind` becomes `opinion`; a source `x` is
// added); the check applies the edits, parses the result once, and compares
// the two documents as data, aliases resolved: the result must parse without
// errors, and must equal the old document with exactly the declared changes.
// So a value glued to the next key, a swallowed `sources`, an anchor shared
// with other claims, or a new section written after `...` is never offered:
// the fix is dropped with a reason, which the server logs.
//
// Candidates that differ only in one id (pin this mention to each of 1,000
// entities, add each known source) are verified once, with a placeholder id,
// and the id is then written where the placeholder was, as a scalar that
// reads back as itself: one parse per action, not one per candidate.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isSeq, parse, type Document } from 'yaml';
import { LIMITS, limitMessage } from './limits';
import { RELATION_KEY_NAMES } from './sidecarFacts';
import { EditableSidecar, applyEdits, firstLine, keyString, parseYaml, sortEdits, type ParseYaml, type TextEdit } from './sidecarText';

export type ListSection = 'claims' | 'mentions' | 'notes';
export type IdSection = 'sources' | 'entities';

/** What an edit means to change, as a function from the old value to the expected new one. */
export type EditIntent =
  | { readonly kind: 'item'; readonly section: ListSection; readonly index: number; readonly change: (item: unknown) => unknown }
  | { readonly kind: 'append'; readonly section: ListSection; readonly item: unknown }
  | { readonly kind: 'entry'; readonly section: IdSection; readonly id: string; readonly change: (entry: unknown) => unknown }
  | { readonly kind: 'rename'; readonly idKind: 'entity' | 'source'; readonly from: string; readonly to: string };

/**
 * Edits with what they mean to change; or why the operation does not apply
 * here. `taken`: for a family's template, the ids for which the operation
 * would change nothing (a source the claim already cites, perhaps through an
 * alias the analysis does not read); those candidates are not offered.
 */
export type Planned = { readonly ok: true; readonly edits: readonly TextEdit[]; readonly intents: readonly EditIntent[]; readonly taken?: readonly string[] } | Refused;

/** Edits that passed the check (sorted, non-overlapping, in offsets of the original text). */
export type Verdict = { readonly ok: true; readonly edits: readonly TextEdit[] } | Refused;

/** `checked`: the edit was made and the verification rejected it (logged), rather than not applying at all. */
export interface Refused {
  readonly ok: false;
  readonly reason: string;
  readonly checked?: boolean;
}

/** Edits made by `edit`, with what they mean; refused when there are none, or when making them fails (an unexpected shape must never escape as an exception). */
export function planned(edit: () => readonly TextEdit[], intents: readonly EditIntent[], reasonIfNone: string): Planned {
  let edits: readonly TextEdit[];
  try {
    edits = edit();
  } catch (error) {
    return refuse(`the edit could not be planned (${firstLine((error as Error).message)})`);
  }
  return edits.length > 0 ? { ok: true, edits, intents } : { ok: false, reason: reasonIfNone };
}

/** Several planned edits as one (one undo, one check); refused if any part is. */
export function combine(...parts: readonly Planned[]): Planned {
  const refused = parts.find((p): p is Refused => !p.ok);
  if (refused) return refused;
  return { ok: true, edits: parts.flatMap((p) => (p.ok ? p.edits : [])), intents: parts.flatMap((p) => (p.ok ? p.intents : [])) };
}

/** The id written in a family's template, replaced by each candidate's id after the template is verified. */
export const PLACEHOLDER_ID = 'marginalia-placeholder-id';

/** One sidecar text being edited: parsed once for every edit planned on it, and its old data read once for every check. */
export class EditSession {
  private editable?: EditableSidecar;
  private before?: Snapshot | Refused;
  private checks = 0;

  /** `maxChecks`: how many edits this session may check (each parses the edited text once); a request passes `LIMITS.editChecks`. */
  constructor(
    readonly text: string,
    private readonly parseText: ParseYaml = parseYaml,
    private readonly maxChecks = Number.POSITIVE_INFINITY,
  ) {}

  get sidecar(): EditableSidecar {
    return (this.editable ??= new EditableSidecar(this.text, this.parseText));
  }

  /** Why no edit can be planned on this text, if so. */
  get problem(): string | undefined {
    return this.sidecar.problem;
  }

  verify(plan: Planned): Verdict {
    if (!plan.ok) return plan;
    const problem = this.problem;
    if (problem) return { ok: false, reason: `the sidecar cannot be edited: ${problem}` };
    if (++this.checks > this.maxChecks) return refuse(limitMessage(LIMITS.editChecks, 'the remaining fixes of this request were not checked'));
    try {
      return this.check(plan);
    } catch (error) {
      return refuse(`the check could not complete (${firstLine((error as Error).message)})`);
    }
  }

  /** Verifies a template planned with `PLACEHOLDER_ID`, then gives each value's edits. */
  verifyFamily(template: Planned, values: readonly string[]): Verdict[] {
    const verdict = this.verify(template);
    if (!verdict.ok) return values.map(() => verdict);
    const holders = verdict.edits.filter((e) => e.newText.includes(PLACEHOLDER_ID));
    const holder = holders[0];
    if (holders.length !== 1 || holder!.newText.split(PLACEHOLDER_ID).length !== 2) return values.map(() => refuse('the candidates could not be written from one template'));
    const taken = new Set(template.ok ? template.taken : []);
    return values.map((value): Verdict => {
      if (taken.has(value)) return { ok: false, reason: `'${value}' is already there` };
      const scalar = idScalar(value);
      if (scalar === undefined) return refuse(`'${value}' cannot be written as a YAML text value`);
      return { ok: true, edits: verdict.edits.map((e) => (e === holder ? { ...e, newText: e.newText.replace(PLACEHOLDER_ID, () => scalar) } : e)) };
    });
  }

  private check(plan: Extract<Planned, { ok: true }>): Verdict {
    const text = applyEdits(this.text, plan.edits);
    if (text === this.text) return { ok: false, reason: 'nothing to change' };
    if (this.sidecar.bom === 1 && !text.startsWith('\uFEFF')) return refuse('the byte order mark would no longer come first');
    const after = this.parseText(text);
    if (after.errors.length > 0) return refuse(`the edited sidecar would not parse (${firstLine(after.errors[0]!.message)})`);
    if (after.contents !== null && !isMap(after.contents)) return refuse('the edited sidecar would not be a mapping of sections');
    const before = this.snapshotBefore();
    if (!(before instanceof Map)) return before;
    const expected = expect(before, plan.intents);
    const actual = snapshotOf(after);
    if (isDeepStrictEqual(expected, actual)) return { ok: true, edits: sortEdits(plan.edits) };
    return refuse(describeDifference(expected, actual, plan.intents));
  }

  private snapshotBefore(): Snapshot | Refused {
    if (this.before) return this.before;
    try {
      this.before = snapshotOf(this.sidecar.doc);
    } catch (error) {
      this.before = refuse(`the sidecar could not be read as data (${firstLine((error as Error).message)})`);
    }
    return this.before;
  }
}

function refuse(reason: string): Refused {
  return { ok: false, reason, checked: true };
}

/** An id as a scalar that reads back as the same text in a flow list, a flow map or a block value. */
export function idScalar(value: string): string | undefined {
  if (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(value) && !/^(null|true|false|yes|no|on|off|y|n)$/i.test(value)) return value;
  const quoted = JSON.stringify(value);
  try {
    return isDeepStrictEqual(parse(`[${quoted}]`), [value]) ? quoted : undefined;
  } catch {
    return undefined;
  }
}

// ---- The document as data ----

/** Each top-level key's values (several when a key is repeated), as plain data with aliases resolved; maps as `Map`s, so no key is ever stringified. */
type Snapshot = Map<string, unknown[]>;
/** An entry of `sources` or `entities`: order and repeats kept. */
type Entry = readonly [string, unknown];

const ID_SECTIONS: readonly string[] = ['sources', 'entities'];
const LIST_SECTIONS: readonly string[] = ['claims', 'mentions', 'notes'];
/** Stands for an expectation that cannot hold (the target is not there, or not the expected shape): never equal to anything read. */
const IMPOSSIBLE = Symbol('impossible');

function snapshotOf(doc: Document): Snapshot {
  const snapshot: Snapshot = new Map();
  const top = doc.contents;
  if (!isMap(top)) return snapshot;
  for (const pair of top.items) {
    const key = keyString(pair);
    const values = snapshot.get(key) ?? [];
    values.push(sectionData(doc, key, pair.value));
    snapshot.set(key, values);
  }
  return snapshot;
}

function sectionData(doc: Document, key: string, node: unknown): unknown {
  if (ID_SECTIONS.includes(key) && isMap(node)) return node.items.map((p): Entry => [keyString(p), dataOf(doc, p.value)]);
  if (LIST_SECTIONS.includes(key) && isSeq(node)) return node.items.map((item) => dataOf(doc, item));
  return dataOf(doc, node);
}

function dataOf(doc: Document, node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isPair(node)) return new Map([[dataOf(doc, node.key), dataOf(doc, node.value)]]);
  const convertible = node as { toJS?: (d: Document, o: object) => unknown };
  return typeof convertible.toJS === 'function' ? convertible.toJS(doc, { mapAsMap: true, maxAliasCount: 100 }) : node;
}

/** The old data with the declared changes made. */
function expect(before: Snapshot, intents: readonly EditIntent[]): Snapshot {
  const expected: Snapshot = new Map(before);
  for (const intent of intents) {
    if (intent.kind === 'rename') renameIn(expected, intent.idKind, intent.from, intent.to);
    else setSection(expected, intent.section, changeSection(expected.get(intent.section)?.[0], intent));
  }
  return expected;
}

function setSection(snapshot: Snapshot, key: string, value: unknown): void {
  const rest = snapshot.get(key)?.slice(1) ?? [];
  snapshot.set(key, [value, ...rest]);
}

function changeSection(section: unknown, intent: Exclude<EditIntent, { kind: 'rename' }>): unknown {
  const empty = section === undefined || section === null;
  if (!empty && !Array.isArray(section)) return IMPOSSIBLE;
  const items = empty ? [] : [...(section as unknown[])];
  switch (intent.kind) {
    case 'append':
      return [...items, intent.item];
    case 'item':
      if (intent.index >= items.length) return IMPOSSIBLE;
      items[intent.index] = intent.change(items[intent.index]);
      return items;
    case 'entry': {
      const at = (items as Entry[]).findIndex((e) => e[0] === intent.id);
      if (at < 0) return [...items, [intent.id, intent.change(undefined)]];
      items[at] = [intent.id, intent.change((items[at] as Entry)[1])];
      return items;
    }
  }
}

function renameIn(snapshot: Snapshot, idKind: 'entity' | 'source', from: string, to: string): void {
  const definitions = idKind === 'entity' ? 'entities' : 'sources';
  const rename = (value: unknown): unknown => (value === from ? to : value);
  mapSection(snapshot, definitions, (entry) => (Array.isArray(entry) && entry[0] === from ? [to, entry[1]] : entry));
  if (idKind === 'entity') mapSection(snapshot, 'entities', (entry) => (Array.isArray(entry) ? [entry[0], renameRelationTargets(entry[1], rename)] : entry));
  const fields: [string, string][] = idKind === 'entity' ? [['claims', 'attributed-to'], ['mentions', 'entity']] : [['claims', 'sources']];
  for (const [section, field] of fields) {
    mapSection(snapshot, section, (item) => {
      if (!(item instanceof Map) || !item.has(field)) return item;
      const value: unknown = item.get(field);
      return new Map(item).set(field, Array.isArray(value) ? value.map(rename) : rename(value));
    });
  }
}

/** An entity's `relations` with the id renamed where the reader takes it as a target: under the known relation keys. */
function renameRelationTargets(entity: unknown, rename: (value: unknown) => unknown): unknown {
  const relations = entity instanceof Map ? entity.get('relations') : undefined;
  if (!(relations instanceof Map)) return entity;
  const renamed = new Map<unknown, unknown>();
  for (const [key, value] of relations) {
    const known = typeof key === 'string' && RELATION_KEY_NAMES.includes(key);
    renamed.set(key, !known ? value : Array.isArray(value) ? value.map(rename) : rename(value));
  }
  return new Map(entity as Map<unknown, unknown>).set('relations', renamed);
}

function mapSection(snapshot: Snapshot, key: string, change: (item: unknown) => unknown): void {
  const section = snapshot.get(key)?.[0];
  if (Array.isArray(section)) setSection(snapshot, key, section.map(change));
}

// ---- Changes an operation declares ----

/** Sets (or, for `undefined`, removes) fields of a mapping. */
export function setFields(fields: Readonly<Record<string, unknown>>): (item: unknown) => unknown {
  return (item) => {
    if (!(item instanceof Map)) return IMPOSSIBLE;
    const changed = new Map(item);
    for (const [key, value] of Object.entries(fields)) {
      if (value === undefined) changed.delete(key);
      else changed.set(key, value);
    }
    return changed;
  };
}

/** Appends a value to a mapping's list field (a single value becomes a list; a missing or empty one, a list of one). */
export function appendToField(key: string, value: string): (item: unknown) => unknown {
  return (item) => {
    if (!(item instanceof Map)) return IMPOSSIBLE;
    const old: unknown = item.get(key);
    const list = old === undefined || old === null ? [] : Array.isArray(old) ? old : [old];
    return new Map(item).set(key, [...list, value]);
  };
}

/** A plain object as the data a parsed mapping gives (`Map`; `undefined` fields left out). */
export function asData(fields: Readonly<Record<string, unknown>>): Map<string, unknown> {
  return new Map(Object.entries(fields).filter((e) => e[1] !== undefined));
}

// ---- Saying what went wrong ----

const SINGULAR: Readonly<Record<string, string>> = { claims: 'claim', mentions: 'mention pin', notes: 'note', sources: 'source', entities: 'entity' };

function describeDifference(expected: Snapshot, actual: Snapshot, intents: readonly EditIntent[]): string {
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(key);
    const got = actual.get(key);
    if (isDeepStrictEqual(want, got)) continue;
    const where = differingPart(key, want?.[0], got?.[0]);
    const targeted = intents.some((i) => i.kind === 'rename' || (i.section === key && (where.index === undefined || i.kind !== 'item' || i.index === where.index)));
    return targeted ? `${where.name} would not read back as intended` : `the edit would also change ${where.name}`;
  }
  return 'the edited sidecar would differ from the intended change';
}

function differingPart(key: string, want: unknown, got: unknown): { name: string; index?: number } {
  if (!Array.isArray(want) || !Array.isArray(got) || !SINGULAR[key]) return { name: `the '${key}' section` };
  const length = Math.max(want.length, got.length);
  for (let i = 0; i < length; i++) {
    if (isDeepStrictEqual(want[i], got[i])) continue;
    const id = ID_SECTIONS.includes(key) && Array.isArray(want[i] ?? got[i]) ? ` '${String((want[i] ?? got[i])[0])}'` : ` ${i + 1}`;
    return { name: `${SINGULAR[key]}${id}`, index: i };
  }
  return { name: `the '${key}' section` };
}
