import { FakeProvider, type FakeReply, type FakeRequest } from '../../../test/helpers/fake-http-server.ts';

export const VALID_KEY = 'hunter-test-key-0123456789abcdef';

/** A domain search result in the shape Hunter API v2 documents, hand-made. */
const ACME = {
  data: {
    domain: 'acme-widgets.example',
    disposable: false,
    webmail: false,
    accept_all: false,
    pattern: '{first}',
    organization: 'Acme Widgets',
    description: 'Widgets for everyone.',
    industry: 'Manufacturing',
    twitter: null,
    facebook: null,
    linkedin: 'https://www.linkedin.com/company/acme-widgets',
    instagram: null,
    youtube: null,
    technologies: [],
    country: 'US',
    state: 'CA',
    city: 'San Francisco',
    postal_code: '94105',
    street: '455 Market St',
    headcount: '51-200',
    company_type: 'privately held',
    emails: [
      {
        value: 'jane@acme-widgets.example',
        type: 'personal',
        confidence: 94,
        sources: [{ domain: 'blog.acme-widgets.example', uri: 'http://blog.acme-widgets.example/team', extracted_on: '2025-03-01', last_seen_on: '2026-10-02', still_on_page: true }],
        first_name: 'Jane',
        last_name: 'Doe',
        position: 'Head of Compliance',
        seniority: 'executive',
        department: 'legal',
        linkedin: null,
        twitter: null,
        phone_number: null,
        verification: { date: '2026-10-01', status: 'valid' },
      },
      {
        value: 'info@acme-widgets.example',
        type: 'generic',
        confidence: 71,
        sources: [],
        first_name: null,
        last_name: null,
        position: null,
        seniority: null,
        department: null,
        linkedin: null,
        twitter: null,
        phone_number: null,
        verification: { date: null, status: null },
      },
    ],
    linked_domains: [],
  },
  meta: { results: 2, limit: 10, offset: 0, params: { domain: 'acme-widgets.example', company: null, type: null, seniority: null, department: null } },
};

export type HunterBehaviour = 'ok' | 'throttled' | 'usage_exhausted' | 'hang';

/** A loopback Hunter API v2: api_key check, domain-search and account, with Hunter's error bodies. */
export class FakeHunter extends FakeProvider<HunterBehaviour> {
  private constructor() {
    super('ok', '/v2');
  }

  static start(): Promise<FakeHunter> {
    return new FakeHunter().listen();
  }

  protected handle(request: FakeRequest): FakeReply {
    if (request.url.searchParams.get('api_key') !== VALID_KEY) {
      return { status: 401, body: { errors: [{ id: 'authentication_failed', code: 401, details: 'No user found for the API key supplied' }] } };
    }
    if (this.behaviour === 'throttled') return { status: 403, body: { errors: [{ id: 'too_many_requests', code: 403, details: 'You have reached the rate limit for this endpoint' }] } };
    if (this.behaviour === 'usage_exhausted') {
      return { status: 429, body: { errors: [{ id: 'too_many_requests', code: 429, details: "You've reached the limit for the number of searches per billing period included in your plan." }] } };
    }
    if (request.url.pathname === '/v2/account') {
      return { status: 200, body: { data: { first_name: 'Test', last_name: 'User', email: 'ops@example.com', plan_name: 'Starter', requests: { searches: { used: 3, available: 500 } } } } };
    }
    if (request.url.pathname === '/v2/domain-search') {
      const domain = request.url.searchParams.get('domain');
      if (domain === 'acme-widgets.example') return { status: 200, body: ACME };
      return { status: 200, body: { data: { domain, disposable: false, webmail: false, accept_all: false, pattern: null, organization: null, emails: [], linked_domains: [] }, meta: { results: 0, limit: 10, offset: 0 } } };
    }
    return { status: 404, body: { errors: [{ id: 'route_not_found', code: 404, details: 'This route does not exist' }] } };
  }
}
