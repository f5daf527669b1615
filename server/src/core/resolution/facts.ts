// What the resolver knows of each candidate: the sidecar's structured facts
// first (`pronouns`, `born`, `died`, `roles`, `relations`), then what its
// description says ("son of Tomas Varga", "former governor", "she"), then
// relations other entities state about it ("Ana Varga: son-of: tomas" makes
// Tomas a parent). Structured facts win: the description only fills what they
// leave open. Bounded: descriptions are clipped, names are looked up in a
// map built once per entity collection.
import type { Entity, RelationKind } from '../model';
import type { CandidateFacts } from './evidence';
import { readDescription, type DescribedRelation } from './description';
import type { Gender } from './words';
import { inverseKind, nameKey } from './words';

/** Relations and roles kept per candidate; a family is far smaller. */
export const MAX_FACT_RELATIONS = 32;
export const MAX_FACT_ROLES = 16;
/** Characters of a role's title kept: "Deputy Minister of Foreign Affairs of Ostland" is under 60. */
const MAX_ROLE_TITLE_CHARS = 120;

type Relation = CandidateFacts['relations'][number];
type Role = CandidateFacts['roles'][number];

export function factsOf(entity: Entity, entities: ReadonlyMap<string, Entity>): CandidateFacts {
  const index = indexOf(entities);
  const described = index.described(entity);
  const relations = relationsOf(entity, described.relations, index.inverse.get(entity.id) ?? []);
  const facts: { -readonly [K in keyof CandidateFacts]: CandidateFacts[K] } = {
    id: entity.id,
    entity,
    roles: rolesOf(entity, described.roles),
    relations,
  };
  const gender = genderOf(entity, described.gender);
  if (gender) facts.gender = gender;
  const born = entity.born?.value ?? described.born;
  const died = entity.died?.value ?? described.died;
  if (born !== undefined) facts.born = born;
  if (died !== undefined) facts.died = died;
  return facts;
}

/** `pronouns` first, then a gendered relation key (`son-of`), then the description. */
function genderOf(entity: Entity, described: Gender | undefined): Gender | undefined {
  const pronouns = entity.pronouns?.value;
  if (pronouns === 'he' || pronouns === 'she') return pronouns;
  if (pronouns === 'they') return undefined;
  for (const relation of entity.relations ?? []) if (relation.implies) return relation.implies;
  return described;
}

function rolesOf(entity: Entity, described: readonly string[]): Role[] {
  const roles: Role[] = [];
  for (const role of entity.roles ?? []) {
    if (roles.length >= MAX_FACT_ROLES) break;
    roles.push({ title: role.title.slice(0, MAX_ROLE_TITLE_CHARS).toLowerCase(), ...(role.from !== undefined && { from: role.from }), ...(role.to !== undefined && { to: role.to }) });
  }
  for (const title of described) {
    if (roles.length >= MAX_FACT_ROLES) break;
    if (!roles.some((r) => r.title.includes(title))) roles.push({ title });
  }
  return roles;
}

/** Structured relations, then the description's and the inverse ones, for targets not yet related. */
function relationsOf(entity: Entity, described: readonly DescribedRelation[], inverse: readonly Relation[]): Relation[] {
  const relations: Relation[] = [];
  const add = (relation: Relation): void => {
    if (relations.length >= MAX_FACT_RELATIONS || relation.target === entity.id) return;
    if (!relations.some((r) => r.target === relation.target)) relations.push(relation);
  };
  for (const relation of entity.relations ?? []) add({ kind: relation.kind, target: relation.target.value });
  for (const relation of described) add(relation);
  for (const relation of inverse) add(relation);
  return relations;
}

interface Described {
  readonly gender?: Gender;
  readonly roles: readonly string[];
  readonly relations: readonly DescribedRelation[];
  readonly born?: number;
  readonly died?: number;
}

/** Names and descriptions of one entity collection, read once and shared by every lookup of it. */
class EntityIndex {
  private readonly descriptions = new Map<string, Described>();
  private inverseRelations?: Map<string, Relation[]>;
  readonly names = new Map<string, string[]>();

  constructor(private readonly entities: ReadonlyMap<string, Entity>) {
    for (const entity of entities.values()) {
      this.addName(entity.name, entity.id);
      for (const alias of entity.aliases) this.addName(alias.value, entity.id);
    }
  }

  private addName(name: string, id: string): void {
    const key = nameKey(name);
    const ids = this.names.get(key);
    if (!ids) this.names.set(key, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }

  described(entity: Entity): Described {
    let described = this.descriptions.get(entity.id);
    if (!described) this.descriptions.set(entity.id, (described = readDescription(entity, (name) => this.lookUp(name, entity))));
    return described;
  }

  /** The one other entity a name stands for: a full name before an alias shared by several. */
  private lookUp(name: string, self: Entity): string | undefined {
    const ids = (this.names.get(nameKey(name)) ?? []).filter((id) => id !== self.id);
    if (ids.length === 1) return ids[0];
    const full = ids.filter((id) => nameKey(this.entities.get(id)?.name ?? '') === nameKey(name));
    return full.length === 1 ? full[0] : undefined;
  }

  /** Relations other entities state about each entity, seen from its side (read once, on first use). */
  get inverse(): Map<string, Relation[]> {
    if (this.inverseRelations) return this.inverseRelations;
    const inverse = new Map<string, Relation[]>();
    const add = (target: string, kind: RelationKind, source: string): void => {
      const list = inverse.get(target);
      if (!list) inverse.set(target, [{ kind: inverseKind(kind), target: source }]);
      else if (list.length < MAX_FACT_RELATIONS) list.push({ kind: inverseKind(kind), target: source });
    };
    for (const entity of this.entities.values()) {
      for (const relation of entity.relations ?? []) add(relation.target.value, relation.kind, entity.id);
      for (const relation of this.described(entity).relations) add(relation.target, relation.kind, entity.id);
    }
    return (this.inverseRelations = inverse);
  }
}

/** One index per entity collection (the sidecar's map), kept while the map lives. */
const INDEXES = new WeakMap<ReadonlyMap<string, Entity>, EntityIndex>();

function indexOf(entities: ReadonlyMap<string, Entity>): EntityIndex {
  let index = INDEXES.get(entities);
  if (!index) INDEXES.set(entities, (index = new EntityIndex(entities)));
  return index;
}
