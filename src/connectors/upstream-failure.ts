import { type ConnectorResult, type Finding, found, type HealthReport, type HttpResponse, type Identifier, outcomeForStatus, unavailable } from './sdk.ts';

/**
 * Seconds to wait from a Retry-After header (delta-seconds or an HTTP date, RFC 9110 §10.2.3);
 * null when absent or unreadable.
 *
 * @example
 * retryAfterSeconds({ 'retry-after': '2' }, new Date()) // 2
 */
export function retryAfterSeconds(headers: Readonly<Record<string, string>>, now: Date): number | null {
  const value = headers['retry-after']?.trim();
  if (value === undefined || value === '') return null;
  if (/^\d+$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/**
 * The outcome for a provider's failure status, with a detail for `source_coverage` that names
 * the provider and never the key: 401/403 from a BYOK provider → credentials_invalid, 429 →
 * rate_limited (with Retry-After when given), 5xx and anything else unexpected →
 * connector_error. Null for statuses the caller handles itself (2xx, and 404 where the provider
 * uses it for "nothing found").
 */
export function failureOf(response: HttpResponse, provider: string, mode: 'intrace_managed' | 'byok', now: Date): ConnectorResult | null {
  if (response.status >= 200 && response.status < 300) return null;
  const reason = outcomeForStatus(response.status, mode);
  if (reason === 'rate_limited') return rateLimited(provider, response, now);
  if (reason === 'credentials_invalid') return unavailable('credentials_invalid', `${provider} refused the API key (HTTP ${response.status})`);
  return unavailable('connector_error', `${provider} answered HTTP ${response.status}`);
}

/** rate_limited, with how long the provider asked to wait when it said. */
export function rateLimited(provider: string, response: HttpResponse, now: Date, why = `HTTP ${response.status}`): ConnectorResult {
  const wait = retryAfterSeconds(response.headers, now);
  return unavailable('rate_limited', `rate limited by ${provider} (${why})${wait !== null ? `; retry after ${wait} s` : ''}`);
}

/**
 * One provider call per identifier, in turn (providers bill and throttle per call). The first
 * failure is the outcome of the whole call: the provider is unavailable, and findings of the
 * identifiers before it would describe a partial check as a complete one.
 */
export async function eachIdentifier(identifiers: readonly Identifier[], ask: (identifier: Identifier) => Promise<Finding[] | ConnectorResult>): Promise<ConnectorResult> {
  const findings: Finding[] = [];
  for (const identifier of identifiers) {
    const result = await ask(identifier);
    if (!Array.isArray(result)) return result;
    findings.push(...result);
  }
  return found(findings);
}

/** The health report of a provider probe that took from `startedMs` and failed with `failed` (or not). */
export function probeReport(startedMs: number, failed: ConnectorResult | null): HealthReport {
  if (failed === null) return { status: 'reachable', latency_ms: Math.round(performance.now() - startedMs), error: null };
  return { status: 'unreachable', latency_ms: null, error: failed.detail ?? 'failed', reason: failed.outcome === 'ok' || failed.outcome === 'no_data' ? 'connector_error' : failed.outcome };
}

/** A response body as JSON, or null when it is not (error bodies of providers are best-effort). */
export function jsonOrNull(response: HttpResponse): unknown {
  try {
    return response.json();
  } catch {
    return null;
  }
}
