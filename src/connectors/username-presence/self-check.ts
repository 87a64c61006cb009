/**
 * The self-check, Maigret's way of keeping site data healthy (`site_self_check`): for every
 * site, its claimed username must come out `found` and a name that should not exist must come
 * out `not_found`. A site failing either way is `broken` (a stale definition, or a false
 * positive waiting to happen); a site that only answered with blocks, rate limits or errors is
 * `inconclusive` and is neither trusted nor disabled on that evidence.
 */
import { controlUsernameFor } from './control-username.ts';
import type { SiteResult } from './site-checker.ts';
import type { SiteRule } from './site-rule.ts';
import { runSweep, type SweepJob, type SweepOptions } from './sweep.ts';

export type SelfCheckVerdict = 'ok' | 'broken' | 'inconclusive';

export interface SelfCheckRow {
  readonly site: string;
  readonly claimed: SiteResult | null;
  readonly unclaimed: SiteResult | null;
  readonly verdict: SelfCheckVerdict;
  readonly reason: string;
}

export interface SelfCheckReport {
  readonly rows: readonly SelfCheckRow[];
  readonly counts: Readonly<Record<SelfCheckVerdict, number>>;
  /** Claimed names found / claimed names checked. */
  readonly recall: number;
  /** Claimed names found / every `found` (claimed or not). */
  readonly precision: number;
  readonly durationMs: number;
}

/**
 * Checks every site with its claimed and an unclaimed name.
 *
 * @example
 * const report = await runSelfCheck(rules, { ...checkerOptions, concurrency: 20, perHostLimit: 2, deadline });
 * report.rows.filter((r) => r.verdict === 'broken')
 */
export async function runSelfCheck(rules: readonly SiteRule[], options: SweepOptions): Promise<SelfCheckReport> {
  const jobs: SweepJob[] = [];
  const slots: { claimed: number | null; unclaimed: number | null }[] = [];
  for (const rule of rules) {
    const claimed = rule.claimedUsername !== null ? jobs.push({ rule, username: rule.claimedUsername }) - 1 : null;
    const control = controlUsernameFor(rule, rule.claimedUsername ?? '');
    const unclaimed = control !== null ? jobs.push({ rule, username: control }) - 1 : null;
    slots.push({ claimed, unclaimed });
  }
  const { results, summary } = await runSweep(jobs, options);
  const rows = rules.map((rule, i) => {
    const slot = slots[i]!;
    return rowOf(rule, slot.claimed !== null ? results[slot.claimed]! : null, slot.unclaimed !== null ? results[slot.unclaimed]! : null);
  });
  const counts = { ok: 0, broken: 0, inconclusive: 0 };
  for (const row of rows) counts[row.verdict]++;
  const claimedChecks = rows.filter((r) => r.claimed !== null);
  const truePositives = claimedChecks.filter((r) => r.claimed!.outcome === 'found').length;
  const falsePositives = rows.filter((r) => r.unclaimed?.outcome === 'found').length;
  return {
    rows,
    counts,
    recall: claimedChecks.length === 0 ? 0 : truePositives / claimedChecks.length,
    precision: truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives),
    durationMs: summary.durationMs,
  };
}

function rowOf(rule: SiteRule, claimed: SiteResult | null, unclaimed: SiteResult | null): SelfCheckRow {
  const row = { site: rule.name, claimed, unclaimed };
  if (unclaimed?.outcome === 'found') return { ...row, verdict: 'broken', reason: `false positive: "${unclaimed.username}" should not exist but reads found (${unclaimed.reason})` };
  if (claimed === null) return { ...row, verdict: 'inconclusive', reason: 'the catalogue gives no claimed username' };
  if (claimed.outcome === 'not_found') return { ...row, verdict: 'broken', reason: `false negative: "${claimed.username}" reads not found (${claimed.reason})` };
  if (claimed.outcome === 'skipped') return { ...row, verdict: 'broken', reason: `the claimed username is refused: ${claimed.reason}` };
  if (claimed.outcome !== 'found') return { ...row, verdict: 'inconclusive', reason: `claimed: ${claimed.outcome} (${claimed.reason})` };
  if (unclaimed === null) return { ...row, verdict: 'inconclusive', reason: 'no unclaimed username fits the site pattern' };
  if (unclaimed.outcome !== 'not_found') return { ...row, verdict: 'inconclusive', reason: `unclaimed: ${unclaimed.outcome} (${unclaimed.reason})` };
  return { ...row, verdict: 'ok', reason: 'claimed found, unclaimed not found' };
}
