import type { FindingSubject } from '../connectors/sdk.ts';
import { compareFacts, mayMerge } from './fact-compatibility.ts';
import type { KeyTier } from './identity-keys.ts';
import { NAME_PART_MATCH, nameSimilarity } from './name-matching.ts';
import { normalizeOrganizationName, organizationSimilarity } from './organization-names.ts';
import { type Facts, hasFacts, mergeFacts } from './record-facts.ts';
import type { ResolutionRecord } from './resolution-records.ts';

/** One candidate entity: the records (by index) believed to describe one person or organization. */
export interface Cluster {
  /** Sorted record indices, including records attached to several clusters. */
  readonly members: readonly number[];
  /** The members that are attached to other clusters too (facts-free records on a shared identifier). */
  readonly shared: readonly number[];
  readonly facts: Facts;
}

/**
 * Clusters the records of one lookup (SPEC §7), deterministically:
 * 1. Records that name someone (a person or an organization) are joined through the identity
 *    keys they share: exclusive keys first, then shareable ones, each key in sorted order,
 *    every join checked by `mayMerge` against the facts gathered so far. A refused join leaves
 *    the identifier shared between two candidates, which the explanation reports.
 * 2. Records that name no one (phone metadata, an account known by its handle, web results)
 *    are joined among themselves through any shared key.
 * 3. Each such group goes with the named clusters holding one of its keys: into the one
 *    cluster, or, when the key is shared by candidates that cannot be merged, into each of them
 *    (the carrier of a family phone is true for everyone who uses it). A group tied to no
 *    cluster by a key goes with the clusters whose names match a weak query identifier it was
 *    found for (a sanctions hit on the queried name), else it stands as a candidate of its own.
 */
export function clusterRecords(records: readonly ResolutionRecord[]): Cluster[] {
  const groups = new Groups(records);
  const named = records.filter((r) => hasFacts(r.facts));
  const unnamed = records.filter((r) => !hasFacts(r.facts));
  const namedKeys = keyIndex(named);
  for (const tier of ['exclusive', 'shareable'] as const) {
    for (const [, entry] of namedKeys) if (entry.tier === tier) joinCompatible(groups, entry.members, tier);
  }
  for (const [, entry] of keyIndex(unnamed)) for (const member of entry.members.slice(1)) groups.union(entry.members[0]!, member);
  const attachments = new Map<number, number[]>(); // unnamed root → named roots it goes with
  for (const root of groups.roots(unnamed.map((r) => r.index))) {
    const component = groups.members(root).map((i) => records[i]!);
    let targets = groups.roots(component.flatMap((r) => r.keys.flatMap((k) => namedKeys.get(k.id)?.members ?? [])));
    if (targets.length > 1) {
      joinCompatible(groups, targets, 'shareable');
      targets = groups.roots(targets);
    }
    if (targets.length === 0) targets = weakTargets(groups, component, named);
    if (targets.length === 1) groups.union(targets[0]!, root);
    else if (targets.length > 1) attachments.set(root, targets);
  }
  return buildClusters(groups, attachments);
}

function buildClusters(groups: Groups, attachments: ReadonlyMap<number, number[]>): Cluster[] {
  // Later joins may have merged some targets of an attachment: it is shared only if it still
  // goes with more than one cluster.
  const attached = new Map<number, { members: Set<number>; shared: Set<number> }>();
  for (const [unnamedRoot, targets] of attachments) {
    const finals = groups.roots(targets);
    for (const root of finals) {
      const entry = attached.get(root) ?? { members: new Set<number>(), shared: new Set<number>() };
      attached.set(root, entry);
      for (const m of groups.members(unnamedRoot)) {
        entry.members.add(m);
        if (finals.length > 1) entry.shared.add(m);
      }
    }
  }
  const clusters: Cluster[] = [];
  for (const root of groups.allRoots()) {
    if (attachments.has(root)) continue;
    const extra = attached.get(root);
    const members = [...new Set([...groups.members(root), ...(extra?.members ?? [])])].sort((a, b) => a - b);
    clusters.push({ members, shared: [...(extra?.shared ?? [])].sort((a, b) => a - b), facts: groups.facts(root) });
  }
  return clusters.sort((a, b) => a.members[0]! - b.members[0]!);
}

