import type { Finding, FindingKind } from '../connectors/sdk.ts';
import { FINDING_KINDS } from '../connectors/sdk.ts';
import type { EntityProfile } from '../contract/profile.ts';
import { canonicalJson } from '../reports/canonical-json.ts';
import { combineIndependent } from './confidence.ts';
import { SECTIONS } from './profile-sections.ts';
import type { SourceInfo } from './source-table.ts';

/** A finding with the source (connector) that produced it. */
export interface SourcedFinding {
  readonly finding: Finding;
  readonly source: SourceInfo;
}

export interface BuiltProfile {
  readonly profile: EntityProfile;
  /** `profile.phones[0].number` → the source ids asserting that value. */
  readonly lineage: Record<string, string[]>;
  /** Source ids that contributed anything. */
  readonly sourceIds: ReadonlySet<string>;
}

interface ValueSupport {
  readonly value: unknown;
  readonly sources: Set<string>;
  /** Upstream group → strongest support from that group. */
  readonly byUpstream: Map<string, number>;
}

interface MergedEntry {
  readonly fields: Map<string, Map<string, ValueSupport>>;
  readonly sources: Set<string>;
  readonly byUpstream: Map<string, number>;
}

/**
 * Merges findings into the contract's profile sections. Findings that describe the same data
 * point (same section key) become one entry whose `sources` lists every source; a field
 * reported with different values keeps the best-supported value and lists all of them under
 * `conflicts` with their sources, so nothing is silently dropped. A data point's confidence
 * combines its sources as independent evidence (see `confidence.ts`).
 */
export function buildProfile(findings: readonly SourcedFinding[]): BuiltProfile {
  const entries = new Map<FindingKind, Map<string, MergedEntry>>();
  for (const { finding, source } of findings) {
    const spec = SECTIONS[finding.kind];
    const data = finding.data as Readonly<Record<string, unknown>>;
    const key = spec.key(data);
    let section = entries.get(finding.kind);
    if (!section) entries.set(finding.kind, (section = new Map()));
    let entry = section.get(key);
    if (!entry) section.set(key, (entry = { fields: new Map(), sources: new Set(), byUpstream: new Map() }));
    const strength = finding.confidence * source.reliability;
    addSupport(entry.byUpstream, source.upstream, strength);
    entry.sources.add(source.reference.id);
    for (const [field, value] of Object.entries(data)) {
      if (value === undefined || value === null || value === '') continue;
      let values = entry.fields.get(field);
      if (!values) entry.fields.set(field, (values = new Map()));
      const valueKey = canonicalJson(value);
      let support = values.get(valueKey);
      if (!support) values.set(valueKey, (support = { value, sources: new Set(), byUpstream: new Map() }));
      support.sources.add(source.reference.id);
      addSupport(support.byUpstream, source.upstream, strength);
    }
  }

  const profile: Record<string, unknown> = {};
  const lineage: Record<string, string[]> = {};
  const sourceIds = new Set<string>();
  for (const kind of FINDING_KINDS) {
    const section = entries.get(kind);
    if (!section) continue;
    const spec = SECTIONS[kind];
    const rendered = [...section.values()]
      .map((entry) => renderEntry(entry, spec.hasConfidence))
      .sort((a, b) => b.confidence - a.confidence || a.sortKey.localeCompare(b.sortKey));
    const items = spec.single ? rendered.slice(0, 1) : rendered;
    items.forEach((item, index) => {
      const at = spec.single ? `profile.${spec.path}` : `profile.${spec.path}[${index}]`;
      for (const [field, ids] of Object.entries(item.lineage)) lineage[`${at}.${field}`] = ids;
      for (const id of item.body.sources as string[]) sourceIds.add(id);
    });
    setPath(profile, spec.path, spec.single ? items[0]!.body : items.map((i) => i.body));
  }
  return { profile: profile as EntityProfile, lineage, sourceIds };
}

function addSupport(byUpstream: Map<string, number>, upstream: string, strength: number): void {
  byUpstream.set(upstream, Math.max(byUpstream.get(upstream) ?? 0, strength));
}

function renderEntry(entry: MergedEntry, hasConfidence: boolean) {
  const body: Record<string, unknown> = {};
  const fieldLineage: Record<string, string[]> = {};
  const conflicts: Record<string, { value: unknown; sources: string[] }[]> = {};
  for (const [field, values] of entry.fields) {
    const ranked = [...values.values()].sort((a, b) => combineIndependent([...b.byUpstream.values()]) - combineIndependent([...a.byUpstream.values()]));
    const best = ranked[0]!;
    body[field] = best.value;
    fieldLineage[field] = [...best.sources].sort();
    if (ranked.length > 1) conflicts[field] = ranked.map((r) => ({ value: r.value, sources: [...r.sources].sort() }));
  }
  const confidence = round(combineIndependent([...entry.byUpstream.values()]));
  if (Object.keys(conflicts).length > 0) body.conflicts = conflicts;
  if (hasConfidence) body.confidence = confidence;
  body.sources = [...entry.sources].sort();
  return { body, lineage: fieldLineage, confidence, sortKey: canonicalJson(body) };
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node = (node[part] ??= {}) as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
