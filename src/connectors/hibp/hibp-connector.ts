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
  type Identifier,
  UpstreamFormatError,
} from '../sdk.ts';
import { eachIdentifier, failureOf, probeReport } from '../upstream-failure.ts';
import { type Breach, breachSchema, confidenceOf, credentialOf } from './hibp-breach.ts';

const manifest = defineManifest({
  id: 'hibp',
  name: 'Have I Been Pwned (your API key)',
  description:
    'Known data breaches an email address appears in, from Have I Been Pwned API v3: breach name, date, domain and the kinds of data ' +
    'exposed (never passwords). Active only when CONNECTOR_HIBP_API_KEY is set.',
  category: 'leak_database',
  tier: 'primary',
  accepts: ['email'],
  credential_mode: 'byok',
  requires: ['CONNECTOR_HIBP_API_KEY'],
  reliability: 0.9,
  upstream: 'hibp',
});

const settings = z.object({
  CONNECTOR_HIBP_API_KEY: z.string().min(1),
  CONNECTOR_HIBP_BASE_URL: baseUrlField('https://haveibeenpwned.com/api/v3'),
  /** HIBP refuses requests without a user agent naming the consuming application. */
  CONNECTOR_HIBP_USER_AGENT: z.string().trim().min(1).default('Cairn-identity-engine'),
});
type Settings = z.output<typeof settings>;

const PROVIDER = 'Have I Been Pwned';

async function breachesOf(config: Settings, services: ConnectorServices, identifier: Identifier, signal: AbortSignal): Promise<Finding[] | ConnectorResult> {
  const url = urlWith(config.CONNECTOR_HIBP_BASE_URL, `/breachedaccount/${encodeURIComponent(identifier.normalized)}`, { truncateResponse: 'false' });
  const response = await services.http.request(url, {
    headers: { 'hibp-api-key': config.CONNECTOR_HIBP_API_KEY, 'user-agent': config.CONNECTOR_HIBP_USER_AGENT, accept: 'application/json' },
    signal,
  });
  // HIBP answers 404 when the account is in no breach: checked, nothing found.
  if (response.status === 404) return [];
  const failed = failureOf(response, PROVIDER, 'byok', services.now());
  if (failed) return failed;
  const breaches = z.array(z.unknown()).safeParse(response.json());
  if (!breaches.success) throw new UpstreamFormatError('Have I Been Pwned answered something other than an array of breaches');
  const parsed = breaches.data.flatMap((b) => {
    const breach = breachSchema.safeParse(b);
    return breach.success ? [breach.data] : [];
  });
  return findingsOf(identifier, parsed);
}

function findingsOf(identifier: Identifier, breaches: readonly Breach[]): Finding[] {
  if (breaches.length === 0) return [];
  const about = [{ type: identifier.type, normalized: identifier.normalized }];
  const credentials: Finding[] = breaches.map((breach) => ({
    kind: 'credential',
    data: credentialOf(identifier.normalized, breach),
    confidence: confidenceOf(breach),
    about,
    evidence: { url: `https://haveibeenpwned.com/PwnedWebsites#${encodeURIComponent(breach.Name)}`, matched: breach.Name },
  }));
  return [...credentials, { kind: 'indicators', data: { has_breach_records: true }, confidence: 0.9, about, evidence: { detail: `${breaches.length} breach(es) on Have I Been Pwned` } }];
}

export const hibp = defineConnector({
  manifest,
  settings,
  create(config, services): Connector {
    return {
      manifest,
      egress: [egressOf(config.CONNECTOR_HIBP_BASE_URL)],
      run: (input, ctx) => eachIdentifier(input.identifiers, (identifier) => breachesOf(config, services, identifier, ctx.signal)),
      async health(signal): Promise<HealthReport> {
        const started = performance.now();
        const response = await services.http.request(urlWith(config.CONNECTOR_HIBP_BASE_URL, '/subscription/status'), {
          headers: { 'hibp-api-key': config.CONNECTOR_HIBP_API_KEY, 'user-agent': config.CONNECTOR_HIBP_USER_AGENT },
          signal,
        });
        return probeReport(started, failureOf(response, PROVIDER, 'byok', services.now()));
      },
    };
  },
});
