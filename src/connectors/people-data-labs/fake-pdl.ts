import { FakeProvider, type FakeReply, type FakeRequest } from '../../../test/helpers/fake-http-server.ts';

export const VALID_KEY = 'pdl-test-key-0123456789';
export const KNOWN_EMAIL = 'jane.doe@example.com';

/** A person record in the shape of PDL's v5 person schema (titlecase=true), hand-made. */
const JANE = {
  id: 'qEnOZ5Oh0poWnQ1luFBfVw_0000',
  full_name: 'Jane Q. Doe',
  first_name: 'Jane',
  middle_initial: 'Q',
  middle_name: 'Quinn',
  last_initial: 'D',
  last_name: 'Doe',
  sex: 'Female',
  birth_year: 1985,
  birth_date: '1985-07-14',
  linkedin_url: 'linkedin.com/in/janedoe-example',
  linkedin_username: 'janedoe-example',
  linkedin_id: '123456789',
  facebook_url: null,
  twitter_url: 'twitter.com/janedoe_ex',
  twitter_username: 'janedoe_ex',
  github_url: null,
  work_email: 'jane@acme-widgets.example',
  personal_emails: ['jane.doe@example.com'],
  recommended_personal_email: 'jane.doe@example.com',
  mobile_phone: '+14155550123',
  industry: 'Computer Software',
  job_title: 'Head of Compliance',
  job_company_name: 'Acme Widgets',
  job_company_website: 'acme-widgets.example',
  location_name: 'San Francisco, California, United States',
  location_locality: 'San Francisco',
  location_region: 'California',
  location_country: 'United States',
  location_street_address: '455 Market St',
  location_postal_code: '94105',
  phone_numbers: ['+14155550123', '+14155550199'],
  emails: [
    { address: 'jane@acme-widgets.example', type: 'current_professional' },
    { address: 'jane.doe@example.com', type: 'personal' },
  ],
  profiles: [
    { network: 'linkedin', id: '123456789', url: 'linkedin.com/in/janedoe-example', username: 'janedoe-example' },
    { network: 'twitter', id: null, url: 'twitter.com/janedoe_ex', username: 'janedoe_ex' },
  ],
  experience: [
    {
      company: { name: 'Acme Widgets', size: '51-200', id: 'acme-widgets', founded: 2012, industry: 'Computer Software', linkedin_url: 'linkedin.com/company/acme-widgets', website: 'acme-widgets.example' },
      start_date: '2019-03',
      end_date: null,
      title: { name: 'Head of Compliance', role: 'legal', levels: ['director'] },
      is_primary: true,
    },
    {
      company: { name: 'Globex', size: '1001-5000', id: 'globex', founded: 1998, industry: 'Financial Services', linkedin_url: null, website: 'globex.example' },
      start_date: '2012-09',
      end_date: '2019-02',
      title: { name: 'Compliance Analyst', role: 'legal', levels: [] },
      is_primary: false,
    },
  ],
  education: [],
  skills: ['aml', 'kyc'],
};

export type PdlBehaviour = 'ok' | 'rate_limited' | 'out_of_credits' | 'hang';

/** A loopback PDL API v5: X-Api-Key check and person/enrich with PDL's status codes and bodies. */
export class FakePdl extends FakeProvider<PdlBehaviour> {
  private constructor() {
    super('ok', '/v5');
  }

  static start(): Promise<FakePdl> {
    return new FakePdl().listen();
  }

  protected handle(request: FakeRequest): FakeReply {
    if (request.headers['x-api-key'] !== VALID_KEY) {
      return { status: 401, body: { status: 401, error: { type: 'authentication_error', message: 'Invalid API key' } } };
    }
    if (this.behaviour === 'rate_limited') {
      return { status: 429, body: { status: 429, error: { type: 'rate_limited', message: 'Rate limit exceeded' } }, headers: { 'retry-after': '10', 'x-ratelimit-remaining': '0' } };
    }
    if (this.behaviour === 'out_of_credits') {
      return { status: 402, body: { status: 402, error: { type: 'payment_required', message: 'You have hit your account maximum for person enrichment (all matches used)' } } };
    }
    if (request.url.pathname !== '/v5/person/enrich') return { status: 404, body: { status: 404, error: { type: 'not_found', message: 'Not found' } } };
    const q = request.url.searchParams;
    if (!q.get('email') && !q.get('phone') && !q.get('profile')) {
      return { status: 400, body: { status: 400, error: { type: 'invalid_request_error', message: 'Request object must contain enough data to match' } } };
    }
    if (q.get('email')?.toLowerCase() === KNOWN_EMAIL || q.get('phone') === '+14155550123') {
      return { status: 200, body: { status: 200, likelihood: 9, data: JANE, dataset_version: '31.0' } };
    }
    return { status: 404, body: { status: 404, error: { type: 'not_found', message: 'No records were found matching your request' } } };
  }
}
