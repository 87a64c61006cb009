import type { ConnectorRun } from '../connectors/runner.ts';
import type { ResolvedEntity, Resolution } from '../resolve/resolve-entities.ts';
import type { ResolutionRecord } from '../resolve/resolution-records.ts';
import { compareStrings } from '../resolve/stable-order.ts';
import type { LineageActor, LineageEvent, LineageEventType, LineageRecordType } from './lineage-event.ts';

export interface LookupLineageInput {
  readonly requestId: string;
  readonly actor: LineageActor;
  readonly resolvedAt: Date;
  readonly depth: 'standard' | 'deep';
  readonly runs: readonly ConnectorRun[];
  readonly resolution: Resolution;
  /** The ids given to `resolution.entities`, in order. */
  readonly entityIds: readonly string[];
  readonly newRecordId: () => string;
}

export interface LookupLineage {
  readonly events: LineageEvent[];
  /** Per returned entity: profile path (`profile.phones[0]`) → its lineage record id. */
  readonly recordIds: Record<string, string>[];
}

/**
 * The lineage a lookup writes (SPEC §12): for every upstream record behind a returned entity an
 * `origin` (which connector, source and record) and a `transform` (the connector run: when, by
 * whom, with what outcome); for every entity an `origin` and a `merge` of its records; for every
 * profile entry a `transform` (built into the profile) and, when several records asserted it, a
 * `merge`. Identifier values are not copied here: the stored report holds them, under its own
 * retention; lineage says where, when, how and by whom.
 */
export function buildLookupLineage(input: LookupLineageInput): LookupLineage {
  const events: LineageEvent[] = [];
  const add = makeAppender(events);
  const sourceIds = new Map<number, string>();
  const used = [...new Set(input.resolution.entities.flatMap((e) => e.records))].sort((a, b) => a - b);
  for (const index of used) {
    const id = input.newRecordId();
    sourceIds.set(index, id);
    addSourceRecord(add, id, input.resolution.records[index]!, input);
  }
  const recordIds = input.resolution.entities.map((entity, i) => {
    const entityId = input.entityIds[i]!;
    addEntity(add, entityId, entity, sourceIds, input);
    const paths: Record<string, string> = {};
    for (const entry of entity.entries) {
      const id = input.newRecordId();
      paths[entry.path] = id;
      const parents = entry.records.map((r) => sourceIds.get(r)!);
      const context = { entity_id: entityId, path: entry.path, sources: entry.sourceIds, request_id: input.requestId };
      add(id, 'data_point', parents, 'transform', input.resolvedAt, { transform_name: 'profile_build', ...executor(input), ...context });
      if (parents.length > 1) {
        add(id, 'data_point', parents, 'merge', input.resolvedAt, { merged_record_ids: parents, merged_into: id, merge_reason: 'same_data_point', ...context });
      }
    }
    return paths;
  });
  return { events, recordIds };
}

type Append = (recordId: string, type: LineageRecordType, parents: readonly string[], event: LineageEventType, at: Date, details: Record<string, unknown>) => void;

function makeAppender(events: LineageEvent[]): Append {
  const counts = new Map<string, number>();
  return (recordId, recordType, parentIds, eventType, occurredAt, details) => {
    const n = (counts.get(recordId) ?? 0) + 1;
    counts.set(recordId, n);
    events.push({ eventId: `${recordId}:${n}`, recordId, recordType, parentIds: [...parentIds], eventType, occurredAt, details });
  };
}

function executor(input: LookupLineageInput): { executed_at: string; executed_by: string; executed_by_name: string | null } {
  return { executed_at: input.resolvedAt.toISOString(), executed_by: input.actor.id, executed_by_name: input.actor.name };
}

function addSourceRecord(add: Append, id: string, record: ResolutionRecord, input: LookupLineageInput): void {
  const run = input.runs[record.runIndex]!;
  const kinds: Record<string, number> = {};
  for (const f of record.findings) kinds[f.kind] = (kinds[f.kind] ?? 0) + 1;
  add(id, 'source_record', [], 'origin', run.startedAt, {
    origin_feature: 'lookup',
    origin_source_id: record.connectorId,
    source_details: {
      source_ref: record.source.reference.id,
      source_name: record.source.reference.name,
      category: record.source.reference.category,
      upstream: record.source.upstream,
      reliability: record.source.reliability,
      record_ref: record.recordRef,
      finding_kinds: kinds,
      about_types: [...new Set(record.about.map((s) => s.type))].sort(compareStrings),
      evidence_items: record.findings.filter((f) => f.evidence !== undefined).length,
    },
    created_by: input.actor.id,
    created_by_name: input.actor.name,
    request_id: input.requestId,
  });
  add(id, 'source_record', [], 'transform', run.startedAt, {
    transform_name: 'connector_run',
    connector_name: run.connector.manifest.name,
    connector_id: record.connectorId,
    executed_at: run.startedAt.toISOString(),
    executed_by: input.actor.id,
    executed_by_name: input.actor.name,
    outcome: run.outcome,
    duration_ms: run.durationMs,
    depth: input.depth,
    request_id: input.requestId,
  });
}

function addEntity(add: Append, entityId: string, entity: ResolvedEntity, sourceIds: ReadonlyMap<number, string>, input: LookupLineageInput): void {
  const parents = entity.records.map((r) => sourceIds.get(r)!);
  add(entityId, 'entity', parents, 'origin', input.resolvedAt, {
    origin_feature: 'entity_resolution',
    origin_source_id: input.requestId,
    source_details: { status: input.resolution.status, rank: entity.rank, confidence: entity.confidence, kind: entity.explanation.kind },
    created_by: input.actor.id,
    created_by_name: input.actor.name,
    request_id: input.requestId,
  });
  add(entityId, 'entity', parents, 'merge', input.resolvedAt, {
    merged_record_ids: parents,
    merged_into: entityId,
    merge_reason: 'shared_identity_keys',
    links: entity.explanation.links.map((l) => ({ type: l.key.type, tier: l.key.tier, records: l.records })),
    shared_identifier_types: [...new Set(entity.explanation.shared.map((s) => s.key.type))].sort(compareStrings),
    conflicts: entity.explanation.score.conflicts,
    ...executor(input),
    request_id: input.requestId,
  });
}
