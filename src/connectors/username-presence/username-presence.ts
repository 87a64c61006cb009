import {
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  defineConnector,
  defineManifest,
  type Egress,
  type Finding,
  found,
  type HealthReport,
  type RunContext,
  type UnavailabilityReason,
  unavailable,
} from '../sdk.ts';
import type { Catalogue } from './catalogue.ts';
import type { LocalState } from './local-site-state.ts';
import { createPresenceComponents, type PresenceComponents } from './presence-components.ts';
import { usernamePresenceSettings } from './settings.ts';
import type { SiteResult } from './site-checker.ts';
import { siteConfidence } from './site-confidence.ts';
import type { SiteRule } from './site-rule.ts';
import { selectSites } from './site-selection.ts';
import { describeSummary, runSweep, type SweepJob, type SweepSummary } from './sweep.ts';

const manifest = defineManifest({
  id: 'username_presence',
  name: 'Username presence',
  description:
    'Checks where a username has a public profile across a catalogue of sites (Maigret or Sherlock format, ' +
    'thousands of sites), with positive-evidence rules, block and captcha detection, and control probes against soft 404s.',
  category: 'social_media',
  // Depth is applied inside: standard checks the top sites by rank, deep every enabled site.
  tier: 'primary',
  accepts: ['username'],
  accepts_derived: ['username'],
  credential_mode: 'intrace_managed',
  // A profile with the same handle is often, not always, the same person.
  reliability: 0.7,
});

/** Time kept back from the connector deadline to build findings and return. */
function sweepDeadline(deadline: number, now: number): number {
  const budget = deadline - now;
  return deadline - Math.min(1_000, Math.max(100, Math.floor(budget * 0.05)));
}

function toFinding(result: SiteResult, rule: SiteRule, state: LocalState, now: Date): Finding {
  const history = state.sites[rule.name];
  const evidence = {
    url: result.probeUrl ?? result.profileUrl ?? '',
    ...(result.status !== undefined ? { status: result.status } : {}),
    matched: result.matched ?? result.reason,
    method: rule.method,
    detail: result.reason,
  };
  return {
    kind: 'social_profile',
    data: {
      platform: rule.name,
      username: result.username,
      ...(result.profileUrl !== undefined ? { profile_url: result.profileUrl } : {}),
      extended: {
        evidence: { ...evidence, kind: result.evidence ?? 'status_code', ...(result.control !== undefined ? { control: result.control } : {}) },
        checks: rule.checks,
        tags: rule.tags,
        ...(rule.rank !== null ? { rank: rule.rank } : {}),
      },
    },
    confidence: siteConfidence(rule, result, { ...(history ? { verdict: history.verdict, checkedAt: history.checked_at } : {}) }, now),
    about: [{ type: 'username', normalized: result.username }],
    evidence,
  };
}

/** When no site gave an answer either way, the sweep itself failed; say why. */
function failureOf(summary: SweepSummary, results: readonly SiteResult[]): UnavailabilityReason | null {
  const { counts } = summary;
  const attempted = results.length - counts.skipped;
  if (attempted === 0 || counts.found + counts.not_found > 0) return null;
  if (counts.rate_limited >= Math.max(counts.blocked, counts.error)) return 'rate_limited';
  const errors = results.filter((r) => r.outcome === 'error');
  if (errors.length > 0 && errors.every((r) => r.reason.startsWith('egress blocked'))) return 'egress_blocked';
  if (summary.timeouts + summary.notReached >= counts.error / 2 && counts.error >= counts.blocked) return 'timeout';
  return 'connector_error';
}

/**
 * One run of the connector on its parts: the current catalogue, the sites selected for the
 * depth, one sweep over (site, username) pairs, one `social_profile` finding per `found`.
 *
 * @example
 * const result = await runUsernameSweep(createPresenceComponents(settings, services), input, ctx, new Date());
 */
export async function runUsernameSweep(parts: PresenceComponents, input: ConnectorInput, ctx: RunContext, now: Date): Promise<ConnectorResult> {
  let catalogue: Catalogue;
  try {
    catalogue = await parts.source.current();
  } catch (err) {
    return unavailable('connector_error', `username site catalogue unavailable: ${(err as Error).message}`);
  }
  return sweepFor(parts, catalogue, input, ctx, now);
}

async function sweepFor(parts: PresenceComponents, catalogue: Catalogue, input: ConnectorInput, ctx: RunContext, now: Date): Promise<ConnectorResult> {
  const state = parts.state.read();
  const locallyDisabled = new Set(Object.entries(state.sites).filter(([, s]) => s.disabled).map(([name]) => name));
  const { sites } = selectSites(catalogue.rules, { ...parts.selection, depth: ctx.depth, locallyDisabled });
  const usernames = [...new Set(input.identifiers.filter((i) => i.type === 'username').map((i) => i.normalized))];
  const jobs: SweepJob[] = usernames.flatMap((username) => sites.map((rule) => ({ rule, username })));
  const { results, summary } = await runSweep(jobs, { ...parts.checker, ...parts.limits, deadline: sweepDeadline(ctx.deadline, Date.now()), signal: ctx.signal });
  const detail = describeSummary(summary, jobs.length);
  const failure = failureOf(summary, results);
  if (failure !== null) return unavailable(failure, detail);
  const findings = results.flatMap((result, i) => (result.outcome === 'found' ? [toFinding(result, jobs[i]!.rule, state, now)] : []));
  ctx.logger.info({ connector: manifest.id, ...summary.counts, deadline_reached: summary.deadlineReached, duration_ms: summary.durationMs }, 'username sweep finished');
  return { ...found(findings), detail };
}

export const usernamePresence = defineConnector({
  manifest,
  settings: usernamePresenceSettings,
  create(settings, services): Connector {
    const parts = createPresenceComponents(settings, services);
    const egress: Egress[] = [];
    if (settings.USERNAME_SITES_URL !== undefined) {
      const url = new URL(settings.USERNAME_SITES_URL);
      egress.push({ host: url.hostname, port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80), protocol: url.protocol === 'https:' ? 'https' : 'http' });
    }
    return {
      manifest,
      // The sites themselves come from the catalogue at run time; only its download is fixed.
      egress,
      run: (input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> => runUsernameSweep(parts, input, ctx, services.now()),
      async health(): Promise<HealthReport> {
        const started = performance.now();
        try {
          const catalogue = await parts.source.current();
          const enabled = catalogue.rules.filter((r) => !r.disabled).length;
          if (enabled === 0) return { status: 'unreachable', latency_ms: null, error: 'the site catalogue has no enabled site', reason: 'connector_error' };
          return { status: 'reachable', latency_ms: Math.round(performance.now() - started), error: null };
        } catch (err) {
          return { status: 'unreachable', latency_ms: null, error: `site catalogue unavailable: ${(err as Error).message}`, reason: 'connector_error' };
        }
      },
    };
  },
});
