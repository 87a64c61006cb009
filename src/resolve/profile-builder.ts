import type { Finding, FindingKind } from '../connectors/sdk.ts';
import { FINDING_KINDS } from '../connectors/sdk.ts';
import type { EntityProfile } from '../contract/profile.ts';
import { canonicalJson } from '../reports/canonical-json.ts';
import { combineIndependent } from './confidence.ts';
import { SECTIONS } from './profile-sections.ts';
import type { SourceInfo } from './source-table.ts';
import { compareStrings } from './stable-order.ts';

/** A finding with the source (connector) that produced it. */
export interface SourcedFinding {
  readonly finding: Finding;
  readonly source: SourceInfo;
  /** The resolution record the finding belongs to (for lineage); absent outside a resolution. */
  readonly record?: number;
}

/** One rendered profile entry: where it is and what it was built from. */
export interface ProfileEntry {
  /** `profile.phones[0]`, `profile.person`, … */
  readonly path: string;
  readonly sourceIds: readonly string[];
  readonly records: readonly number[];
}

export interface BuiltProfile {
  readonly profile: EntityProfile;
  /** `profile.phones[0].number` → the source ids asserting that value. */
  readonly lineage: Record<string, string[]>;
  /** Source ids that contributed anything. */
  readonly sourceIds: ReadonlySet<string>;
  readonly entries: readonly ProfileEntry[];
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
  readonly records: Set<number>;
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
  const entries = mergeFindings(findings);
  const profile: Record<string, unknown> = {};
  const lineage: Record<string, string[]> = {};
  const sourceIds = new Set<string>();
  const rendered: ProfileEntry[] = [];
  for (const kind of FINDING_KINDS) {
    const section = entries.get(kind);
    if (!section) continue;
    const spec = SECTIONS[kind];
    const sorted = [...section.values()]
      .map((entry) => renderEntry(entry, spec.hasConfidence))
      .sort((a, b) => b.confidence - a.confidence || compareStrings(a.sortKey, b.sortKey));
    const items = spec.single ? sorted.slice(0, 1) : sorted;
    items.forEach((item, index) => {
      const at = spec.single ? `profile.${spec.path}` : `profile.${spec.path}[${index}]`;
      for (const [field, ids] of Object.entries(item.lineage)) lineage[`${at}.${field}`] = ids;
      for (const id of item.body.sources as string[]) sourceIds.add(id);
      rendered.push({ path: at, sourceIds: item.body.sources as string[], records: item.records });
    });
    setPath(profile, spec.path, spec.single ? items[0]!.body : items.map((i) => i.body));
  }
  return { profile: profile as EntityProfile, lineage, sourceIds, entries: rendered };
}

/** Groups findings by section and data point, keeping every value's support per upstream. */
function mergeFindings(findings: readonly SourcedFinding[]): Map<FindingKind, Map<string, MergedEntry>> {
  const entries = new Map<FindingKind, Map<string, MergedEntry>>();
  for (const { finding, source, record } of findings) {
    const spec = SECTIONS[finding.kind];
    const data = finding.data as Readonly<Record<string, unknown>>;
    const key = spec.key(data);
    let section = entries.get(finding.kind);
    if (!section) entries.set(finding.kind, (section = new Map()));
    let entry = section.get(key);
    if (!entry) section.set(key, (entry = { fields: new Map(), sources: new Set(), records: new Set(), byUpstream: new Map() }));
    if (record !== undefined) entry.records.add(record);
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
  return entries;
}

function addSupport(byUpstream: Map<string, number>, upstream: string, strength: number): void {
  byUpstream.set(upstream, Math.max(byUpstream.get(upstream) ?? 0, strength));
}

function renderEntry(entry: MergedEntry, hasConfidence: boolean) {
  const body: Record<string, unknown> = {};
  const fieldLineage: Record<string, string[]> = {};
  const conflicts: Record<string, { value: unknown; sources: string[] }[]> = {};
  for (const [field, values] of entry.fields) {
    // Best-supported value first; ties go to the value's canonical form, so the order is stable.
    const ranked = [...values.entries()]
      .sort(([ka, a], [kb, b]) => combineIndependent([...b.byUpstream.values()]) - combineIndependent([...a.byUpstream.values()]) || compareStrings(ka, kb))
      .map(([, support]) => support);
    const best = ranked[0]!;
    body[field] = best.value;
    fieldLineage[field] = [...best.sources].sort(compareStrings);
    if (ranked.length > 1) {
      conflicts[field] = ranked.map((r) => ({ value: r.value, sources: [...r.sources].sort(compareStrings) }));
      // Every conflicting value stays traceable: profile.person.conflicts.dob[1].value → its sources.
      ranked.forEach((r, i) => (fieldLineage[`conflicts.${field}[${i}].value`] = [...r.sources].sort(compareStrings)));
    }
  }
  const confidence = round(combineIndependent([...entry.byUpstream.values()]));
  if (Object.keys(conflicts).length > 0) body.conflicts = conflicts;
  if (hasConfidence) body.confidence = confidence;
  body.sources = [...entry.sources].sort(compareStrings);
  return { body, lineage: fieldLineage, confidence, sortKey: canonicalJson(body), records: [...entry.records].sort((a, b) => a - b) };
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
