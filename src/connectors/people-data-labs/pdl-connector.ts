import { z } from 'zod';
import { egressOf, urlWith } from '../base-url.ts';
import {
  baseUrlField,
  type Connector,
  type ConnectorResult,
  defineConnector,
  defineManifest,
  type DerivedIdentifier,
  type Finding,
  type FindingSubject,
  found,
  type HealthReport,
  type HttpResponse,
  type Identifier,
  intField,
  UpstreamFormatError,
} from '../sdk.ts';
import { failureOf, probeReport, rateLimited } from '../upstream-failure.ts';
import { enrichResponseSchema, pdlPersonSchema, type PersonSections, sectionsOf } from './pdl-person.ts';

const manifest = defineManifest({
  id: 'people_data_labs',
  name: 'People Data Labs person enrichment (your API key)',
  description:
    'Person enrichment from People Data Labs API v5 by email, phone or profile URL: name, date of birth, phones, emails, location, ' +
    'employment history and social profiles. Billed per match, so it runs at depth deep. Active only when CONNECTOR_PDL_API_KEY is set.',
  category: 'person_data',
  // Each match costs a credit: deep lookups only (SPEC §8.4, "slower and costlier").
  tier: 'secondary',
  accepts: ['email', 'phone', 'social_url'],
  accepts_derived: ['email', 'social_url'],
  credential_mode: 'byok',
  requires: ['CONNECTOR_PDL_API_KEY'],
  reliability: 0.75,
  upstream: 'people_data_labs',
});

const settings = z.object({
  CONNECTOR_PDL_API_KEY: z.string().min(1),
  CONNECTOR_PDL_BASE_URL: baseUrlField('https://api.peopledatalabs.com/v5'),
  /** PDL's own match likelihood (1–10) below which it returns no match (and charges nothing). */
  CONNECTOR_PDL_MIN_LIKELIHOOD: intField(1, 10, 6),
});
type Settings = z.output<typeof settings>;

const PROVIDER = 'People Data Labs';
const PARAM: Readonly<Record<string, string>> = { email: 'email', phone: 'phone', social_url: 'profile' };

/** PDL: 402 means the account has no credits left; that is an exhausted allowance, not a bad key. */
function failure(response: HttpResponse, now: Date): ConnectorResult | null {
  if (response.status === 402) return rateLimited(PROVIDER, response, now, 'HTTP 402: account out of credits');
  return failureOf(response, PROVIDER, 'byok', now);
}

/**
 * One enrichment call per lookup: PDL matches a single person, and every identifier the caller
 * gave (the first of each type) is evidence for the same match.
 */
function requestUrl(config: Settings, identifiers: readonly Identifier[]): string {
  const params: Record<string, string | number> = { min_likelihood: config.CONNECTOR_PDL_MIN_LIKELIHOOD, titlecase: 'true' };
  for (const identifier of identifiers) {
    const name = PARAM[identifier.type];
    if (name !== undefined && params[name] === undefined) params[name] = identifier.normalized;
  }
  return urlWith(config.CONNECTOR_PDL_BASE_URL, '/person/enrich', params);
}

function findingsOf(sections: PersonSections, about: readonly FindingSubject[], confidence: number): Finding[] {
  const evidence = { method: 'People Data Labs person enrichment' };
  const out: Finding[] = [];
  if (sections.person) out.push({ kind: 'person', data: sections.person, confidence, about, evidence });
  for (const data of sections.phones) out.push({ kind: 'phone', data, confidence, about, evidence });
  for (const data of sections.emails) out.push({ kind: 'email', data, confidence, about, evidence });
  for (const data of sections.addresses) out.push({ kind: 'address', data, confidence, about, evidence });
  for (const data of sections.organizations) out.push({ kind: 'organization', data, confidence, about, evidence });
  for (const data of sections.socialProfiles) out.push({ kind: 'social_profile', data, confidence, about, evidence: { ...evidence, ...(data.profile_url ? { url: data.profile_url } : {}) } });
  return out;
}

/** Emails and profile URLs PDL knew of, for the second wave of a deep lookup. */
function derivedOf(sections: PersonSections, asked: readonly Identifier[]): DerivedIdentifier[] {
  const known = new Set(asked.map((i) => i.normalized.toLowerCase()));
  const emails = sections.emails.map((e) => ({ type: 'email' as const, value: e.email }));
  const profiles = sections.socialProfiles.flatMap((p) => (p.profile_url ? [{ type: 'social_url' as const, value: p.profile_url }] : []));
  return [...emails, ...profiles].filter((d) => !known.has(d.value.toLowerCase())).slice(0, 10);
}

export const peopleDataLabs = defineConnector({
  manifest,
  settings,
  create(config, services): Connector {
    const headers = { 'x-api-key': config.CONNECTOR_PDL_API_KEY, accept: 'application/json' };
    return {
      manifest,
      egress: [egressOf(config.CONNECTOR_PDL_BASE_URL)],
      async run(input, ctx): Promise<ConnectorResult> {
        const response = await services.http.request(requestUrl(config, input.identifiers), { headers, signal: ctx.signal });
        // 404: no person at or above the likelihood floor (not charged).
        if (response.status === 404) return found([]);
        const failed = failure(response, services.now());
        if (failed) return failed;
        const body = enrichResponseSchema.safeParse(response.json());
        const person = body.success ? pdlPersonSchema.safeParse(body.data.data) : null;
        if (!body.success || !person?.success) throw new UpstreamFormatError('People Data Labs answered without a person record');
        const sections = sectionsOf(person.data);
        const confidence = Math.min(0.95, Math.max(0.3, (body.data.likelihood ?? 5) / 10));
        const about = input.identifiers.map((i) => ({ type: i.type, normalized: i.normalized }));
        return found(findingsOf(sections, about, confidence), derivedOf(sections, input.identifiers));
      },
      async health(signal): Promise<HealthReport> {
        // An enrichment without parameters is refused with 400 before any match or charge; a bad
        // key is refused with 401 first. That tells reachability and key validity for free.
        const started = performance.now();
        const response = await services.http.request(urlWith(config.CONNECTOR_PDL_BASE_URL, '/person/enrich'), { headers, signal });
        return probeReport(started, response.status === 400 ? null : failure(response, services.now()));
      },
    };
  },
});
