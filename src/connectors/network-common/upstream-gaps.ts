/**
 * Partial results for connectors that read several upstreams in one call (DNS, RDAP, WHOIS, a
 * TLS host). Each upstream that could not be read becomes a gap with the outcome it would have
 * caused on its own; the call is `ok` when anything was found (the gaps go into `detail`) and
 * takes the most telling gap's outcome only when nothing was found.
 */
import { classifyNetworkError } from '../network-errors.ts';
import { type ConnectorResult, type DerivedIdentifier, type Finding, found, type UnavailabilityReason, unavailable } from '../sdk.ts';

/** One upstream that could not be read in this call. */
export interface UpstreamGap {
  /** Short name of the upstream, e.g. `rdap`, `dns`, `whois`. */
  readonly upstream: string;
  readonly reason: UnavailabilityReason;
  readonly detail: string;
}

/** An upstream answered with a status that is a failure of the source (429, 5xx, 403 …). */
export class UpstreamStatusError extends Error {
  readonly code = 'UPSTREAM_STATUS';
  constructor(
    readonly reason: UnavailabilityReason,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UpstreamStatusError';
  }
}

/**
 * Maps what a network call threw to a gap. Same vocabulary as the runner: a refused or
 * unreachable upstream is `egress_blocked`, a slow one `timeout`, a broken one `connector_error`.
 *
 * @example
 * gapOf('rdap', new UpstreamStatusError('rate_limited', 429, 'HTTP 429')).reason // 'rate_limited'
 */
export function gapOf(upstream: string, err: unknown): UpstreamGap {
  if (err instanceof UpstreamStatusError) return { upstream, reason: err.reason, detail: `${upstream}: ${err.message}` };
  const failure = classifyNetworkError(err);
  if (failure !== null) return { upstream, reason: failure.reason, detail: `${upstream}: ${failure.what}` };
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return { upstream, reason: 'connector_error', detail: `${upstream}: failed${code !== '' ? ` (${code})` : ''}` };
}

// When nothing was found, the gap an operator most needs to hear about decides the outcome.
const PRECEDENCE: readonly UnavailabilityReason[] = ['rate_limited', 'timeout', 'egress_blocked', 'credentials_invalid', 'connector_error'];

/**
 * The call's result from its findings, its gaps and free-text notes (e.g. "not registered").
 *
 * @example
 * settleResult([], [{ upstream: 'rdap', reason: 'timeout', detail: 'rdap: no answer in time' }]).outcome // 'timeout'
 */
export function settleResult(
  findings: readonly Finding[],
  gaps: readonly UpstreamGap[],
  options: { readonly notes?: readonly string[]; readonly derived?: readonly DerivedIdentifier[] } = {},
): ConnectorResult {
  const lines = [...new Set([...gaps.map((g) => g.detail), ...(options.notes ?? [])])];
  const detail = lines.length > 0 ? lines.join('; ').slice(0, 500) : undefined;
  if (findings.length === 0 && gaps.length > 0) {
    const reason = PRECEDENCE.find((r) => gaps.some((g) => g.reason === r)) ?? 'connector_error';
    return unavailable(reason, detail ?? reason);
  }
  const result = found(findings, options.derived);
  return detail !== undefined ? { ...result, detail } : result;
}

/**
 * How long one upstream call may take: its configured timeout, cut so the connector still
 * returns before its deadline with what the other upstreams gave (a part that overruns the
 * runner's timer would lose the whole call's findings, not only its own).
 *
 * @example
 * partBudgetMs(Date.now() + 10_000, 3000) // 3000
 * partBudgetMs(Date.now() + 1000, 3000)   // about 900
 */
export function partBudgetMs(deadline: number, configuredMs: number, now: number = Date.now()): number {
  const remaining = deadline - now;
  const margin = Math.min(500, Math.max(50, remaining * 0.1));
  return Math.max(1, Math.min(configuredMs, Math.floor(remaining - margin)));
}
