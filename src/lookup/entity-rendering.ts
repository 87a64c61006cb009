import type { Entity } from '../contract/lookup.ts';
import type { EntityExplanationWire } from '../contract/resolution.ts';
import type { ResolvedEntity } from '../resolve/resolve-entities.ts';
import { round } from '../resolve/profile-builder.ts';
import type { EntityIdentifierRow } from '../store/entity-identifiers-repository.ts';

/**
 * The wire form of the returned entities (traceability unsigned yet). `idsByRank` names every
 * returned candidate, so a shared identifier can point at the other entity holding it.
 */
export function renderEntities(
  entities: readonly ResolvedEntity[],
  entityIds: readonly string[],
  recordIds: readonly Record<string, string>[] | null,
): Entity[] {
  const idsByRank = new Map(entities.map((e, i) => [e.rank, entityIds[i]!]));
  return entities.map((entity, i) => ({
    entity_id: entityIds[i]!,
    confidence: entity.confidence,
    profile: entity.profile,
    traceability: {
      report_hash: '',
      signed_at: '',
      sources: [...entity.sources],
      data_lineage: { ...entity.dataLineage },
      ...(recordIds ? { record_ids: recordIds[i]! } : {}),
    },
    explanation: renderExplanation(entity, idsByRank),
  }));
}

function renderExplanation(entity: ResolvedEntity, idsByRank: ReadonlyMap<number, string>): EntityExplanationWire {
  const { explanation } = entity;
  return {
    kind: explanation.kind,
    explains: explanation.score.explains.map((e) => ({
      type: e.identifier.type,
      value: e.identifier.value,
      strength: round(e.strength),
      sources: [...e.sourceIds],
    })),
    links: explanation.links.map((l) => ({ type: l.key.type, value: l.key.value, records: l.records })),
    shared_identifiers: explanation.shared.map((s) => ({
      type: s.key.type,
      value: s.key.value,
      shared_with: s.withRanks.filter((r) => idsByRank.has(r)).map((r) => idsByRank.get(r)!),
      other_candidates: s.withRanks.filter((r) => !idsByRank.has(r)).length,
      disagreements: [...s.disagreements],
    })),
    conflicts: [...explanation.score.conflicts],
    conflict_penalty: round(explanation.score.penalty),
    records: explanation.recordCount,
  };
}

/** The identifier-index rows of the returned entities (for graph analyses over stored lookups). */
export function identifierRows(entities: readonly ResolvedEntity[], entityIds: readonly string[], requestId: string): EntityIdentifierRow[] {
  return entities.flatMap((entity, i) => [
    ...entity.keys.map((k) => ({ entityId: entityIds[i]!, requestId, role: 'identity' as const, key: k.id, keyType: k.type, label: k.value, relation: null })),
    ...entity.associations.map((a) => ({ entityId: entityIds[i]!, requestId, role: 'association' as const, key: a.id, keyType: a.type, label: a.label, relation: a.relation })),
  ]);
}
