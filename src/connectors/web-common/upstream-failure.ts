import { classifyNetworkError } from '../network-errors.ts';
import { type ConnectorResult, type DerivedIdentifier, type Finding, found, type UnavailabilityReason } from '../sdk.ts';

/**
 * An upstream that did not answer usefully: refused, timed out, rate-limited us, or broke its
 * format. Connectors collect these per identifier and report the most telling one as their
 * outcome instead of throwing, so one bad upstream never fails a lookup.
 */
export class UpstreamFailure extends Error {
  constructor(
    readonly reason: UnavailabilityReason,
    /** Which upstream, e.g. `gravatar` or `dns`; goes into the outcome detail. */
    readonly upstream: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'UpstreamFailure';
  }
}

// Same order as `source_coverage.unavailability_reason`: the reason an operator can act on first.
const PRECEDENCE: readonly UnavailabilityReason[] = ['egress_blocked', 'credentials_invalid', 'rate_limited', 'timeout', 'connector_error'];

/**
 * Maps an HTTP status to a failure, or null when the status is an answer (2xx, 3xx, 404 …).
 * `rate_limited` only on evidence: a 429, or a 403 that says the quota is spent
 * (`x-ratelimit-remaining: 0`, GitHub's documented signal).
 *
 * @example
 * failureOfStatus(429, {}, 'gravatar')?.reason // 'rate_limited'
 */
export function failureOfStatus(status: number, headers: Readonly<Record<string, string>>, upstream: string): UpstreamFailure | null {
  const retry = headers['retry-after'] !== undefined ? `, retry after ${headers['retry-after']}` : '';
  if (status === 429) return new UpstreamFailure('rate_limited', upstream, `${upstream} answered 429 Too Many Requests${retry}`);
  if (status === 403 && headers['x-ratelimit-remaining'] === '0') {
    return new UpstreamFailure('rate_limited', upstream, `${upstream} quota exhausted (403, x-ratelimit-remaining: 0)`);
  }
  if (status >= 500) return new UpstreamFailure('connector_error', upstream, `${upstream} answered HTTP ${status}`);
  return null;
}

/**
 * Maps whatever a network call threw to a failure, keeping the SSRF guard's refusals as
 * `egress_blocked` and every kind of timeout as `timeout`.
 *
 * @example
 * failureOfError(new EgressBlockedError('refused'), 'web').reason // 'egress_blocked'
 */
export function failureOfError(err: unknown, upstream: string): UpstreamFailure {
  if (err instanceof UpstreamFailure) return err;
  const failure = classifyNetworkError(err);
  if (failure !== null) return new UpstreamFailure(failure.reason, upstream, `${upstream}: ${failure.what}`);
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const name = (err as Error | null)?.name ?? '';
  return new UpstreamFailure('connector_error', upstream, `${upstream}: call failed (${code || name || 'unknown error'})`);
}

/** The failure to report when several happened, by the coverage precedence. */
export function mostTellingFailure(failures: readonly UpstreamFailure[]): UpstreamFailure | null {
  let best: UpstreamFailure | null = null;
  for (const failure of failures) {
    if (best === null || PRECEDENCE.indexOf(failure.reason) < PRECEDENCE.indexOf(best.reason)) best = failure;
  }
  return best;
}

/**
 * The outcome for failed upstream calls. Derived identifiers read offline (a username from a
 * URL or an address) still flow to the second wave: they do not depend on the failed call.
 */
export function failedResult(failure: UpstreamFailure, derived: readonly DerivedIdentifier[]): ConnectorResult {
  return { outcome: failure.reason, findings: [], detail: failure.message, ...(derived.length > 0 ? { derived } : {}) };
}

/** What a connector learned about one of its identifiers. */
export interface IdentifierResult {
  readonly findings: readonly Finding[];
  readonly derived: readonly DerivedIdentifier[];
  /** Upstream calls for this identifier that failed; any failure discards its findings. */
  readonly failures: readonly UpstreamFailure[];
  /** Short, secret-free remarks for the outcome detail ("profile not found", "login wall"). */
  readonly notes?: readonly string[];
}

/**
 * One outcome for several identifiers. An identifier whose upstream failed was not fully
 * checked, so its findings are dropped; when no identifier was checked the failure is the
 * outcome (the source is unavailable), otherwise the checked ones are reported and the
 * failures are named in the detail.
 *
 * @example
 * combineResults([{ findings: [], derived: [], failures: [new UpstreamFailure('timeout', 'dns', 'dns did not answer')] }]).outcome // 'timeout'
 */
export function combineResults(results: readonly IdentifierResult[]): ConnectorResult {
  const derived = results.flatMap((r) => r.derived);
  const checked = results.filter((r) => r.failures.length === 0);
  const failures = results.flatMap((r) => r.failures);
  const worst = mostTellingFailure(failures);
  if (checked.length === 0 && worst !== null) return failedResult(worst, derived);
  const remarks = [...results.flatMap((r) => r.notes ?? []), ...failures.map((f) => f.message)];
  const result = found(
    checked.flatMap((r) => r.findings),
    derived,
  );
  return remarks.length > 0 ? { ...result, detail: [...new Set(remarks)].join('; ').slice(0, 500) } : result;
}

/** Milliseconds an upstream call may take: its own cap, but never past the run's deadline. */
export function timeLeft(deadline: number, capMs: number): number {
  return Math.max(1, Math.min(capMs, deadline - Date.now() - 50));
}
