/**
 * Which sites a sweep checks: enabled ones (not disabled by the catalogue, not disabled
 * locally by a self-check), filtered by tags, ordered by traffic rank, and cut to the top N at
 * depth `standard` (Maigret's default run is its top 500 sites; `deep` is every enabled site).
 */
import type { SiteRule } from './site-rule.ts';

export interface SelectionOptions {
  readonly depth: 'standard' | 'deep';
  /** How many sites depth `standard` checks (by rank). */
  readonly standardTop: number;
  /** A cap that applies at every depth; null for none. */
  readonly top: number | null;
  /** Keep only sites with at least one of these tags (or engine names); empty keeps all. */
  readonly includeTags: readonly string[];
  /** Drop sites with any of these tags. */
  readonly excludeTags: readonly string[];
  readonly locallyDisabled: ReadonlySet<string>;
}

export interface Selection {
  readonly sites: readonly SiteRule[];
  /** Enabled sites before the tag filter and the top-N cut. */
  readonly enabled: number;
}

/**
 * Selects and orders the sites of one sweep.
 *
 * @example
 * selectSites(rules, { depth: 'standard', standardTop: 500, top: null, includeTags: [], excludeTags: ['porn'], locallyDisabled: new Set() })
 */
export function selectSites(rules: readonly SiteRule[], options: SelectionOptions): Selection {
  const include = new Set(options.includeTags.map((t) => t.toLowerCase()));
  const exclude = new Set(options.excludeTags.map((t) => t.toLowerCase()));
  const enabled = rules.filter((rule) => !rule.disabled && !options.locallyDisabled.has(rule.name));
  const tagged = enabled.filter((rule) => {
    const labels = labelsOf(rule);
    if (include.size > 0 && !labels.some((l) => include.has(l))) return false;
    return !labels.some((l) => exclude.has(l));
  });
  const ranked = orderByRank(tagged);
  const cap = Math.min(options.depth === 'standard' ? options.standardTop : Number.POSITIVE_INFINITY, options.top ?? Number.POSITIVE_INFINITY);
  return { sites: Number.isFinite(cap) ? ranked.slice(0, cap) : ranked, enabled: enabled.length };
}

/** Tags, plus the engine name as Maigret's `--tags` also matches engines. */
export function labelsOf(rule: SiteRule): string[] {
  return [...rule.tags, ...(rule.engine !== null ? [rule.engine] : [])].map((l) => l.toLowerCase());
}

/** By rank ascending; unranked sites keep their catalogue order after every ranked one. */
export function orderByRank(rules: readonly SiteRule[]): SiteRule[] {
  return rules
    .map((rule, index) => ({ rule, index }))
    .sort((a, b) => (a.rule.rank ?? Number.MAX_SAFE_INTEGER) - (b.rule.rank ?? Number.MAX_SAFE_INTEGER) || a.index - b.index)
    .map(({ rule }) => rule);
}
