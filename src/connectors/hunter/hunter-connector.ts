import { z } from 'zod';
import { egressOf, urlWith } from '../base-url.ts';
import {
  baseUrlField,
  type Connector,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type Finding,
  type HealthReport,
  type HttpResponse,
  type Identifier,
  intField,
  unavailable,
  UpstreamFormatError,
} from '../sdk.ts';
import { eachIdentifier, failureOf, jsonOrNull, probeReport, rateLimited } from '../upstream-failure.ts';
import { domainSearchSchema, emailOf, errorsSchema, organizationOf } from './hunter-domain-search.ts';

const manifest = defineManifest({
  id: 'hunter',
  name: 'Hunter.io domain search (your API key)',
  description:
    'Email addresses found on the public web for a domain, from Hunter API v2 domain search: address, type, Hunter confidence, ' +
    "owner's name and position, and the organisation. Billed per search, so it runs at depth deep. Active only when CONNECTOR_HUNTER_API_KEY is set.",
  category: 'person_data',
  tier: 'secondary',
  accepts: ['domain'],
  credential_mode: 'byok',
  requires: ['CONNECTOR_HUNTER_API_KEY'],
  reliability: 0.7,
  upstream: 'hunter',
});

const settings = z.object({
  CONNECTOR_HUNTER_API_KEY: z.string().min(1),
  CONNECTOR_HUNTER_BASE_URL: baseUrlField('https://api.hunter.io/v2'),
  /** Email addresses asked for per domain (Hunter bills by result page). */
  CONNECTOR_HUNTER_LIMIT: intField(1, 100, 10),
});
type Settings = z.output<typeof settings>;

const PROVIDER = 'Hunter';

/**
 * Hunter answers 401 for a bad key, 403 when the per-second or per-minute rate limit is hit
 * ("You have reached the rate limit") and 429 when the plan's monthly usage is spent; the 403
 * is read from its error id or details, so a throttled key is not reported as a wrong one.
 */
function failure(response: HttpResponse, now: Date): ConnectorResult | null {
  if (response.status === 403) {
    const body = errorsSchema.safeParse(jsonOrNull(response));
    const first = body.success ? body.data.errors[0] : undefined;
    if (first !== undefined && /rate|limit/i.test(`${first.id} ${first.details ?? ''}`)) return rateLimited(PROVIDER, response, now, `HTTP 403: ${first.details ?? first.id}`);
  }
  if (response.status === 400 || response.status === 422) return unavailable('connector_error', `${PROVIDER} refused the request (HTTP ${response.status})`);
  return failureOf(response, PROVIDER, 'byok', now);
}

async function searchDomain(config: Settings, services: ConnectorServices, identifier: Identifier, signal: AbortSignal): Promise<Finding[] | ConnectorResult> {
  // The key travels in the query string as Hunter documents; the URL is never logged or cited.
  const url = urlWith(config.CONNECTOR_HUNTER_BASE_URL, '/domain-search', { domain: identifier.normalized, limit: config.CONNECTOR_HUNTER_LIMIT, api_key: config.CONNECTOR_HUNTER_API_KEY });
  const response = await services.http.request(url, { headers: { accept: 'application/json' }, signal });
  const failed = failure(response, services.now());
  if (failed) return failed;
  const search = domainSearchSchema.safeParse(response.json());
  if (!search.success) throw new UpstreamFormatError('Hunter answered without data.emails');
  const about = [{ type: identifier.type, normalized: identifier.normalized }];
  const emails: Finding[] = search.data.data.emails.map((email) => ({
    kind: 'email',
    data: emailOf(email),
    // Hunter's own 0–100 confidence that the address exists, scaled to the engine's trust.
    confidence: Math.round(Math.min(100, Math.max(0, email.confidence ?? 50)) * 0.009 * 1000) / 1000,
    about,
    evidence: { ...(email.sources?.[0]?.uri ? { url: email.sources[0].uri } : {}), matched: email.value, method: 'Hunter domain search' },
  }));
  const organization = organizationOf(search.data);
  return organization ? [...emails, { kind: 'organization', data: organization, confidence: 0.7, about, evidence: { method: 'Hunter domain search' } }] : emails;
}

export const hunter = defineConnector({
  manifest,
  settings,
  create(config, services): Connector {
    return {
      manifest,
      egress: [egressOf(config.CONNECTOR_HUNTER_BASE_URL)],
      run: (input, ctx) => eachIdentifier(input.identifiers, (identifier) => searchDomain(config, services, identifier, ctx.signal)),
      async health(signal): Promise<HealthReport> {
        const started = performance.now();
        const response = await services.http.request(urlWith(config.CONNECTOR_HUNTER_BASE_URL, '/account', { api_key: config.CONNECTOR_HUNTER_API_KEY }), { signal });
        return probeReport(started, failure(response, services.now()));
      },
    };
  },
});
