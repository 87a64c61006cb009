import { FakeProvider, type FakeReply, type FakeRequest } from '../../../test/helpers/fake-http-server.ts';

export const VALID_TOKEN = 'oc-test-token-0123456789';

/** Hand-made companies in OpenCorporates' API v0.4 shape. */
const COMPANIES = [
  company('ACME CORPORATION', '2345678', 'us_de', { incorporation_date: '1999-04-01', current_status: 'Active', company_type: 'Corporation', registered_address_in_full: '1209 ORANGE STREET, WILMINGTON, DE, 19801' }),
  company('ACME CORPORATION LIMITED', '04567890', 'gb', { incorporation_date: '2002-10-14', current_status: 'Dissolved', company_type: 'Private Limited Company', dissolution_date: '2015-06-30', inactive: true, registered_address_in_full: '10 High Street, Reading, RG1 1AA', previous_names: [{ company_name: 'ACME TRADING LIMITED', start_date: '2002-10-14', end_date: '2009-01-01' }] }),
  company('ACME ROCKET SUPPLIES INC.', 'C3456789', 'us_ca', { incorporation_date: '2011-02-02', current_status: 'Active', company_type: 'Stock Corporation' }),
];

function company(name: string, number: string, jurisdiction: string, extra: Record<string, unknown>) {
  return {
    company: {
      name,
      company_number: number,
      jurisdiction_code: jurisdiction,
      incorporation_date: null,
      dissolution_date: null,
      company_type: null,
      registry_url: `https://registry.example/${jurisdiction}/${number}`,
      branch: null,
      branch_status: null,
      inactive: false,
      current_status: null,
      created_at: '2012-01-01T00:00:00+00:00',
      updated_at: '2026-10-01T00:00:00+00:00',
      retrieved_at: '2026-09-30T00:00:00+00:00',
      opencorporates_url: `https://opencorporates.com/companies/${jurisdiction}/${number}`,
      previous_names: [],
      source: { publisher: 'Registry', url: `https://registry.example/${jurisdiction}`, retrieved_at: '2026-09-30T00:00:00+00:00' },
      registered_address: null,
      registered_address_in_full: null,
      industry_codes: [],
      restricted_for_marketing: null,
      native_company_number: null,
      ...extra,
    },
  };
}

export type OpenCorporatesBehaviour = 'ok' | 'rate_limited' | 'quota_exceeded' | 'hang';

/** A loopback OpenCorporates API v0.4: token check, companies/search, account_status. */
export class FakeOpenCorporates extends FakeProvider<OpenCorporatesBehaviour> {
  private constructor() {
    super('ok', '/v0.4');
  }

  static start(): Promise<FakeOpenCorporates> {
    return new FakeOpenCorporates().listen();
  }

  protected handle(request: FakeRequest): FakeReply {
    if (request.url.searchParams.get('api_token') !== VALID_TOKEN) return { status: 401, body: { error: { message: 'Invalid Api Token' } } };
    if (this.behaviour === 'rate_limited') return { status: 429, body: { error: { message: 'Too many requests' } }, headers: { 'retry-after': '30' } };
    if (this.behaviour === 'quota_exceeded') return { status: 403, body: { error: { message: 'Usage limits exceeded for this account' } } };
    if (request.url.pathname === '/v0.4/account_status') {
      return { status: 200, body: { api_version: '0.4', results: { account_status: { plan: 'open_data', status: 'approved', usage: { today: 3, this_month: 120 }, calls_remaining: { today: 197, this_month: 4880 } } } } };
    }
    if (request.url.pathname === '/v0.4/companies/search') {
      const words = (request.url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter((w) => w.length > 0);
      const hits = COMPANIES.filter((c) => words.some((w) => c.company.name.toLowerCase().includes(w)));
      return { status: 200, body: { api_version: '0.4', results: { companies: hits, page: 1, per_page: 30, total_pages: 1, total_count: hits.length } } };
    }
    return { status: 404, body: { error: { message: 'Not found' } } };
  }
}
