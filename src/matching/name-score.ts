import { foldToken, tokenSimilarity } from './token-similarity.ts';

/** Two tokens the matcher paired, and how alike they are. */
export interface TokenPair {
  readonly query: string;
  readonly candidate: string;
  readonly similarity: number;
}

/** How one query name compares with one candidate name, with the evidence for the score. */
export interface NameScore {
  /** 0–1. */
  readonly score: number;
  /** Sum of the weights of the paired candidate tokens; below MIN_EVIDENCE it scaled the score down. */
  readonly evidence: number;
  readonly pairs: readonly TokenPair[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedCandidate: readonly string[];
}

export interface NameScoreOptions {
  /** How much evidence a token carries (rare tokens more than common ones); default 1. */
  readonly weight?: (token: string) => number;
  /** Pairwise token similarity; default `tokenSimilarity`. Lets an index reuse cached values. */
  readonly similarity?: (query: string, candidate: string) => number;
  /** `foldToken`, or a cached equivalent (an index has every list token folded already). */
  readonly fold?: (token: string) => string;
}

/** Tokens less alike than this are not paired at all. */
export const TOKEN_PAIR_FLOOR = 0.8;
/** Pairs at least this alike count in full; below it, a near miss counts for less. */
const FULL_CREDIT = 0.95;
/** Share of an unpaired token's weight that counts against the score, per side. Lists carry
 * middle names, patronymics and tribal names a caller often leaves out, so an extra token on
 * the list side costs less than an extra token in the query. */
const UNPAIRED_QUERY_COST = 0.75;
const UNPAIRED_CANDIDATE_COST = 0.5;
/** Paired evidence (sum of candidate token weights) below which the score is scaled down: a
 * match made only of common or generic tokens ("Mohammed Ali" on a list full of both, "Global
 * Shipping") is not strong evidence, however completely it pairs. */
export const MIN_EVIDENCE = 1;

/**
 * Scores a query name against a candidate name, both already normalised to tokens. Word order
 * is ignored: tokens are paired one to one, most similar first (a token set comparison), and
 * the score is the weighted share of both names the pairs explain. A pair's credit is its
 * similarity when it is at least 0.95 and falls twice as fast below that, so "john"/"joan"
 * (0.87) counts for 0.78 while spelling variants that fold or share a consonant skeleton
 * (0.9–0.98) stay close to full. When the paired tokens together weigh less than MIN_EVIDENCE,
 * the score is scaled by that shortfall.
 *
 * @example
 * scoreName(['vladimir', 'putin'], ['putin', 'vladimir', 'vladimirovich']).score // 0.86
 */
export function scoreName(query: readonly string[], candidate: readonly string[], options: NameScoreOptions = {}): NameScore {
  const weight = options.weight ?? (() => 1);
  const similarity = options.similarity ?? tokenSimilarity;
  const [q, c] = joinSplitTokens(query, candidate, options.fold ?? foldToken);
  const pairs = pairTokens(q, c, similarity);
  if (pairs.length === 0) return { score: 0, evidence: 0, pairs: [], unmatchedQuery: q, unmatchedCandidate: c };
  const pairedQ = new Set(pairs.map((p) => p.query));
  const pairedC = new Set(pairs.map((p) => p.candidate));
  const unmatchedQuery = q.filter((t) => !pairedQ.has(t));
  const unmatchedCandidate = c.filter((t) => !pairedC.has(t));
  let earned = 0;
  let possible = 0;
  let evidence = 0;
  for (const pair of pairs) {
    const w = weight(pair.candidate);
    earned += 2 * w * credit(pair.similarity);
    possible += 2 * w;
    evidence += w;
  }
  for (const t of unmatchedQuery) possible += UNPAIRED_QUERY_COST * weight(t);
  for (const t of unmatchedCandidate) possible += UNPAIRED_CANDIDATE_COST * weight(t);
  const share = possible > 0 ? earned / possible : 0;
  const score = share * Math.min(1, evidence / MIN_EVIDENCE);
  return { score, evidence, pairs, unmatchedQuery, unmatchedCandidate };
}

function credit(similarity: number): number {
  return similarity >= FULL_CREDIT ? similarity : Math.max(0, similarity - (FULL_CREDIT - similarity));
}

/** One-to-one pairing, most similar first; ties go to the longer (more specific) token. */
function pairTokens(query: readonly string[], candidate: readonly string[], similarity: (a: string, b: string) => number): TokenPair[] {
  const all: TokenPair[] = [];
  for (const q of query) {
    for (const c of candidate) {
      const s = similarity(q, c);
      if (s >= TOKEN_PAIR_FLOOR) all.push({ query: q, candidate: c, similarity: s });
    }
  }
  all.sort((x, y) => y.similarity - x.similarity || y.candidate.length - x.candidate.length);
  const usedQ = new Set<string>();
  const usedC = new Set<string>();
  const pairs: TokenPair[] = [];
  for (const pair of all) {
    if (usedQ.has(pair.query) || usedC.has(pair.candidate)) continue;
    usedQ.add(pair.query);
    usedC.add(pair.candidate);
    pairs.push(pair);
  }
  return pairs;
}

/**
 * "Abdulrahman" against "Abdul Rahman": when one side writes as one token what the other
 * writes as two adjacent tokens, join those two so they can pair.
 */
function joinSplitTokens(query: readonly string[], candidate: readonly string[], fold: (token: string) => string): [string[], string[]] {
  return [joinAgainst(query, candidate, fold), joinAgainst(candidate, query, fold)];
}

function joinAgainst(tokens: readonly string[], other: readonly string[], fold: (token: string) => string): string[] {
  if (tokens.length < 2) return [...tokens];
  const targets = other.filter((t) => t.length >= 5);
  if (targets.length === 0) return [...tokens];
  const folded = new Set(targets.map(fold));
  // Folding only shortens a token a little (kh → h, doubled letters), so a pair whose joined
  // length is far from every target's cannot fold onto one; skip folding it.
  const lengths = targets.map((t) => t.length);
  const near = (n: number): boolean => lengths.some((l) => n >= l - 1 && n <= l + 3);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const next = tokens[i + 1];
    if (next !== undefined && near(tokens[i]!.length + next.length) && folded.has(fold(tokens[i]! + next))) {
      out.push(tokens[i]! + next);
      i++;
    } else out.push(tokens[i]!);
  }
  return out;
}
