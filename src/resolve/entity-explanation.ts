import type { CandidateScore } from './candidate-scoring.ts';
import type { Cluster } from './cluster-records.ts';
import { compareFacts } from './fact-compatibility.ts';
import type { IdentityKey } from './identity-keys.ts';
import type { RecordKind } from './record-facts.ts';
import type { ResolutionRecord } from './resolution-records.ts';
import { compareStrings } from './stable-order.ts';

/** Why a candidate is what it is: what it explains, what joined it, what it shares with others. */
export interface EntityExplanation {
  readonly kind: RecordKind;
  readonly score: CandidateScore;
  /** Identity keys held by two or more of its records: the links that joined them. */
  readonly links: readonly { readonly key: IdentityKey; readonly records: number }[];
  /** Keys it shares with other candidates it was not merged with, and why not. */
  readonly shared: readonly SharedIdentifier[];
  readonly recordCount: number;
}

export interface SharedIdentifier {
  readonly key: IdentityKey;
  /** Ranks of the other candidates holding the key. */
  readonly withRanks: readonly number[];
  /** What disagreed between the facts (`name`, `dob`, …); empty when nothing was known to compare. */
  readonly disagreements: readonly string[];
}

/** The links inside one cluster: keys at least two of its records hold, in key order. */
export function clusterLinks(cluster: Cluster, records: readonly ResolutionRecord[]): EntityExplanation['links'] {
  const counts = new Map<string, { key: IdentityKey; records: number }>();
  for (const index of cluster.members) {
    for (const key of records[index]!.keys) {
      const entry = counts.get(key.id) ?? { key, records: 0 };
      counts.set(key.id, { key, records: entry.records + 1 });
    }
  }
  return [...counts.values()].filter((c) => c.records > 1).sort((a, b) => compareStrings(a.key.id, b.key.id));
}

/**
 * For each ranked candidate, the keys it shares with other candidates: a family phone, a
 * handle two people chose. These are evidence the analyst should see, not merges.
 */
export function sharedIdentifiers(ranked: readonly Cluster[], records: readonly ResolutionRecord[]): SharedIdentifier[][] {
  const holders = new Map<string, { key: IdentityKey; ranks: Set<number> }>();
  ranked.forEach((cluster, rank) => {
    for (const index of cluster.members) {
      for (const key of records[index]!.keys) {
        const entry = holders.get(key.id) ?? { key, ranks: new Set<number>() };
        entry.ranks.add(rank);
        holders.set(key.id, entry);
      }
    }
  });
  const result: SharedIdentifier[][] = ranked.map(() => []);
  for (const { key, ranks } of [...holders.values()].sort((a, b) => compareStrings(a.key.id, b.key.id))) {
    if (ranks.size < 2) continue;
    for (const rank of ranks) {
      const others = [...ranks].filter((r) => r !== rank).sort((a, b) => a - b);
      const disagreements = new Set(others.flatMap((o) => compareFacts(ranked[rank]!.facts, ranked[o]!.facts).disagreements));
      result[rank]!.push({ key, withRanks: others, disagreements: [...disagreements].sort(compareStrings) });
    }
  }
  return result;
}
