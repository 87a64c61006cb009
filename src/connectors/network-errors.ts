import { EgressBlockedError, ResponseTooLargeError, type UnavailabilityReason, UpstreamFormatError } from './sdk.ts';

/** What went wrong with one upstream call, in the coverage vocabulary plus a short phrase. */
export interface NetworkFailure {
  readonly reason: UnavailabilityReason;
  /** Reads after the upstream's name: "no answer in time", "closed the connection (ECONNRESET)". */
  readonly what: string;
}

// Codes of node:net, node:dns (c-ares) and undici.
const TIMEOUT_CODES = new Set(['ETIMEOUT', 'ETIMEDOUT', 'ECANCELLED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
// Nothing answered on the other side: the network or a firewall stands in the way.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EREFUSED']);
// The upstream was reached and then broke the connection: a fault of the source, not of egress.
const BROKEN_CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/**
 * Classifies what a network call threw, for every connector and the runner alike, so one
 * broken upstream reads the same in every `source_coverage` detail. Null when the error is not
 * a network failure (then it is a bug of ours, reported as such by the caller).
 *
 * @example
 * classifyNetworkError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }))
 * // { reason: 'connector_error', what: 'closed the connection (UND_ERR_SOCKET)' }
 */
export function classifyNetworkError(err: unknown): NetworkFailure | null {
  if (err instanceof EgressBlockedError) return { reason: 'egress_blocked', what: err.message };
  if (err instanceof ResponseTooLargeError || err instanceof UpstreamFormatError) return { reason: 'connector_error', what: err.message };
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const name = String((err as { name?: unknown } | null)?.name ?? '');
  if (TIMEOUT_CODES.has(code) || name === 'TimeoutError' || name === 'AbortError') return { reason: 'timeout', what: 'no answer in time' };
  if (UNREACHABLE_CODES.has(code)) return { reason: 'egress_blocked', what: `unreachable (${code})` };
  if (BROKEN_CONNECTION_CODES.has(code)) return { reason: 'connector_error', what: `closed the connection (${code})` };
  if (name === 'HTTPParserError' || code.startsWith('HPE_')) return { reason: 'connector_error', what: 'answered with a malformed HTTP response' };
  return null;
}
