/**
 * How sure a `found` is, 0-1. It starts from what the answer rests on (a presence marker beats
 * a final URL, which beats a missing absence marker, which beats a bare status) and moves with
 * what we know of the site: a control name it correctly called missing, a recent passing
 * self-check, a search-style check that matches similar names, a bot protection that often
 * garbles answers. The table is in docs/username-presence.md ("Confidence").
 */
import type { EvidenceKind } from './presence-decision.ts';
import type { SiteResult } from './site-checker.ts';
import type { SiteRule } from './site-rule.ts';

const BASE: Readonly<Record<EvidenceKind, number>> = {
  presence_marker: 0.85,
  final_url: 0.7,
  no_absence_marker: 0.65,
  status_code: 0.6,
};

const SELF_CHECK_FRESH_MS = 30 * 86_400_000;

export interface SiteHistory {
  /** The site's latest self-check verdict and when it was made, if any. */
  readonly verdict?: 'ok' | 'broken' | 'inconclusive';
  readonly checkedAt?: string;
}

/**
 * @example
 * siteConfidence(rule, { evidence: 'status_code', control: 'confirmed', … }, {}, now) // 0.7
 */
export function siteConfidence(rule: SiteRule, result: SiteResult, history: SiteHistory, now: Date): number {
  let confidence = BASE[result.evidence ?? 'status_code'];
  if (rule.presenceMarkers.length > 0 && rule.absenceMarkers.length > 0 && result.evidence === 'presence_marker') confidence += 0.05;
  if (result.control === 'confirmed') confidence += 0.1;
  if (history.verdict === 'ok' && history.checkedAt !== undefined && now.getTime() - Date.parse(history.checkedAt) < SELF_CHECK_FRESH_MS) confidence += 0.05;
  if (rule.similarSearch) confidence -= 0.25;
  if (rule.protection.length > 0) confidence -= 0.05;
  return Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;
}
