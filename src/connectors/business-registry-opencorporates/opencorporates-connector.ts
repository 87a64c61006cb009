import { z } from 'zod';
import { organizationNameScore } from '../../matching/organization-match.ts';
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
  UpstreamFormatError,
} from '../sdk.ts';
import { eachIdentifier, failureOf, jsonOrNull, probeReport, rateLimited } from '../upstream-failure.ts';
import { type Company, companySchema, errorBodySchema, organizationOf, searchResponseSchema } from './opencorporates-company.ts';

const manifest = defineManifest({
  id: 'business_registry_opencorporates',
  name: 'OpenCorporates company search (your API key)',
  description:
    'Company records from OpenCorporates, which aggregates official company registries worldwide: jurisdiction, company number, status, ' +
    'incorporation date and registered address. Active only when CONNECTOR_OPENCORPORATES_API_KEY is set.',
  category: 'business_data',
  tier: 'primary',
  accepts: ['company_name'],
  credential_mode: 'byok',
  requires: ['CONNECTOR_OPENCORPORATES_API_KEY'],
  // Registry data, republished; some jurisdictions lag their registry by days or weeks.
  reliability: 0.85,
  upstream: 'opencorporates',
});

const settings = z.object({
  CONNECTOR_OPENCORPORATES_API_KEY: z.string().min(1),
  CONNECTOR_OPENCORPORATES_BASE_URL: baseUrlField('https://api.opencorporates.com/v0.4'),
  CONNECTOR_OPENCORPORATES_MAX_RESULTS: intField(1, 30, 5),
});
type Settings = z.output<typeof settings>;

const NAME_MATCH_FLOOR = 0.8;
const PROVIDER = 'OpenCorporates';

/**
 * OpenCorporates answers 401 for a bad token and 403 both for a token without access and for
 * an exhausted call allowance; the message tells which.
 */
function failure(response: HttpResponse, now: Date): ConnectorResult | null {
  if (response.status === 403) {
    const body = errorBodySchema.safeParse(jsonOrNull(response));
    const message = body.success ? body.data.error.message : '';
    if (/limit|exceed|quota|too many/i.test(message)) return rateLimited(PROVIDER, response, now, `HTTP 403: ${message}`);
  }
  return failureOf(response, PROVIDER, 'byok', now);
}

async function search(config: Settings, services: ConnectorServices, identifier: Identifier, signal: AbortSignal): Promise<Finding[] | ConnectorResult> {
  // The token travels in the query string (OpenCorporates has no header for it): the URL is
  // therefore never logged or put in evidence; findings cite the company's public page.
  const url = urlWith(config.CONNECTOR_OPENCORPORATES_BASE_URL, '/companies/search', { q: identifier.normalized, per_page: 30, api_token: config.CONNECTOR_OPENCORPORATES_API_KEY });
  const response = await services.http.request(url, { headers: { accept: 'application/json' }, signal });
  const failed = failure(response, services.now());
  if (failed) return failed;
  const page = searchResponseSchema.safeParse(response.json());
  if (!page.success) throw new UpstreamFormatError('OpenCorporates answered without results.companies');
  const companies = page.data.results.companies.flatMap((c) => {
    const company = companySchema.safeParse(c.company);
    return company.success ? [company.data] : [];
  });
  return companies
    .map((company: Company) => ({ company, score: organizationNameScore(identifier.normalized, [company.name, ...(company.previous_names ?? []).map((p) => p.company_name)]) }))
    .filter((c) => c.score >= NAME_MATCH_FLOOR)
    .sort((a, b) => b.score - a.score)
    .slice(0, config.CONNECTOR_OPENCORPORATES_MAX_RESULTS)
    .map(({ company, score }) => ({
      kind: 'organization' as const,
      data: organizationOf(company),
      confidence: Math.round(0.85 * score * 1000) / 1000,
      about: [{ type: identifier.type, normalized: identifier.normalized }],
      evidence: { ...(company.opencorporates_url ? { url: company.opencorporates_url } : {}), matched: company.name, detail: `company name matches "${identifier.normalized}" with score ${score}` },
    }));
}

export const businessRegistryOpencorporates = defineConnector({
  manifest,
  settings,
  create(config, services): Connector {
    return {
      manifest,
      egress: [egressOf(config.CONNECTOR_OPENCORPORATES_BASE_URL)],
      run: (input, ctx) => eachIdentifier(input.identifiers, (identifier) => search(config, services, identifier, ctx.signal)),
      async health(signal): Promise<HealthReport> {
        const started = performance.now();
        const response = await services.http.request(urlWith(config.CONNECTOR_OPENCORPORATES_BASE_URL, '/account_status', { api_token: config.CONNECTOR_OPENCORPORATES_API_KEY }), { signal });
        return probeReport(started, failure(response, services.now()));
      },
    };
  },
});

