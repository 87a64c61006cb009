import { parseNameQualifiers } from '../../matching/name-qualifiers.ts';
import { screen } from '../../matching/screening.ts';
import {
  type Connector,
  type ConnectorDefinition,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type Egress,
  type Finding,
  found,
  type HealthReport,
  type Identifier,
  unavailable,
} from '../sdk.ts';
import { egressOf } from '../base-url.ts';
import { type IndexedList, ListIndexCache, type ListState } from './list-index-cache.ts';
import { LIST_SOURCES } from './list-sources.ts';
import { datasetIdOf, type ListId } from './sanctions-list.ts';
import { type SanctionsSettings, sanctionsSettingsSchema } from './sanctions-settings.ts';

export interface SanctionsConnectorSpec {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly lists: readonly ListId[];
  readonly upstream: string;
}

const DAY_MS = 86_400_000;

/**
 * A sanctions connector screens `name` and `company_name` identifiers against the lists it
 * owns, in memory, on the versions the background sync stored. It is `primary` tier, so every
 * lookup runs it at every depth (SPEC §8.4). A list that was never synced makes the connector
 * report `connector_error` ("list not synced yet"): the source was not checked, which is not the
 * same as "no hit".
 */
export function defineSanctionsConnector(spec: SanctionsConnectorSpec): ConnectorDefinition<SanctionsSettings> {
  const manifest = defineManifest({
    id: spec.id,
    name: spec.name,
    description: spec.description,
    category: 'public_records',
    tier: 'primary',
    accepts: ['name', 'company_name'],
    credential_mode: 'intrace_managed',
    // The publisher is authoritative for who is listed; the engine's doubt is in the name match,
    // which each finding's score carries.
    reliability: 0.95,
    upstream: spec.upstream,
  });
  return defineConnector({
    manifest,
    settings: sanctionsSettingsSchema,
    create(settings, services): Connector {
      const cache = new ListIndexCache(services.datasets);
      return {
        manifest,
        egress: listEgress(spec.lists, settings),
        run: (input) => screenIdentifiers(input, spec.lists, cache, settings),
        health: () => checkLists(spec.lists, services, settings, cache),
      };
    },
  });
}

async function screenIdentifiers(input: ConnectorInput, lists: readonly ListId[], cache: ListIndexCache, settings: SanctionsSettings): Promise<ConnectorResult> {
  const states = await Promise.all(lists.map((list) => cache.state(list)));
  const ready = states.filter((s): s is Extract<ListState, { kind: 'ready' }> => s.kind === 'ready').map((s) => s.indexed);
  const missing = states.filter((s) => s.kind !== 'ready').map((s) => (s.kind === 'unreadable' ? `${s.list} (${s.reason})` : s.list));
  if (ready.length === 0) {
    const neverSynced = states.every((s) => s.kind === 'not_synced');
    return unavailable('connector_error', neverSynced ? `list not synced yet: ${lists.join(', ')}` : `no usable list: ${missing.join(', ')}`);
  }
  const findings = input.identifiers.flatMap((identifier) => ready.flatMap((indexed) => screenOne(identifier, indexed, settings.SANCTIONS_MATCH_THRESHOLD)));
  const checked = ready.map((r) => `${r.list} published ${r.content.published_at.slice(0, 10)}`).join(', ');
  const detail = `checked against ${checked}${missing.length > 0 ? `; not checked (list not synced yet): ${missing.join(', ')}` : ''}`;
  return { ...found(findings), detail };
}

function screenOne(identifier: Identifier, indexed: IndexedList, threshold: number): Finding[] {
  const query = parseNameQualifiers(identifier.normalized);
  const kind = identifier.type === 'company_name' ? 'organization' : 'person';
  const source = LIST_SOURCES.find((s) => s.list === indexed.list)!;
  return screen(indexed.index, indexed.entries, query, kind, threshold).map((hit): Finding => {
    const entry = indexed.entries[hit.entryIndex]!.source;
    return {
      kind: 'sanctions_hit',
      data: {
        list: indexed.list,
        entry_id: entry.id,
        matched_name: hit.matchedName,
        score: hit.score,
        ...(entry.programs.length > 0 ? { program: entry.programs.join('; ') } : {}),
        ...(entry.listed_on !== undefined ? { listed_date: entry.listed_on } : {}),
        entry_type: entry.type,
        explanation: hit.explanation,
        primary_name: entry.names[0]!.name,
        alias_quality: hit.quality,
        name_score: Math.round(hit.nameScore.score * 1000) / 1000,
        ...(entry.dob.length > 0 ? { listed_dob: entry.dob } : {}),
        ...(entry.nationalities.length > 0 ? { listed_nationalities: entry.nationalities } : {}),
        ...(entry.remarks !== undefined ? { remarks: entry.remarks } : {}),
        list_title: source.title,
        list_published_at: indexed.content.published_at,
        list_version: indexed.version,
      },
      confidence: hit.score,
      about: [{ type: identifier.type, normalized: identifier.normalized }],
      evidence: {
        matched: hit.matchedName,
        method: 'name screening: transliteration, Jaro-Winkler token alignment, date of birth and nationality adjustments',
        detail: `${source.title}, published ${indexed.content.published_at.slice(0, 10)}, entry ${entry.id}`,
      },
    };
  });
}

async function checkLists(lists: readonly ListId[], services: ConnectorServices, settings: SanctionsSettings, cache: ListIndexCache): Promise<HealthReport> {
  const started = performance.now();
  const descriptions = await Promise.all(lists.map(async (list) => ({ list, description: await services.datasets.describe(datasetIdOf(list)) })));
  const latency = Math.round(performance.now() - started);
  const unsynced = descriptions.filter((d) => d.description === null).map((d) => d.list);
  if (unsynced.length === lists.length) {
    return { status: 'unreachable', latency_ms: null, error: `list not synced yet: ${unsynced.join(', ')}`, reason: 'connector_error' };
  }
  // Build the indexes now, so the first lookup after a sync does not wait for them.
  for (const list of lists) void cache.state(list).catch(() => undefined);
  const staleBefore = services.now().getTime() - settings.SANCTIONS_STALE_AFTER_DAYS * DAY_MS;
  const stale = descriptions.filter((d) => d.description !== null && Date.parse(d.description.confirmedAt) < staleBefore);
  const problems = [
    ...unsynced.map((l) => `${l} not synced yet`),
    ...stale.map((d) => `${d.list} not confirmed current since ${d.description!.confirmedAt}${d.description!.lastSyncError ? ` (last sync: ${d.description!.lastSyncError})` : ''}`),
  ];
  return problems.length > 0 ? { status: 'degraded', latency_ms: latency, error: problems.join('; ') } : { status: 'reachable', latency_ms: latency, error: null };
}

/** The download hosts this connector's lists need; none for lists loaded from a path. */
function listEgress(lists: readonly ListId[], settings: SanctionsSettings): Egress[] {
  const egress = new Map<string, Egress>();
  for (const source of LIST_SOURCES.filter((s) => lists.includes(s.list))) {
    if (settings[source.pathSetting] !== undefined) continue;
    const entry = egressOf(settings[source.urlSetting]);
    egress.set(`${entry.host}:${entry.port}`, entry);
  }
  return [...egress.values()];
}
