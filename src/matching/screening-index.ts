import { GENERIC_ORGANIZATION_WORDS, type NameKind, normalizeName } from './name-normalizer.ts';
import { type NameScore, scoreName, TOKEN_PAIR_FLOOR } from './name-score.ts';
import { blockOf, type PreparedToken, preparedSimilarity, prepareToken } from './token-similarity.ts';

/**
 * `primary`: the entry's main name; `strong`: an alias the list considers reliable; `weak`: an
 * alias the list itself flags as low quality (OFAC "weak", UN "Low", OFSI "Low quality", EU
 * `strong="false"`) — often short and generic, so it counts for less.
 */
export type NameQuality = 'primary' | 'strong' | 'weak';

export interface IndexableName {
  readonly name: string;
  readonly quality: NameQuality;
}

export interface IndexableEntry {
  readonly kind: NameKind;
  readonly names: readonly IndexableName[];
}

/** The best-scoring name of one entry for a query. */
export interface NameCandidate {
  readonly entryIndex: number;
  readonly name: IndexableName;
  readonly nameScore: NameScore;
  /** `nameScore.score`, times WEAK_ALIAS_FACTOR for a weak alias. */
  readonly score: number;
}

const MIN_WEIGHT = 0.3;
const GENERIC_WORD_WEIGHT = 0.4;

/** A weak alias must match better to reach the same score as a strong one. */
export const WEAK_ALIAS_FACTOR = 0.9;

interface IndexedName {
  readonly entryIndex: number;
  readonly name: IndexableName;
  readonly tokens: readonly string[];
}

interface VocabularyEntry {
  readonly prepared: PreparedToken;
  readonly nameIds: number[];
  entryCount: number;
}

/**
 * An in-memory index over the names of a list, built once per list version. A query token is
 * compared only with list tokens of its block (see `blockOf`) or with the same consonant
 * skeleton; every name holding a token at least TOKEN_PAIR_FLOOR alike is then scored in full.
 * Token weights come from the list itself: a token found in many entries ("mohammad", "bank")
 * is weaker evidence than a rare one.
 */
export class ScreeningIndex {
  readonly #names: IndexedName[] = [];
  readonly #vocabulary = new Map<string, VocabularyEntry>();
  readonly #blocks = new Map<string, string[]>();
  readonly #skeletons = new Map<string, string[]>();
  readonly #entryCount: number;

  constructor(entries: readonly IndexableEntry[]) {
    this.#entryCount = entries.length;
    entries.forEach((entry, entryIndex) => {
      const seen = new Set<string>();
      for (const name of entry.names) {
        const tokens = normalizeName(name.name, entry.kind);
        if (tokens.length === 0) continue;
        const nameId = this.#names.push({ entryIndex, name, tokens }) - 1;
        for (const token of tokens) {
          this.#addToken(token, nameId, !seen.has(token));
          seen.add(token);
        }
      }
    });
  }

  get size(): number {
    return this.#entryCount;
  }

  /**
   * Evidence weight of a token, 0.3–1: 1 for a token in one entry or none, falling with the
   * logarithm of the number of entries that carry it; at most GENERIC_WORD_WEIGHT for words that
   * describe a business rather than name it.
   */
  weight(token: string): number {
    const count = this.#vocabulary.get(token)?.entryCount ?? 0;
    const byRarity = count <= 1 ? 1 : Math.max(MIN_WEIGHT, 1 - 0.15 * Math.log(count));
    return GENERIC_ORGANIZATION_WORDS.has(token) ? Math.min(byRarity, GENERIC_WORD_WEIGHT) : byRarity;
  }

  /** Entries whose best name scores at least `floor` against the query tokens, best first. */
  search(queryTokens: readonly string[], floor: number): NameCandidate[] {
    const local = new Map<string, PreparedToken>();
    // List tokens come prepared from the vocabulary; query and joined tokens are prepared once.
    const prepared = (token: string): PreparedToken => {
      const known = this.#vocabulary.get(token)?.prepared ?? local.get(token);
      if (known !== undefined) return known;
      const fresh = prepareToken(token);
      local.set(token, fresh);
      return fresh;
    };
    const collected = new Map<string, Map<string, number>>();
    const candidates = new Set<number>();
    for (const q of new Set(queryTokens)) collected.set(q, this.#collect(prepared(q), candidates));
    // A list token of the query token's own block or skeleton that the scan did not collect is
    // below the pairing floor (0). Other pairs (a name found through another query token, joined
    // tokens like "abdul"+"rahman") are compared on demand.
    const computed = new Map<string, number>();
    const similarity = (q: string, c: string): number => {
      const row = collected.get(q);
      const listed = this.#vocabulary.get(c);
      if (row !== undefined && listed !== undefined) {
        const known = row.get(c);
        if (known !== undefined) return known;
        const query = prepared(q);
        if (blockOf(listed.prepared) === blockOf(query) || (query.skeleton.length >= 3 && listed.prepared.skeleton === query.skeleton)) return 0;
      }
      const key = `${q}\u0000${c}`;
      let s = computed.get(key);
      if (s === undefined) computed.set(key, (s = preparedSimilarity(prepared(q), prepared(c))));
      return s;
    };
    const options = { weight: (t: string) => this.weight(t), similarity, fold: (t: string) => prepared(t).folded };
    const best = new Map<number, NameCandidate>();
    for (const nameId of candidates) {
      const indexed = this.#names[nameId]!;
      const nameScore = scoreName(queryTokens, indexed.tokens, options);
      const score = nameScore.score * (indexed.name.quality === 'weak' ? WEAK_ALIAS_FACTOR : 1);
      const previous = best.get(indexed.entryIndex);
      if (score >= floor && (previous === undefined || score > previous.score)) {
        best.set(indexed.entryIndex, { entryIndex: indexed.entryIndex, name: indexed.name, nameScore, score });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  }

  /** Similarities at or above the pairing floor between a query token and the list tokens of
   * its block or skeleton; adds every name holding one of them to `candidates`. */
  #collect(query: PreparedToken, candidates: Set<number>): Map<string, number> {
    const found = new Map<string, number>();
    const tokens = new Set([...(this.#blocks.get(blockOf(query)) ?? []), ...(this.#skeletons.get(query.skeleton) ?? [])]);
    for (const token of tokens) {
      const entry = this.#vocabulary.get(token)!;
      const s = preparedSimilarity(query, entry.prepared);
      if (s < TOKEN_PAIR_FLOOR) continue;
      found.set(token, s);
      for (const nameId of entry.nameIds) candidates.add(nameId);
    }
    return found;
  }

  #addToken(token: string, nameId: number, firstInEntry: boolean): void {
    let entry = this.#vocabulary.get(token);
    if (entry === undefined) {
      const prepared = prepareToken(token);
      entry = { prepared, nameIds: [], entryCount: 0 };
      this.#vocabulary.set(token, entry);
      pushTo(this.#blocks, blockOf(prepared), token);
      if (prepared.skeleton.length >= 3) pushTo(this.#skeletons, prepared.skeleton, token);
    }
    entry.nameIds.push(nameId);
    if (firstInEntry) entry.entryCount++;
  }
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
