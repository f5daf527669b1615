// What the resolver knows of each candidate. (Stub: structured fields and
// the description are read here; see evidence.ts for the contract.)
import type { Entity } from '../model';
import type { CandidateFacts } from './evidence';

export function factsOf(entity: Entity, _entities: ReadonlyMap<string, Entity>): CandidateFacts {
  return { id: entity.id, entity, roles: [], relations: [] };
}
