// What a write to a sidecar may change, checked with `yaml` itself (not with
// the sidecar reader under test): the edited text must parse, and the parsed
// document must equal the original everywhere except the one place the edit
// targets, and there only in the keys it means to set.
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';

/** Where an edit is allowed to change the sidecar. */
export type EditTarget =
  /** One item of a list section; `keys`: the only keys of it that may change (undefined: any). */
  | { readonly kind: 'item'; readonly section: string; readonly index: number; readonly keys?: readonly string[] }
  /** A new item at the end of a list section (created if missing). */
  | { readonly kind: 'append'; readonly section: string }
  /** One entry of an id map (`sources`, `entities`), in the given keys. */
  | { readonly kind: 'entry'; readonly section: string; readonly id: string; readonly keys?: readonly string[] }
  /** A new entry in an id map (created if missing). */
  | { readonly kind: 'add-entry'; readonly section: string; readonly id: string };

/**
 * The sidecar as `yaml` reads it (duplicate keys allowed, as the reader
 * allows them): `error` when parseDocument reports one; else `value`, the
 * plain data, unless resolving it failed (an alias with no anchor, too many
 * aliases): then `unresolved` says why.
 */
export interface Parsed {
  readonly error?: string;
  readonly value?: Record<string, unknown>;
  readonly unresolved?: string;
}

type Json = Record<string, unknown>;

let last: { text: string; parsed: Parsed } | undefined;

/** `parseYaml` of the last text asked for is kept: every write to one sidecar is compared with the same original. */
export function parseYamlCached(text: string): Parsed {
  if (last?.text !== text) last = { text, parsed: parseYaml(text) };
  return last.parsed;
}

export function parseYaml(text: string): Parsed {
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  } catch (error) {
    return { error: `parseDocument threw: ${(error as Error).message}` };
  }
  if (doc.errors.length > 0) return { error: doc.errors[0]!.message.split('\n')[0]! };
  try {
    const value = toData(doc, doc.contents, { nodes: 30_000, resolved: new Map() }, 0);
    if (value === null || value === undefined) return { value: {} };
    if (typeof value !== 'object' || Array.isArray(value)) return { value: { '(root)': value } };
    return { value: value as Json };
  } catch (error) {
    return { unresolved: (error as Error).message.split('\n')[0]! };
  }
}

interface Budget {
  nodes: number;
  readonly resolved: Map<unknown, unknown>;
}

/** A key written again in the same mapping is kept apart under this suffix (the reader uses the first; `toJS` would keep the last). */
export const DUPLICATE = '\u0000again';

/**
 * A node as plain data, aliases resolved, duplicate keys kept (the first
 * under its name, later ones suffixed), complex keys as text. Throws when an
 * alias has no anchor or the expansion grows past `budget.nodes`.
 */
function toData(doc: Document, node: unknown, budget: Budget, depth: number): unknown {
  if (depth > 400) throw new Error('aliases nest too deep to compare');
  if (--budget.nodes < 0) throw new Error('aliases expand past 30,000 nodes');
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    // yaml finds an alias's anchor by walking the document: once per alias node, not once per use.
    if (!budget.resolved.has(node)) budget.resolved.set(node, node.resolve(doc));
    const target = budget.resolved.get(node);
    if (!target) throw new Error(`alias *${node.source} has no anchor`);
    return toData(doc, target, budget, depth + 1);
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map((item) => toData(doc, item, budget, depth + 1));
  if (isMap(node) || isPair(node)) {
    const out: Json = {};
    for (const pair of isPair(node) ? [node] : node.items) {
      let key = keyText(doc, pair.key, budget, depth);
      while (Object.prototype.hasOwnProperty.call(out, key)) key += DUPLICATE;
      out[key] = toData(doc, pair.value, budget, depth + 1);
    }
    return out;
  }
  return String(node);
}

function keyText(doc: Document, key: unknown, budget: Budget, depth: number): string {
  if (key === null || key === undefined) return '';
  if (isScalar(key)) return String(key.value);
  return `(complex key) ${show(toData(doc, key, budget, depth + 1))}`;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The differences outside the target, in words; empty when the edit kept everything else. */
export function changesOutside(before: Json, after: Json, target: EditTarget): string[] {
  const problems: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    if (key === target.section) problems.push(...sectionChanges(before[key], after[key], target));
    else if (!isDeepStrictEqual(before[key], after[key])) problems.push(`section '${key}' changed: ${show(before[key])} → ${show(after[key])}`);
  }
  return problems;
}

function sectionChanges(before: unknown, after: unknown, target: EditTarget): string[] {
  const where = `'${target.section}'`;
  if (target.kind === 'append') {
    const old = before === null || before === undefined ? [] : before;
    if (!Array.isArray(old)) return isDeepStrictEqual(before, after) ? [] : [`${where} was not a list and changed`];
    if (!Array.isArray(after) || after.length !== old.length + 1) return [`${where} should have one more item: ${old.length} → ${Array.isArray(after) ? after.length : show(after)}`];
    return old.flatMap((item, i) => (isDeepStrictEqual(item, after[i]) ? [] : [`${where} item ${i} changed: ${show(item)} → ${show(after[i])}`]));
  }
  if (target.kind === 'item') {
    if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length) return [`${where} changed shape: ${show(before)} → ${show(after)}`];
    return before.flatMap((item, i) => (i === target.index ? fieldChanges(item, after[i], target.keys, `${where} item ${i}`) : isDeepStrictEqual(item, after[i]) ? [] : [`${where} item ${i} changed: ${show(item)} → ${show(after[i])}`]));
  }
  const old = before === null || before === undefined ? {} : before;
  if (!isObject(old) || !isObject(after)) return isDeepStrictEqual(before, after) ? [] : [`${where} changed shape: ${show(before)} → ${show(after)}`];
  const problems: string[] = [];
  for (const id of new Set([...Object.keys(old), ...Object.keys(after)])) {
    if (id === target.id) {
      if (target.kind === 'add-entry' && id in old) problems.push(`${where} already had '${id}'`);
      if (target.kind === 'entry') problems.push(...fieldChanges(old[id], after[id], target.keys, `${where}.${id}`));
    } else if (!isDeepStrictEqual(old[id], after[id])) problems.push(`${where}.${id} changed: ${show(old[id])} → ${show(after[id])}`);
  }
  if (target.kind === 'add-entry' && !(target.id in after)) problems.push(`${where} has no '${target.id}' after adding it`);
  return problems;
}

function fieldChanges(before: unknown, after: unknown, keys: readonly string[] | undefined, where: string): string[] {
  if (!keys) return [];
  if (!isObject(before) || !isObject(after)) return [`${where} is no longer a mapping: ${show(before)} → ${show(after)}`];
  const problems: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!keys.includes(key) && !isDeepStrictEqual(before[key], after[key])) problems.push(`${where}: '${key}' changed although the edit does not target it: ${show(before[key])} → ${show(after[key])}`);
  }
  return problems;
}

export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** An item of a list section of parsed data. */
export function itemOf(data: Json, section: string, index: number): Json | undefined {
  const list = data[section];
  const item = Array.isArray(list) ? list[index] : undefined;
  return isObject(item) ? item : undefined;
}

/** A claim's sources as a list (a single text counts as a list of one). */
export function asList(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