/**
 * Joins the groups of these records pairwise where the facts allow, in record order: each group
 * goes into the first earlier group it is compatible with.
 */
function joinCompatible(groups: Groups, members: readonly number[], tier: KeyTier): void {
  const placed: number[] = [];
  for (const root of groups.roots(members)) {
    const home = placed.findIndex((p) => mayMerge(compareFacts(groups.facts(groups.find(p)), groups.facts(root)), tier));
    if (home < 0) placed.push(root);
    else placed[home] = groups.union(groups.find(placed[home]!), root);
  }
}

// A group found only for a weak identifier (a name, a company name) goes with the named clusters
// whose own names match that identifier.
function weakTargets(groups: Groups, component: readonly ResolutionRecord[], named: readonly ResolutionRecord[]): number[] {
  const subjects = component.flatMap((r) => r.about).filter((s) => s.type === 'name' || s.type === 'company_name');
  if (subjects.length === 0) return [];
  const roots = groups.roots(named.map((r) => r.index));
  return roots.filter((root) => subjects.some((s) => factsMatchSubject(groups.facts(root), s)));
}

/** Whether a named cluster's own facts match a weak query identifier (name, company name). */
export function factsMatchSubject(facts: Facts, subject: FindingSubject): boolean {
  if (subject.type === 'name') return facts.names.some((n) => nameSimilarity(subject.normalized, n) >= NAME_PART_MATCH);
  if (subject.type === 'company_name') {
    const wanted = normalizeOrganizationName(subject.normalized);
    return facts.organizations.some((o) => organizationSimilarity(o, wanted) >= 0.5);
  }
  return false;
}

interface KeyEntry {
  readonly tier: KeyTier;
  readonly members: number[];
}

/** Key id → the records holding it, keys in sorted order. */
function keyIndex(records: readonly ResolutionRecord[]): Map<string, KeyEntry> {
  const index = new Map<string, KeyEntry>();
  for (const record of records) {
    for (const key of record.keys) {
      const entry = index.get(key.id);
      if (entry) entry.members.push(record.index);
      else index.set(key.id, { tier: key.tier, members: [record.index] });
    }
  }
  return new Map([...index.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Union-find over record indices; the root is always the smallest index, so results are stable. */
class Groups {
  readonly #parent: number[];
  readonly #facts: Facts[];

  constructor(records: readonly ResolutionRecord[]) {
    this.#parent = records.map((r) => r.index);
    this.#facts = records.map((r) => r.facts);
  }

  find(i: number): number {
    let root = i;
    while (this.#parent[root] !== root) root = this.#parent[root]!;
    while (this.#parent[i] !== root) [i, this.#parent[i]] = [this.#parent[i]!, root];
    return root;
  }

  union(a: number, b: number): number {
    const [x, y] = [this.find(a), this.find(b)];
    if (x === y) return x;
    const [root, child] = x < y ? [x, y] : [y, x];
    this.#parent[child] = root;
    this.#facts[root] = mergeFacts(this.#facts[root]!, this.#facts[child]!);
    return root;
  }

  facts(root: number): Facts {
    return this.#facts[this.find(root)]!;
  }

  /** The distinct roots of these records, in order of first appearance by index. */
  roots(indices: readonly number[]): number[] {
    return [...new Set([...indices].sort((a, b) => a - b).map((i) => this.find(i)))].sort((a, b) => a - b);
  }

  allRoots(): number[] {
    return this.roots(this.#parent.map((_, i) => i));
  }

  members(root: number): number[] {
    const r = this.find(root);
    return this.#parent.map((_, i) => i).filter((i) => this.find(i) === r);
  }
}
