/**
 * One RDAP object query (RFC 9082) through the guarded HTTP client, with the status handling of
 * RFC 7480 §5: 200 is the object, 404 means the registry has no such object, 429 is a rate
 * limit, anything else is a failure of the source.
 */
import { type HttpClient, outcomeForStatus, type UnavailabilityReason } from '../sdk.ts';
import { UpstreamStatusError } from './upstream-gaps.ts';

export type RdapAnswer = { readonly found: true; readonly url: string; readonly body: unknown } | { readonly found: false; readonly url: string };

/**
 * The outcome an upstream's failure status stands for.
 *
 * @example
 * failureOfStatus(429) // 'rate_limited'
 * failureOfStatus(503) // 'connector_error'
 */
export function failureOfStatus(status: number): UnavailabilityReason {
  return outcomeForStatus(status, 'intrace_managed') ?? 'connector_error';
}

/**
 * Fetches `url` as RDAP JSON. Throws UpstreamStatusError on a failure status and
 * UpstreamFormatError when the body is not JSON; network errors propagate as thrown.
 *
 * @example
 * const answer = await fetchRdap(http, 'https://rdap.verisign.com/com/v1/domain/example.com', { signal, timeoutMs: 5000 });
 * if (answer.found) console.log(answer.body);
 */
export async function fetchRdap(
  http: HttpClient,
  url: string,
  options: { readonly signal: AbortSignal; readonly timeoutMs: number },
): Promise<RdapAnswer> {
  const response = await http.request(url, {
    // RFC 7480 §4.2: ask for application/rdap+json; some servers only know application/json.
    headers: { accept: 'application/rdap+json, application/json;q=0.9' },
    signal: options.signal,
    timeoutMs: options.timeoutMs,
    maxBytes: 1024 * 1024,
  });
  if (response.status === 404) return { found: false, url: response.url };
  if (response.status !== 200) {
    const retryAfter = response.headers['retry-after'];
    const host = new URL(response.url).host;
    throw new UpstreamStatusError(
      failureOfStatus(response.status),
      response.status,
      `${host} answered HTTP ${response.status}${retryAfter !== undefined ? ` (retry after ${retryAfter})` : ''}`,
    );
  }
  return { found: true, url: response.url, body: response.json() };
}
