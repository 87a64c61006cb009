import type { ScreeningQuery } from './name-qualifiers.ts';
import { type NameKind, normalizeName } from './name-normalizer.ts';
import type { NameScore } from './name-score.ts';
import {
  DOB_EXACT_MATCH,
  dobAdjustment,
  entityTypeAdjustment,
  NATIONALITY_MATCH,
  nationalityAdjustment,
  type ScoreAdjustment,
} from './screening-adjustments.ts';
import { type IndexableEntry, type NameQuality, type ScreeningIndex, WEAK_ALIAS_FACTOR } from './screening-index.ts';

/** `individual`, `entity`, `vessel`, `aircraft` or `unknown`, as the list types its entries. */
export type EntryType = 'individual' | 'entity' | 'vessel' | 'aircraft' | 'unknown';

/** What screening reads from a list entry besides its names. */
export interface ScreenableEntry extends IndexableEntry {
  readonly type: EntryType;
  /** Normal forms (see birth-date.ts). */
  readonly dob: readonly string[];
  /** ISO alpha-2 codes where the list's text could be read, else the text as listed. */
  readonly nationalities: readonly string[];
}

/** One entry that scored at or above the threshold, and why. */
export interface ScreeningHit {
  readonly entryIndex: number;
  readonly matchedName: string;
  readonly quality: NameQuality;
  readonly nameScore: NameScore;
  readonly adjustments: readonly ScoreAdjustment[];
  /** 0–1, rounded to three places. */
  readonly score: number;
  readonly explanation: string;
}

/**
 * The default threshold: the score at and above which an entry is reported. Chosen on the
 * matching test set (`screening-test-set.test.ts`); see docs/sanctions-and-registries.md.
 */
export const DEFAULT_MATCH_THRESHOLD = 0.85;

/**
 * Screens one query against an indexed list: name candidates from the index, then the date of
 * birth, nationality and entity-type adjustments, then the threshold. Each hit carries an
 * explanation a compliance officer can read back: the alias matched and its quality, the token
 * pairs, what was left unmatched, every adjustment and the threshold.
 *
 * @example
 * screen(index, entries, parseNameQualifiers('Vladimir Putin | dob: 1952'), 'person', 0.85)
 */
export function screen(
  index: ScreeningIndex,
  entries: readonly ScreenableEntry[],
  query: ScreeningQuery,
  kind: NameKind,
  threshold: number = DEFAULT_MATCH_THRESHOLD,
  limit = 10,
): ScreeningHit[] {
  const tokens = normalizeName(query.name, kind);
  if (tokens.length === 0) return [];
  // Adjustments can lift a name by at most this much, so names that far below still qualify.
  const lift = (query.dob !== null ? DOB_EXACT_MATCH : 0) + (query.nationalities.length > 0 ? NATIONALITY_MATCH : 0);
  const hits: ScreeningHit[] = [];
  for (const candidate of index.search(tokens, threshold - lift)) {
    const entry = entries[candidate.entryIndex]!;
    const adjustments = [
      entityTypeAdjustment(kind, entry.type),
      entry.type === 'individual' || entry.type === 'unknown' ? dobAdjustment(query.dob, entry.dob) : null,
      nationalityAdjustment(query.nationalities, entry.nationalities),
    ].filter((a): a is ScoreAdjustment => a !== null);
    const score = round(Math.min(1, Math.max(0, candidate.score + adjustments.reduce((sum, a) => sum + a.delta, 0))));
    if (score < threshold) continue;
    hits.push({
      entryIndex: candidate.entryIndex,
      matchedName: candidate.name.name,
      quality: candidate.name.quality,
      nameScore: candidate.nameScore,
      adjustments,
      score,
      explanation: explain(query, candidate.name.name, candidate.name.quality, candidate.nameScore, adjustments, score, threshold),
    });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}

function explain(
  query: ScreeningQuery,
  matched: string,
  quality: NameQuality,
  nameScore: NameScore,
  adjustments: readonly ScoreAdjustment[],
  score: number,
  threshold: number,
): string {
  const pairs = nameScore.pairs.map((p) => (p.query === p.candidate ? p.query : `${p.query}≈${p.candidate} (${p.similarity.toFixed(2)})`)).join(', ');
  const parts = [
    `"${query.name}" matched the ${quality === 'primary' ? 'primary name' : `${quality} alias`} "${matched}"`,
    `paired tokens: ${pairs}`,
  ];
  if (nameScore.unmatchedQuery.length > 0) parts.push(`not on the list: ${nameScore.unmatchedQuery.join(', ')}`);
  if (nameScore.unmatchedCandidate.length > 0) parts.push(`listed but not queried: ${nameScore.unmatchedCandidate.join(', ')}`);
  const weak = quality === 'weak' ? ` × ${WEAK_ALIAS_FACTOR} for a weak alias` : '';
  parts.push(`name score ${round(nameScore.score).toFixed(3)}${weak}`);
  for (const a of adjustments) parts.push(a.reason);
  if (query.ignored.length > 0) parts.push(`qualifiers not understood and ignored: ${query.ignored.join('; ')}`);
  parts.push(`final score ${score.toFixed(3)} ≥ threshold ${threshold.toFixed(2)}`);
  return parts.join('; ');
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
