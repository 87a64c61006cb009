import { getDomainWithoutSuffix } from 'tldts';
import { z } from 'zod';
import { isSameCompactName, nameFromDomainLabel, organizationNameScore } from '../../matching/organization-match.ts';
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
  intField,
  type RunContext,
  UpstreamFormatError,
} from '../sdk.ts';
import { eachIdentifier, failureOf, probeReport } from '../upstream-failure.ts';
import { fuzzyCompletionsSchema, type LeiRecord, leiRecordSchema, leiRecordsResponseSchema, organizationOf } from './gleif-record.ts';

const manifest = defineManifest({
  id: 'business_registry_gleif',
  name: 'GLEIF Legal Entity Identifier records',
  description:
    "Company records from the Global LEI Index (GLEIF's public API, no key): legal name, jurisdiction, local registration number, " +
    'entity status, creation date and registered address. A domain is searched by the company name its label suggests; GLEIF itself holds no domains.',
  category: 'business_data',
  tier: 'primary',
  accepts: ['company_name', 'domain'],
  credential_mode: 'intrace_managed',
  // LEI reference data is validated by the issuing organisations against local registries.
  reliability: 0.9,
  upstream: 'gleif',
});

const settings = z.object({
  CONNECTOR_GLEIF_BASE_URL: baseUrlField('https://api.gleif.org/api/v1'),
  /** Records returned per identifier, best matches first. */
  CONNECTOR_GLEIF_MAX_RESULTS: intField(1, 50, 5),
});
type Settings = z.output<typeof settings>;

/** Below this name score a record is not the company asked for. */
const NAME_MATCH_FLOOR = 0.8;
const SEARCH_PAGE = 20;

type Search = { ok: true; records: LeiRecord[] } | { ok: false; result: ConnectorResult };

class Gleif {
  constructor(
    readonly settings: Settings,
    readonly services: ConnectorServices,
  ) {}

  async get(path: string, params: Record<string, string | number>, signal: AbortSignal): Promise<{ ok: true; body: unknown } | { ok: false; result: ConnectorResult }> {
    const response = await this.services.http.request(urlWith(this.settings.CONNECTOR_GLEIF_BASE_URL, path, params), {
      headers: { accept: 'application/vnd.api+json' },
      signal,
    });
    const failure = failureOf(response, 'GLEIF', 'intrace_managed', this.services.now());
    return failure ? { ok: false, result: failure } : { ok: true, body: response.json() };
  }

  /** Full-text search; when it finds nothing, GLEIF's fuzzy completions of the legal name. */
  async search(name: string, signal: AbortSignal): Promise<Search> {
    const full = await this.get('/lei-records', { 'filter[fulltext]': name, 'page[size]': SEARCH_PAGE }, signal);
    if (!full.ok) return full;
    const records = parseRecords(full.body);
    if (records.length > 0) return { ok: true, records };
    const fuzzy = await this.get('/fuzzycompletions', { field: 'entity.legalName', q: name }, signal);
    if (!fuzzy.ok) return fuzzy;
    const completions = fuzzyCompletionsSchema.safeParse(fuzzy.body);
    if (!completions.success) throw new UpstreamFormatError('GLEIF fuzzy completions answered an unexpected shape');
    const leis = completions.data.data.flatMap((d) => (d.relationships ? [d.relationships['lei-records'].data.id] : []));
    if (leis.length === 0) return { ok: true, records: [] };
    const byLei = await this.get('/lei-records', { 'filter[lei]': leis.slice(0, SEARCH_PAGE).join(','), 'page[size]': SEARCH_PAGE }, signal);
    return byLei.ok ? { ok: true, records: parseRecords(byLei.body) } : byLei;
  }
}

function parseRecords(body: unknown): LeiRecord[] {
  const page = leiRecordsResponseSchema.safeParse(body);
  if (!page.success) throw new UpstreamFormatError('GLEIF answered without a JSON:API data array');
  return page.data.data.flatMap((item) => {
    const record = leiRecordSchema.safeParse(item);
    return record.success ? [record.data] : [];
  });
}

function finding(record: LeiRecord, identifier: Identifier, confidence: number, detail: string): Finding {
  return {
    kind: 'organization',
    data: organizationOf(record),
    confidence,
    about: [{ type: identifier.type, normalized: identifier.normalized }],
    evidence: { url: `https://search.gleif.org/#/record/${record.attributes.lei}`, matched: record.attributes.entity.legalName.name, detail },
  };
}

async function forCompanyName(gleif: Gleif, identifier: Identifier, signal: AbortSignal): Promise<Finding[] | ConnectorResult> {
  const search = await gleif.search(identifier.normalized, signal);
  if (!search.ok) return search.result;
  return search.records
    .map((record) => ({ record, score: organizationNameScore(identifier.normalized, [record.attributes.entity.legalName.name, ...(record.attributes.entity.otherNames ?? []).map((n) => n.name)]) }))
    .filter((r) => r.score >= NAME_MATCH_FLOOR)
    .sort((a, b) => b.score - a.score)
    .slice(0, gleif.settings.CONNECTOR_GLEIF_MAX_RESULTS)
    .map((r) => finding(r.record, identifier, Math.round(0.9 * r.score * 1000) / 1000, `legal name matches "${identifier.normalized}" with score ${r.score}`));
}

/**
 * GLEIF has no website or domain field, so a domain can only be tried as a name: its label
 * ("acme-widgets" of acme-widgets.co.uk) is searched, and only records whose legal name is that
 * label exactly (legal form, spaces and punctuation aside) are kept, at low confidence.
 */
async function forDomain(gleif: Gleif, identifier: Identifier, signal: AbortSignal): Promise<Finding[] | ConnectorResult> {
  const label = getDomainWithoutSuffix(identifier.normalized);
  if (label === null || label.length < 3) return [];
  const search = await gleif.search(nameFromDomainLabel(label), signal);
  if (!search.ok) return search.result;
  return search.records
    .filter((record) => isSameCompactName(record.attributes.entity.legalName.name, label))
    .slice(0, gleif.settings.CONNECTOR_GLEIF_MAX_RESULTS)
    .map((record) => finding(record, identifier, 0.4, `legal name equals the domain label "${label}"; GLEIF holds no domain data, so this is a name guess`));
}

export const businessRegistryGleif = defineConnector({
  manifest,
  settings,
  create(config, services): Connector {
    const gleif = new Gleif(config, services);
    return {
      manifest,
      egress: [egressOf(config.CONNECTOR_GLEIF_BASE_URL)],
      run: (input, ctx: RunContext) =>
        eachIdentifier(input.identifiers, (identifier) => (identifier.type === 'domain' ? forDomain(gleif, identifier, ctx.signal) : forCompanyName(gleif, identifier, ctx.signal))),
      async health(signal): Promise<HealthReport> {
        const started = performance.now();
        const probe = await gleif.get('/lei-records', { 'page[size]': 1 }, signal);
        return probeReport(started, probe.ok ? null : probe.result);
      },
    };
  },
});
