// Reads the facts an entity may give the mention resolver: `pronouns`,
// `born`, `died`, `roles` and `relations`. All optional; a wrong value is a
// finding and is left out, so the resolver only ever sees facts that were
// written as the format says. Relation targets are entity ids, recorded as
// id uses like `attributed-to`, so an undefined one is reported and a
// rename of the id renames them too.
import type { Pair } from 'yaml';
import { LIMITS } from './limits';
import type { EntityRelation, EntityRole, Located, Pronouns, RelationKind, Span } from './model';
import { quoted, type Reader } from './sidecarReader';
import { asMap, asSeq, describeNode, isNullish, pairSpan, scalarText, spanOf, type AnyNode } from './yamlNodes';

export const FACT_KEYS = ['pronouns', 'born', 'died', 'roles', 'relations'] as const;

/** What each relation key means, from the entity's own side, and the gender a gendered key says the entity has. */
export const RELATION_KEYS: Readonly<Record<string, { readonly kind: RelationKind; readonly implies?: 'he' | 'she' }>> = {
  'child-of': { kind: 'child' },
  'son-of': { kind: 'child', implies: 'he' },
  'daughter-of': { kind: 'child', implies: 'she' },
  'parent-of': { kind: 'parent' },
  'father-of': { kind: 'parent', implies: 'he' },
  'mother-of': { kind: 'parent', implies: 'she' },
  'spouse-of': { kind: 'spouse' },
  'husband-of': { kind: 'spouse', implies: 'he' },
  'wife-of': { kind: 'spouse', implies: 'she' },
  'sibling-of': { kind: 'sibling' },
  'brother-of': { kind: 'sibling', implies: 'he' },
  'sister-of': { kind: 'sibling', implies: 'she' },
};

export const RELATION_KEY_NAMES: readonly string[] = Object.keys(RELATION_KEYS);

export const PRONOUNS: readonly Pronouns[] = ['he', 'she', 'they'];

/** `he`, `he/him`, `he/him/his` …, in any case; what follows the first word is only checked to belong to it. */
const PRONOUN_FORMS: Readonly<Record<Pronouns, RegExp>> = {
  he: /^he(\s*\/\s*(him|his))*$/i,
  she: /^she(\s*\/\s*(her|hers))*$/i,
  they: /^they(\s*\/\s*(them|their|theirs))*$/i,
};

/**
 * Years a fact may name. Negative years are BCE. The upper end leaves room
 * for a term of office that ends in the future; anything outside is a typo
 * (`19500`) rather than a date.
 */
export const YEAR_RANGE = { min: -3000, max: 2200 } as const;

const ROLE_KEYS = ['title', 'from', 'to'];

export interface EntityFacts {
  readonly pronouns?: Located<Pronouns>;
  readonly born?: Located<number>;
  readonly died?: Located<number>;
  readonly roles?: readonly EntityRole[];
  readonly relations?: readonly EntityRelation[];
}

/** The facts of entity `id`, from its fields; only the fields present are set. */
export function readFacts(reader: Reader, f: Map<string, Pair>, id: string, where: string): EntityFacts {
  const pronouns = readPronouns(reader, f, where);
  const born = readYear(reader, f.get('born'), `'born' in ${where}`);
  const died = readYear(reader, f.get('died'), `'died' in ${where}`);
  if (born && died && died.value < born.value) reader.warning(died.span, `${where} died (${died.value}) before being born (${born.value}).`);
  const roles = f.has('roles') ? readRoles(reader, f.get('roles')!, where) : undefined;
  const relations = f.has('relations') ? readRelations(reader, f.get('relations')!, id, where, pronouns) : undefined;
  const facts: { -readonly [K in keyof EntityFacts]: EntityFacts[K] } = {};
  if (pronouns) facts.pronouns = pronouns;
  if (born) facts.born = born;
  if (died) facts.died = died;
  if (roles && roles.length > 0) facts.roles = roles;
  if (relations && relations.length > 0) facts.relations = relations;
  return facts;
}

function readPronouns(reader: Reader, f: Map<string, Pair>, where: string): Located<Pronouns> | undefined {
  const text = reader.text(f, 'pronouns', where);
  if (!text) return undefined;
  const value = PRONOUNS.find((p) => PRONOUN_FORMS[p].test(text.value.trim()));
  if (!value) reader.problem(text.span, `Unknown pronouns '${quoted(text.value)}' in ${where}; use he, she or they (he/him, she/her, they/them).`);
  return value ? { value, span: text.span } : undefined;
}

/** A year: a whole number, or the year of a date written `1950-03-02`. */
export function readYear(reader: Reader, pair: Pair | undefined, what: string): Located<number> | undefined {
  const node = pair?.value as AnyNode;
  if (!pair) return undefined;
  const span = spanOf(node, pairSpan(pair));
  if (isNullish(node)) {
    reader.problem(span, `${what} has no value: write a year, or remove the key.`);
    return undefined;
  }
  const text = scalarText(node)?.trim();
  const match = text === undefined ? null : /^(-?\d{1,4})(?:-\d\d(?:-\d\d)?)?$/.exec(text);
  const year = match ? Number(match[1]) : NaN;
  if (!Number.isInteger(year) || year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    const shown = text === undefined ? describeNode(node) : `'${quoted(text)}'`;
    reader.problem(span, `${what} must be a year from ${YEAR_RANGE.min} to ${YEAR_RANGE.max} (such as 1950, or a date 1950-03-02), not ${shown}.`);
    return undefined;
  }
  return { value: year, span };
}

