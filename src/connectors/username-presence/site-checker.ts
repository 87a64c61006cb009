/**
 * Checks one username on one site: plans the request, makes it through the guarded client,
 * decides, and for a `found` without a positive marker asks the same question for a control
 * name that should not exist. Never throws: every failure is an outcome.
 */
import { EgressBlockedError, type HttpAgent, type HttpClient } from '../sdk.ts';
import { controlUsernameFor } from './control-username.ts';
import { decide, type EvidenceKind, type SiteOutcome, type Verdict } from './presence-decision.ts';
import { type ProbeResponse, toProbeResponse } from './probe-response.ts';
import { hostKeyOf, type PlannedProbe, planProbe, type ProbePlan } from './site-probe.ts';
import type { SiteRule } from './site-rule.ts';

/** How a weak `found` fared against a control name. */
export type ControlResult = 'confirmed' | 'inconclusive' | 'unavailable';

export interface SiteResult {
  readonly site: string;
  readonly username: string;
  readonly outcome: SiteOutcome;
  readonly reason: string;
  readonly matched?: string;
  readonly evidence?: EvidenceKind;
  readonly status?: number;
  readonly profileUrl?: string;
  readonly probeUrl?: string;
  readonly control?: ControlResult;
}

export interface CheckerOptions {
  readonly http: HttpClient;
  /** The pool (per-host connection limit, keep-alive, proxy) a site's requests go through. */
  readonly agentFor: (rule: SiteRule, hostShared: boolean) => HttpAgent | undefined;
  readonly requestTimeoutMs: number;
  readonly maxBodyBytes: number;
  readonly userAgent: string;
  /** Run control probes for weak `found`s (on by default). */
  readonly controls?: boolean;
}

export interface CheckContext {
  readonly signal: AbortSignal;
  /** Epoch ms: no request runs past it. */
  readonly deadline: number;
  /** Host keys (`hostKeyOf`) that more than one site of the sweep probes; unknown means shared. */
  readonly sharedHosts?: ReadonlySet<string>;
}

/**
 * Checks `username` on one site.
 *
 * @example
 * const result = await checkSite(rule, 'alice', planProbe(rule, 'alice', ua), options, { signal, deadline });
 * result.outcome // 'found' | 'not_found' | 'blocked' | 'rate_limited' | 'error' | 'skipped'
 */
export async function checkSite(rule: SiteRule, username: string, planned: PlannedProbe, options: CheckerOptions, context: CheckContext): Promise<SiteResult> {
  const base = { site: rule.name, username };
  if (!planned.ok) return { ...base, outcome: 'skipped', reason: planned.reason };
  const { plan } = planned;
  const where = { profileUrl: plan.profileUrl, probeUrl: plan.url };
  const fetched = await fetchProbe(rule, plan, options, context);
  if (!fetched.ok) return { ...base, ...where, outcome: 'error', reason: fetched.reason };
  const verdict = decide(rule, fetched.response, username);
  const result = toResult(base, where, verdict, fetched.response.status);
  if (verdict.outcome !== 'found' || verdict.evidence === 'presence_marker' || options.controls === false) return result;
  return applyControl(rule, username, fetched.response, result, options, context);
}

/**
 * A `found` that rests only on a status, a missing absence marker or a final URL is checked
 * against a control name: if the site answers the control the same way, the answer carries no
 * information about our username (a soft 404), and the site reads `not_found`.
 */
async function applyControl(rule: SiteRule, username: string, ours: ProbeResponse, result: SiteResult, options: CheckerOptions, context: CheckContext): Promise<SiteResult> {
  const control = controlUsernameFor(rule, username);
  if (control === null) return { ...result, control: 'unavailable' };
  const planned = planProbe(rule, control, options.userAgent);
  if (!planned.ok) return { ...result, control: 'unavailable' };
  const fetched = await fetchProbe(rule, planned.plan, options, context);
  if (!fetched.ok) return { ...result, control: 'inconclusive' };
  const theirs = decide(rule, fetched.response, control);
  if (theirs.outcome === 'found' || isSameAnswer(ours, username, fetched.response, control)) {
    return { ...result, outcome: 'not_found', reason: 'the site answers the same for a name that should not exist (soft 404)', matched: `control ${control}`, control: 'confirmed' };
  }
  return { ...result, control: theirs.outcome === 'not_found' ? 'confirmed' : 'inconclusive' };
}

/** Same status, same landing URL and same body once each name is replaced by a placeholder. */
export function isSameAnswer(a: ProbeResponse, nameA: string, b: ProbeResponse, nameB: string): boolean {
  if (a.status !== b.status) return false;
  const strip = (text: string, name: string): string => text.split(name).join('\u0000').split(encodeURIComponent(name)).join('\u0000');
  return strip(a.url, nameA) === strip(b.url, nameB) && strip(a.text, nameA) === strip(b.text, nameB);
}

function toResult(base: { site: string; username: string }, where: { profileUrl: string; probeUrl: string }, verdict: Verdict, status: number): SiteResult {
  return {
    ...base,
    ...where,
    outcome: verdict.outcome,
    reason: verdict.reason,
    status,
    ...(verdict.matched !== undefined ? { matched: verdict.matched } : {}),
    ...(verdict.evidence !== undefined ? { evidence: verdict.evidence } : {}),
  };
}

const DEADLINE = 'deadline: the sweep ran out of time';

type Fetched = { ok: true; response: ProbeResponse } | { ok: false; reason: string };

async function fetchProbe(rule: SiteRule, plan: ProbePlan, options: CheckerOptions, context: CheckContext): Promise<Fetched> {
  const remaining = context.deadline - Date.now();
  if (remaining <= 0 || context.signal.aborted) return { ok: false, reason: DEADLINE };
  const agent = options.agentFor(rule, context.sharedHosts?.has(hostKeyOf({ ok: true, plan }, rule)) ?? true);
  try {
    const response = await options.http.request(plan.url, {
      method: plan.method,
      headers: plan.headers,
      ...(plan.body !== undefined ? { body: plan.body } : {}),
      signal: context.signal,
      timeoutMs: Math.min(options.requestTimeoutMs, remaining),
      maxBytes: options.maxBodyBytes,
      onOverflow: 'truncate',
      ...(agent !== undefined ? { agent } : {}),
    });
    return { ok: true, response: toProbeResponse(response, plan.url, rule.encoding) };
  } catch (err) {
    // A request cut by its timeout when that timeout was the sweep's deadline is a deadline.
    const deadlineCut = Date.now() >= context.deadline - 10 && remaining < options.requestTimeoutMs;
    return { ok: false, reason: deadlineCut ? DEADLINE : describeFailure(err, context.signal) };
  }
}

/** A short reason for a failed request; the sweep counts timeouts and deadlines separately. */
export function describeFailure(err: unknown, signal: AbortSignal): string {
  if (signal.aborted) return DEADLINE;
  if (err instanceof EgressBlockedError) return `egress blocked: ${err.message}`;
  const code = (err as { code?: unknown } | null)?.code;
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return 'timeout: no complete answer within the request timeout';
  }
  if (typeof code === 'string') return `connection failed (${code})`;
  return `request failed: ${err instanceof Error ? err.message.slice(0, 200) : String(err).slice(0, 200)}`;
}
