/**
 * A sweep: many (site, username) checks under one global concurrency limit, one per-host limit
 * and one deadline. The deadline is absolute: when it passes, requests in flight are aborted
 * and the sweep returns at once with what it has; sites it never reached are reported as
 * `error` ("not reached"), so a hanging site can never hold a lookup.
 */
import { setMaxListeners } from 'node:events';
import { KeyedLimiter, type Release, Semaphore } from './limiter.ts';
import { type SiteOutcome, SITE_OUTCOMES } from './presence-decision.ts';
import { type CheckerOptions, checkSite, type SiteResult } from './site-checker.ts';
import { hostKeyOf, type PlannedProbe, planProbe } from './site-probe.ts';
import type { SiteRule } from './site-rule.ts';

export interface SweepJob {
  readonly rule: SiteRule;
  readonly username: string;
}

export interface SweepOptions extends CheckerOptions {
  readonly concurrency: number;
  readonly perHostLimit: number;
  /** Epoch ms by which the sweep returns. */
  readonly deadline: number;
  /** Aborts the sweep early (the lookup was cancelled). */
  readonly signal?: AbortSignal;
}

export interface SweepSummary {
  readonly counts: Readonly<Record<SiteOutcome, number>>;
  /** Of the errors: timeouts, and checks cut or never started by the deadline. */
  readonly timeouts: number;
  readonly notReached: number;
  readonly deadlineReached: boolean;
  readonly durationMs: number;
}

export interface SweepResult {
  /** One per job, in job order. */
  readonly results: readonly SiteResult[];
  readonly summary: SweepSummary;
}

const NOT_REACHED = 'deadline: not reached before the sweep deadline';

/**
 * Runs every job and returns by the deadline.
 *
 * @example
 * const { results, summary } = await runSweep(jobs, { http, agentFor, concurrency: 100, perHostLimit: 4, deadline, … });
 */
export async function runSweep(jobs: readonly SweepJob[], options: SweepOptions): Promise<SweepResult> {
  const started = Date.now();
  const controller = new AbortController();
  // Every waiting check and every request listens to this one signal.
  setMaxListeners(0, controller.signal);
  const onOuterAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const global = new Semaphore(options.concurrency);
  const hosts = new KeyedLimiter(options.perHostLimit);
  const results: (SiteResult | undefined)[] = new Array(jobs.length);
  const plans = jobs.map((job) => planProbe(job.rule, job.username, options.userAgent));
  const context = { signal: controller.signal, deadline: options.deadline, sharedHosts: sharedHostsOf(jobs, plans) };
  const runOne = async (job: SweepJob, index: number, priority: number): Promise<void> => {
    const planned = plans[index]!;
    const releases: Release[] = [];
    try {
      if (planned.ok) {
        // Host first, then a global slot: a site waiting for its host never holds a global
        // slot; and it keeps its place in the dispatch order for the global slot.
        releases.push(await hosts.acquire(hostKeyOf(planned, job.rule), controller.signal));
        releases.push(await global.acquire(controller.signal, priority));
      }
      const result = await checkSite(job.rule, job.username, planned, options, context);
      if (!controller.signal.aborted) results[index] = result;
    } catch {
      // Only an aborted wait for a slot lands here; the gap is filled below.
    } finally {
      for (const release of releases.reverse()) release();
    }
  };

  const all = Promise.all(dispatchOrder(jobs, plans, options.perHostLimit).map((index, priority) => runOne(jobs[index]!, index, priority)));
  await untilDoneOrDeadline(all, options.deadline, controller.signal);
  options.signal?.removeEventListener('abort', onOuterAbort);
  const deadlineReached = results.some((r) => r === undefined);
  // Whatever is still in flight is cut now; its late answer is not waited for.
  controller.abort(new Error('sweep deadline'));
  const filled = jobs.map((job, i) => results[i] ?? { site: job.rule.name, username: job.username, outcome: 'error' as const, reason: NOT_REACHED });
  return { results: filled, summary: summarize(filled, deadlineReached, Date.now() - started) };
}

/** Hosts that more than one check of the sweep probes (they get a pool of connections). */
function sharedHostsOf(jobs: readonly SweepJob[], plans: readonly PlannedProbe[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  jobs.forEach((job, i) => {
    const key = hostKeyOf(plans[i]!, job.rule);
    if (seen.has(key)) shared.add(key);
    seen.add(key);
  });
  return shared;
}

/**
 * The order checks queue for slots: hosts carrying many checks first (longest chain of
 * per-host rounds first), then the selection's own order. Without it, seventeen sites sharing
 * one host at the end of a rank-ordered sweep run their five rounds after everything else.
 */
export function dispatchOrder(jobs: readonly SweepJob[], plans: readonly PlannedProbe[], perHostLimit: number): number[] {
  const keys = jobs.map((job, i) => hostKeyOf(plans[i]!, job.rule));
  const perHost = new Map<string, number>();
  for (const key of keys) perHost.set(key, (perHost.get(key) ?? 0) + 1);
  const rounds = keys.map((key) => Math.ceil(perHost.get(key)! / perHostLimit));
  return jobs.map((_, i) => i).sort((a, b) => rounds[b]! - rounds[a]! || a - b);
}

/** Resolves when `work` settles, the deadline passes, or `signal` aborts, whichever is first. */
async function untilDoneOrDeadline(work: Promise<unknown>, deadline: number, signal: AbortSignal): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const cut = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
  try {
    await Promise.race([work, cut]);
  } finally {
    clearTimeout(timer);
  }
}

export function summarize(results: readonly SiteResult[], deadlineReached: boolean, durationMs: number): SweepSummary {
  const counts = Object.fromEntries(SITE_OUTCOMES.map((o) => [o, 0])) as Record<SiteOutcome, number>;
  let timeouts = 0;
  let notReached = 0;
  for (const result of results) {
    counts[result.outcome]++;
    if (result.reason.startsWith('timeout')) timeouts++;
    if (result.reason.startsWith('deadline')) notReached++;
  }
  return { counts, timeouts, notReached, deadlineReached: deadlineReached || notReached > 0, durationMs };
}

/** One line for `source_coverage.details`: counts per outcome. */
export function describeSummary(summary: SweepSummary, sites: number): string {
  const c = summary.counts;
  const parts = [
    `${sites} site checks`,
    `found ${c.found}`,
    `not_found ${c.not_found}`,
    `blocked ${c.blocked}`,
    `rate_limited ${c.rate_limited}`,
    `error ${c.error}${summary.timeouts + summary.notReached > 0 ? ` (timeout ${summary.timeouts}, deadline ${summary.notReached})` : ''}`,
    `skipped ${c.skipped}`,
  ];
  return `${parts.join(', ')}${summary.deadlineReached ? '; the sweep deadline was reached, partial results' : ''}`;
}
