import { CONFIDENCE_BANDS, type ConfidenceBand, confidenceBand } from '../../src/resolve/confidence-bands.ts';
import { canonicalEmail } from '../../src/resolve/canonical-email.ts';
import type { Resolution, ResolvedEntity } from '../../src/resolve/resolve-entities.ts';
import type { GroundTruth } from './synthetic-providers.ts';
import type { SyntheticQuery } from './synthetic-queries.ts';
import type { World } from './synthetic-world.ts';

export interface BandStats {
  readonly band: ConfidenceBand;
  total: number;
  correct: number;
}

export interface EvaluationReport {
  readonly lookups: number;
  readonly records: number;
  readonly pairwise: { readonly tp: number; readonly fp: number; readonly fn: number; readonly precision: number; readonly recall: number; readonly f1: number };
  /** Returned entities: is the candidate one real target of the query? */
  readonly entityBands: readonly BandStats[];
  /** Phones, emails and accounts of returned entities: do they belong to the entity's person? */
  readonly dataPointBands: readonly BandStats[];
  readonly decisions: Readonly<Record<string, number>>;
}

const emptyBands = (): BandStats[] => CONFIDENCE_BANDS.map((b) => ({ band: b.band, total: 0, correct: 0 }));

/**
 * Scores resolutions against the ground truth:
 * - pairwise clustering over the records of each lookup: a pair is truly together when the two
 *   records describe a common person (a family phone's metadata is true for each holder), and
 *   predicted together when some candidate holds both;
 * - each returned entity: correct when at least 80 % of its records describe one person who is
 *   a target of the query;
 * - each phone, email and account of a returned entity: correct when that person holds it;
 * - the decision: `resolved` to a correct entity when one person holds the query identifiers,
 *   `ambiguous` returning every holder when several do.
 */
export class ResolutionScorer {
  readonly #world: World;
  readonly #truth: GroundTruth;
  #lookups = 0;
  #records = 0;
  #tp = 0;
  #fp = 0;
  #fn = 0;
  readonly #entityBands = emptyBands();
  readonly #pointBands = emptyBands();
  readonly #decisions: Record<string, number> = {};

  constructor(world: World, truth: GroundTruth) {
    this.#world = world;
    this.#truth = truth;
  }

  add(query: SyntheticQuery, resolution: Resolution): void {
    this.#lookups++;
    const labels = resolution.records.map((r) => this.#truth.get(`${r.connectorId}|${r.recordRef}`) ?? []);
    this.#records += labels.length;
    this.#scorePairs(resolution, labels);
    const verdicts = resolution.entities.map((e) => this.#judgeEntity(e, labels, query));
    resolution.entities.forEach((e, i) => {
      tally(this.#entityBands, e.confidence, verdicts[i]!.correct);
      if (verdicts[i]!.owner) this.#scoreDataPoints(e, verdicts[i]!.owner!);
    });
    this.#count(decisionOutcome(query, resolution, verdicts));
  }

  report(): EvaluationReport {
    const precision = this.#tp / Math.max(1, this.#tp + this.#fp);
    const recall = this.#tp / Math.max(1, this.#tp + this.#fn);
    return {
      lookups: this.#lookups,
      records: this.#records,
      pairwise: { tp: this.#tp, fp: this.#fp, fn: this.#fn, precision, recall, f1: (2 * precision * recall) / Math.max(1e-9, precision + recall) },
      entityBands: this.#entityBands,
      dataPointBands: this.#pointBands,
      decisions: { ...this.#decisions },
    };
  }

  #scorePairs(resolution: Resolution, labels: readonly (readonly string[])[]): void {
    const homes = labels.map(() => new Set<number>());
    resolution.candidates.forEach((c, rank) => c.records.forEach((r) => homes[r]!.add(rank)));
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const together = [...homes[i]!].some((h) => homes[j]!.has(h));
        const truly = labels[i]!.some((l) => labels[j]!.includes(l));
        if (together && truly) this.#tp++;
        else if (together) this.#fp++;
        else if (truly) this.#fn++;
      }
    }
  }

  #judgeEntity(entity: ResolvedEntity, labels: readonly (readonly string[])[], query: SyntheticQuery): { correct: boolean; owner: string | null } {
    const counts = new Map<string, number>();
    for (const r of entity.records) for (const l of labels[r]!) counts.set(l, (counts.get(l) ?? 0) + 1);
    const [owner, n] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [null, 0];
    const pure = n / Math.max(1, entity.records.length) >= 0.8;
    return { correct: owner !== null && pure && query.targets.includes(owner), owner: pure ? owner : null };
  }

  #scoreDataPoints(entity: ResolvedEntity, owner: string): void {
    const person = this.#world.people.find((p) => p.id === owner);
    if (!person) return;
    const phones = new Set([person.mobile, person.landline].filter((x) => x !== null));
    const emails = new Set(person.emails.map((e) => canonicalEmail(e.value)));
    const accounts = new Set(person.accounts.map((a) => `${a.platform}/${a.handle}`));
    const profile = entity.profile;
    for (const p of profile.phones ?? []) tally(this.#pointBands, p.confidence, phones.has(p.number));
    for (const e of profile.emails ?? []) tally(this.#pointBands, e.confidence, emails.has(canonicalEmail(e.email)));
    for (const s of profile.social_profiles ?? []) tally(this.#pointBands, s.confidence, accounts.has(`${s.platform}/${s.username ?? ''}`));
  }

  #count(outcome: string): void {
    this.#decisions[outcome] = (this.#decisions[outcome] ?? 0) + 1;
  }
}

function tally(bands: BandStats[], score: number, correct: boolean): void {
  const stats = bands.find((b) => b.band === confidenceBand(score))!;
  stats.total++;
  if (correct) stats.correct++;
}

function decisionOutcome(query: SyntheticQuery, resolution: Resolution, verdicts: readonly { correct: boolean; owner: string | null }[]): string {
  if (query.targets.length === 0) return resolution.status === 'no_match' ? 'no_target:no_match' : `no_target:${resolution.status}`;
  if (resolution.status === 'no_match') return 'missed:no_match';
  if (query.targets.length === 1) {
    if (resolution.status === 'resolved') return verdicts[0]!.correct ? 'single:resolved_correct' : 'single:resolved_wrong';
    return verdicts.some((v) => v.correct) ? 'single:ambiguous_including_target' : 'single:ambiguous_without_target';
  }
  const covered = query.targets.filter((t) => verdicts.some((v) => v.owner === t)).length;
  if (resolution.status === 'resolved') return verdicts[0]!.correct ? 'shared:resolved_to_one_holder' : 'shared:resolved_wrong';
  return covered === query.targets.length ? 'shared:ambiguous_all_holders' : 'shared:ambiguous_some_holders';
}
