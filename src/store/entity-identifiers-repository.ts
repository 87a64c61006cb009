import type { Executor } from './executor.ts';

/** One identity key or association of a stored entity. */
export interface EntityIdentifierRow {
  readonly entityId: string;
  readonly requestId: string;
  readonly role: 'identity' | 'association';
  readonly key: string;
  readonly keyType: string;
  readonly label: string;
  readonly relation: string | null;
}

/** Whose stored lookups a reader may see: everyone's, or one owner's. */
export type ReaderScope = { readonly any: true } | { readonly any: false; readonly ownerType: string; readonly ownerId: string };

/**
 * Every key row held by these entities or, with `keys`, by any readable, unexpired entity
 * holding one of these keys. Rows come in a stable order (entity, role, key).
 *
 * @example
 * await findEntityIdentifiers(db, { keys: ['phone:+15551234567'] }, { any: true }, new Date());
 */
export async function findEntityIdentifiers(
  db: Executor,
  filter: { readonly entityIds?: readonly string[]; readonly keys?: readonly string[] },
  reader: ReaderScope,
  now: Date,
): Promise<EntityIdentifierRow[]> {
  if ((filter.entityIds?.length ?? 0) === 0 && (filter.keys?.length ?? 0) === 0) return [];
  let query = db
    .selectFrom('entity_identifiers as i')
    .innerJoin('lookup_results as r', 'r.request_id', 'i.request_id')
    .select(['i.entity_id', 'i.request_id', 'i.role', 'i.key', 'i.key_type', 'i.label', 'i.relation'])
    .where('r.expires_at', '>', now);
  if (!reader.any) query = query.where('r.owner_type', '=', reader.ownerType).where('r.owner_id', '=', reader.ownerId);
  query = query.where((eb) =>
    eb.or([
      ...(filter.entityIds && filter.entityIds.length > 0 ? [eb('i.entity_id', 'in', [...filter.entityIds])] : []),
      ...(filter.keys && filter.keys.length > 0 ? [eb('i.key', 'in', [...filter.keys])] : []),
    ]),
  );
  const rows = await query.orderBy('i.entity_id').orderBy('i.role').orderBy('i.key').execute();
  return rows.map((r) => ({
    entityId: r.entity_id,
    requestId: r.request_id,
    role: r.role,
    key: r.key,
    keyType: r.key_type,
    label: r.label,
    relation: r.relation,
  }));
}