/** Roles: a list whose items are a title, or `{title, from, to}`. A single title or mapping is a list of one. */
function readRoles(reader: Reader, pair: Pair, where: string): EntityRole[] {
  const node = pair.value as AnyNode;
  if (isNullish(node)) {
    reader.problem(spanOf(node, pairSpan(pair)), `'roles' in ${where} has no value: write a list of titles, or remove the key.`);
    return [];
  }
  const seq = asSeq(node);
  if (!seq && !asMap(node) && scalarText(node) === undefined) {
    reader.problem(spanOf(node, pairSpan(pair)), `'roles' in ${where} must be a list of titles, not ${describeNode(node)}.`);
    return [];
  }
  const items = seq ? (seq.items as AnyNode[]) : [node];
  const roles: EntityRole[] = [];
  for (const [index, item] of items.entries()) {
    const span = spanOf(item, spanOf(node));
    if (index >= LIMITS.rolesPerEntity.value) {
      reader.overBudget(LIMITS.rolesPerEntity, span, `'roles' in ${where} is read up to here.`);
      break;
    }
    const role = readRole(reader, item, span, where);
    if (role) roles.push(role);
  }
  return roles;
}

function readRole(reader: Reader, item: AnyNode, span: Span, where: string): EntityRole | undefined {
  const map = asMap(item);
  if (!map) {
    const title = reader.textOf(item, span, `A role of ${where}`);
    if (title === undefined) reader.problem(span, `Items of 'roles' in ${where} must be a title or a mapping with title, from and to, not ${describeNode(item)}.`);
    return title === undefined ? undefined : nonBlankTitle(reader, title, span, where);
  }
  const f = reader.fields(map, ROLE_KEYS, `a role of ${where}`);
  const title = reader.required(f, 'title', `a role of ${where}`, span);
  const from = readYear(reader, f.get('from'), `'from' in a role of ${where}`);
  const to = readYear(reader, f.get('to'), `'to' in a role of ${where}`);
  if (from && to && from.value > to.value) reader.problem(to.span, `A role of ${where} ends (${to.value}) before it starts (${from.value}).`);
  if (!title) return undefined;
  return withYears({ title: title.value, span }, from?.value, to && (!from || from.value <= to.value) ? to.value : undefined);
}

function nonBlankTitle(reader: Reader, title: string, span: Span, where: string): EntityRole | undefined {
  if (title.trim() === '') {
    reader.problem(span, `A role of ${where} must not be empty.`);
    return undefined;
  }
  const text = reader.withinLength(title, span, `a role of ${where}`);
  return text ? { title: text.value, span } : undefined;
}

function withYears(role: { title: string; span: Span }, from: number | undefined, to: number | undefined): EntityRole {
  return { ...role, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/** Relations: a mapping of relation key → an entity id or a list of ids, read up to the entity's budget. */
function readRelations(reader: Reader, pair: Pair, id: string, where: string, pronouns: Located<Pronouns> | undefined): EntityRelation[] {
  const node = pair.value as AnyNode;
  if (isNullish(node)) {
    reader.problem(spanOf(node, pairSpan(pair)), `'relations' in ${where} has no value: write a mapping such as 'son-of: some-id', or remove the key.`);
    return [];
  }
  const map = asMap(node);
  if (!map) {
    reader.problem(spanOf(node, pairSpan(pair)), `'relations' in ${where} must be a mapping of relation → entity id, such as 'son-of: some-id', not ${describeNode(node)}.`);
    return [];
  }
  const fields = reader.fields(map, RELATION_KEY_NAMES, `the relations of ${where}`);
  const gender = new GenderCheck(reader, pronouns, where);
  const relations: EntityRelation[] = [];
  for (const [key, field] of fields) {
    gender.check(key, spanOf(field.key as AnyNode, pairSpan(field)));
    const room = LIMITS.relationsPerEntity.value - relations.length;
    for (const target of reader.textList(fields, key, `the relations of ${where}`, { limit: LIMITS.relationsPerEntity, room })) {
      const relation = relationTo(reader, key, target, id, where);
      if (relation) relations.push(relation);
    }
  }
  return relations;
}

function relationTo(reader: Reader, key: string, target: Located<string>, id: string, where: string): EntityRelation | undefined {
  if (target.value.trim() === '') {
    reader.problem(target.span, `A relation in ${where} must name an entity id, not be empty.`);
    return undefined;
  }
  reader.checkId(target.value, target.span, `The '${key}' target in ${where},`);
  reader.idUses.push({ kind: 'entity', id: target.value, span: target.span });
  if (target.value === id) reader.warning(target.span, `${where} names itself as '${key}'.`);
  const meaning = RELATION_KEYS[key]!;
  return { kind: meaning.kind, key, ...(meaning.implies ? { implies: meaning.implies } : {}), target };
}

/** A gendered relation key that contradicts `pronouns` (or an earlier gendered key) is a warning: one of them is wrong. */
class GenderCheck {
  private known: { readonly gender: 'he' | 'she'; readonly said: string } | undefined;

  constructor(
    private readonly reader: Reader,
    pronouns: Located<Pronouns> | undefined,
    private readonly where: string,
  ) {
    if (pronouns && pronouns.value !== 'they') this.known = { gender: pronouns.value, said: `has pronouns ${pronouns.value}` };
  }

  check(key: string, span: Span): void {
    const implies = RELATION_KEYS[key]?.implies;
    if (!implies) return;
    if (!this.known) this.known = { gender: implies, said: `is also '${key}' (${implies})` };
    else if (implies !== this.known.gender) this.reader.warning(span, `'${key}' says ${implies}, but ${this.where} ${this.known.said}.`);
  }
}
