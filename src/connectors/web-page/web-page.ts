import { z } from 'zod';
import {
  httpUrlField,
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type HealthReport,
  type HttpResponse,
  type Identifier,
  intField,
  type RunContext,
} from '../sdk.ts';
import { egressOf } from '../base-url.ts';
import { combineResults, failureOfError, failureOfStatus, type IdentifierResult, timeLeft, UpstreamFailure } from '../web-common/upstream-failure.ts';
import { extractFromHtml } from './page-extraction.ts';

const manifest = defineManifest({
  id: 'web_page',
  name: 'Web page reader',
  description:
    'Fetches a web page (SSRF-guarded, size-capped) and reads what it says about whom it presents: title, description, OpenGraph, ' +
    'Twitter card, canonical, JSON-LD Person and Organization, rel=me and social links, published emails and phone numbers.',
  category: 'web_search',
  tier: 'primary',
  accepts: ['url'],
  credential_mode: 'intrace_managed',
  // A page says what its author wants said; what it links and publishes is a claim.
  reliability: 0.7,
});

const settings = z.object({
  CONNECTOR_WEB_PAGE_MAX_BYTES: intField(16 * 1024, 32 * 1024 * 1024, 2 * 1024 * 1024),
  CONNECTOR_WEB_PAGE_TIMEOUT_MS: intField(100, 60_000, 8000),
  CONNECTOR_WEB_PAGE_MAX_REDIRECTS: intField(0, 20, 5),
  CONNECTOR_WEB_PAGE_USER_AGENT: z.string().default(''),
  CONNECTOR_WEB_PAGE_HEALTH_URL: httpUrlField('https://example.com/'),
});
type Settings = z.output<typeof settings>;

const HTML_TYPES = /^(?:text\/html|application\/xhtml\+xml)\b/i;

export const webPage = defineConnector({
  manifest,
  settings,
  create(config: Settings, services: ConnectorServices): Connector {
    const fetchPage = (url: string, signal: AbortSignal, timeoutMs: number): Promise<HttpResponse> =>
      services.http.request(url, {
        signal,
        timeoutMs,
        // A page longer than the cap is read up to the cap: the head, where metadata lives, comes first.
        maxBytes: config.CONNECTOR_WEB_PAGE_MAX_BYTES,
        onOverflow: 'truncate',
        maxRedirects: config.CONNECTOR_WEB_PAGE_MAX_REDIRECTS,
        headers: {
          accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-language': 'en;q=0.8, *;q=0.5',
          ...(config.CONNECTOR_WEB_PAGE_USER_AGENT !== '' ? { 'user-agent': config.CONNECTOR_WEB_PAGE_USER_AGENT } : {}),
        },
      });
    return {
      manifest,
      // Pages are wherever the caller's URLs point: the only fixed target is the health page.
      egress: [egressOf(config.CONNECTOR_WEB_PAGE_HEALTH_URL)],
      async run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> {
        const read = (identifier: Identifier): Promise<IdentifierResult> =>
          readPage(identifier, (url) => fetchPage(url, ctx.signal, timeLeft(ctx.deadline, config.CONNECTOR_WEB_PAGE_TIMEOUT_MS)));
        return combineResults(await Promise.all(input.identifiers.map(read)));
      },
      async health(signal: AbortSignal): Promise<HealthReport> {
        const started = performance.now();
        try {
          const response = await fetchPage(config.CONNECTOR_WEB_PAGE_HEALTH_URL, signal, config.CONNECTOR_WEB_PAGE_TIMEOUT_MS);
          const failure = failureOfStatus(response.status, response.headers, 'health page');
          if (failure !== null) return { status: 'unreachable', latency_ms: null, error: failure.message, reason: failure.reason };
          return { status: 'reachable', latency_ms: Math.round(performance.now() - started), error: null };
        } catch (err) {
          const failure = failureOfError(err, 'health page');
          return { status: 'unreachable', latency_ms: null, error: failure.message, reason: failure.reason };
        }
      },
    };
  },
});

async function readPage(identifier: Identifier, fetchPage: (url: string) => Promise<HttpResponse>): Promise<IdentifierResult> {
  let response: HttpResponse;
  try {
    response = await fetchPage(identifier.normalized);
  } catch (err) {
    return { findings: [], derived: [], failures: [failureOfError(err, hostOf(identifier.normalized))] };
  }
  const host = hostOf(response.url);
  const failure = failureOfStatus(response.status, response.headers, host) ?? refusal(response, host);
  if (failure !== null) return { findings: [], derived: [], failures: [failure] };
  if (response.status === 404 || response.status === 410) return { findings: [], derived: [], failures: [], notes: [`${host}: page not found (HTTP ${response.status})`] };
  if (response.status < 200 || response.status >= 300) return { findings: [], derived: [], failures: [], notes: [`${host}: HTTP ${response.status}, no page to read`] };
  const contentType = response.headers['content-type'] ?? null;
  if (!isHtml(contentType, response.body)) {
    return { findings: [], derived: [], failures: [], notes: [`${host}: content type ${contentType ?? 'unknown'} is not HTML; not read`] };
  }
  const text = response.text();
  // Random or compressed bytes under an HTML type: a broken upstream, not a page to quote.
  if (looksBinary(text)) return { findings: [], derived: [], failures: [new UpstreamFailure('connector_error', host, `${host}: body declared ${contentType ?? 'HTML'} is binary data`)] };
  const facts = { url: response.url, status: response.status, contentType, redirects: response.redirects, truncated: response.truncated };
  const { findings, derived } = extractFromHtml(text, facts, { type: 'url', normalized: identifier.normalized });
  return { findings, derived, failures: [], ...(response.truncated ? { notes: [`${host}: page truncated at the size cap`] } : {}) };
}

/** Statuses that mean the site refused us rather than that the page is missing. */
function refusal(response: HttpResponse, host: string): UpstreamFailure | null {
  if (response.status === 401 || response.status === 403) return new UpstreamFailure('connector_error', host, `${host} refused access (HTTP ${response.status})`);
  if (response.status >= 300 && response.status < 400) return new UpstreamFailure('connector_error', host, `${host}: redirect limit reached (HTTP ${response.status})`);
  return null;
}

// Control characters other than tab, line feed, form feed and carriage return, and U+FFFD
// (what a decoder puts for bytes that are not text in the page's charset).
const NOT_TEXT = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]/g;

/**
 * True when more than a tenth of the first 4,096 characters are not text. Real pages in any
 * charset stay far below (a stray replacement character or two); random bytes are near half.
 *
 * @example
 * looksBinary('<html><body>Jane Doe</body></html>') // false
 */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.length > 0 && (head.match(NOT_TEXT)?.length ?? 0) > head.length / 10;
}

/** Declared HTML, or undeclared content that starts like HTML. */
function isHtml(contentType: string | null, body: Buffer): boolean {
  if (contentType !== null && contentType.trim() !== '') return HTML_TYPES.test(contentType.trim());
  return /^\s*(?:<!doctype html|<html|<head|<body)/i.test(body.subarray(0, 512).toString('latin1'));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'page';
  }
}
