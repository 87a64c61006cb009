import type { FindingSubject } from '../connectors/sdk.ts';
import { compareFacts, mayMerge } from './fact-compatibility.ts';
import type { IdentityKey, KeyTier } from './identity-keys.ts';
import { nameSimilarity } from './name-matching.ts';
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
 * 2. Records that name no one (phone metadata, an account known by its handle, a breach
 *    record, web results) are joined among themselves through exclusive keys.
 * 3. Each such group goes with the named clusters it shares a key with, exclusive keys first (a
 *    breach record's mailbox says whose it is better than the handle in it): into the one
 *    cluster, or, when candidates that cannot be merged hold the key, into each of them (the
 *    carrier of a family phone is true for everyone who uses it). A group holding an account
 *    or mailbox of its own goes only where one of its exclusive keys leads: the same handle on
 *    another platform is evidence, not a link. Steps 1 and 3 run twice, so keys brought in by
 *    attached groups can join clusters.
 * 4. Named records whose identifiers no other record holds are placed by their facts
 *    (`attachKeyless`); a group still alone goes with the named clusters whose own names match
 *    a weak query identifier it was found for (a sanctions hit on the queried name).
 * 5. Groups still alone join each other through shareable keys, unless both hold accounts or
 *    mailboxes of their own (the same handle on two platforms may be two people).
 */
export function clusterRecords(records: readonly ResolutionRecord[]): Cluster[] {
  const groups = new Groups(records);
  const index = keyIndex(records);
  const unnamed = records.filter((r) => !hasFacts(r.facts)).map((r) => r.index);
  for (const [, entry] of index) {
    const members = entry.members.filter((i) => !hasFacts(records[i]!.facts));
    if (entry.tier === 'exclusive') for (const m of members.slice(1)) groups.union(members[0]!, m);
  }
  const attachments = new Map<number, number[]>(); // unnamed root → named roots it is copied into
  let pending = groups.roots(unnamed);
  for (let pass = 0; pass < 2; pass++) {
    joinNamed(groups, index);
    pending = pending.filter((root) => !attach(groups, index, root, attachments));
  }
  attachKeyless(groups, records, index);
  pending = pending.filter((root) => !attachWeak(groups, records, root, attachments));
  joinAlone(groups, index, pending);
  return buildClusters(groups, attachments);
}

/** Step 1: joins named clusters through shared keys, exclusive keys first. */
function joinNamed(groups: Groups, index: ReadonlyMap<string, KeyEntry>): void {
  for (const tier of ['exclusive', 'shareable'] as const) {
    for (const [, entry] of index) if (entry.tier === tier) joinCompatible(groups, entry.members.filter((i) => groups.isNamed(i)), tier);
  }
}

/** Step 3 for one unnamed group; true when it found its place. */
function attach(groups: Groups, index: ReadonlyMap<string, KeyEntry>, root: number, attachments: Map<number, number[]>): boolean {
  const component = groups.members(root);
  const targets = (tier: KeyTier): number[] =>
    groups.roots(component.flatMap((i) => groups.keysOf(i).filter((k) => k.tier === tier).flatMap((k) => index.get(k.id)!.members.filter((m) => groups.isNamed(m)))));
  let found = targets('exclusive');
  if (found.length === 0) {
    // An account or mailbox of its own has one owner: a handle or phone it shares with a
    // candidate is evidence, not proof that the candidate owns it (SPEC §7: usernames link
    // on the same platform only).
    if (component.some((i) => groups.keysOf(i).some((k) => k.tier === 'exclusive'))) return false;
    found = targets('shareable');
  }
  if (found.length > 1) {
    joinCompatible(groups, found, 'shareable');
    found = groups.roots(found);
  }
  if (found.length === 0) return false;
  if (found.length === 1) groups.union(found[0]!, root);
  else attachments.set(root, found);
  return true;
}

/**
 * A named record whose identifiers no other record holds (a web page naming someone in a city,
 * perhaps with a number nobody else reports) can only be placed by its facts: it joins the one
 * named cluster that agrees on the name and on a date of birth, city or employer (evidence
 * score ≥ 1.5) with nothing contradicting, and stays alone when no cluster, or more than one,
 * qualifies. It never links two clusters: it is placed after every key-based join.
 */
function attachKeyless(groups: Groups, records: readonly ResolutionRecord[], index: ReadonlyMap<string, KeyEntry>): void {
  const named = (): number[] => groups.roots(records.map((r) => r.index).filter((i) => groups.isNamed(i)));
  for (const record of records) {
    const root = groups.find(record.index);
    const linked = record.keys.some((k) => index.get(k.id)!.members.length > 1);
    if (!hasFacts(record.facts) || linked || groups.members(root).length > 1) continue;
    const fits = named().filter((other) => {
      if (other === root) return false;
      const c = compareFacts(groups.facts(other), record.facts);
      return !c.hard && !c.dobConflict && c.score >= 1.5;
    });
    if (fits.length === 1) groups.union(fits[0]!, root);
  }
}

/** Step 4: a group found only for a weak identifier goes with the clusters whose names match it. */
function attachWeak(groups: Groups, records: readonly ResolutionRecord[], root: number, attachments: Map<number, number[]>): boolean {
  const subjects = groups.members(root).flatMap((i) => records[i]!.about).filter((s) => s.type === 'name' || s.type === 'company_name');
  if (subjects.length === 0) return false;
  const named = groups.roots(records.map((r) => r.index).filter((i) => groups.isNamed(i)));
  const found = named.filter((r) => subjects.some((s) => factsMatchSubject(groups.facts(r), s)));
  if (found.length === 1) groups.union(found[0]!, root);
  else if (found.length > 1) attachments.set(root, found);
  return found.length > 0;
}

/** Step 5: lone groups join through shareable keys, unless both hold an account or mailbox. */
function joinAlone(groups: Groups, index: ReadonlyMap<string, KeyEntry>, alone: readonly number[]): void {
  const aloneSet = new Set(alone);
  const ownsExclusive = (root: number): boolean => groups.members(root).some((i) => groups.keysOf(i).some((k) => k.tier === 'exclusive'));
  for (const [, entry] of index) {
    if (entry.tier !== 'shareable') continue;
    const roots = groups.roots(entry.members).filter((r) => aloneSet.has(r));
    let home = roots[0];
    for (const root of roots.slice(1)) {
      if (home === undefined || (ownsExclusive(home) && ownsExclusive(root))) continue;
      const merged = groups.union(home, root);
      aloneSet.add(merged);
      home = merged;
    }
  }
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

/** Whether a named cluster's own facts match a weak query identifier (name, company name). */
export function factsMatchSubject(facts: Facts, subject: FindingSubject): boolean {
  if (subject.type === 'name') return facts.names.some((n) => nameSimilarity(subject.normalized, n) > 0);
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
  readonly #records: readonly ResolutionRecord[];

  constructor(records: readonly ResolutionRecord[]) {
    this.#parent = records.map((r) => r.index);
    this.#facts = records.map((r) => r.facts);
    this.#records = records;
  }

  /** True when the record's cluster names a person or an organization. */
  isNamed(i: number): boolean {
    return hasFacts(this.facts(i));
  }

  keysOf(i: number): readonly IdentityKey[] {
    return this.#records[i]!.keys;
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
