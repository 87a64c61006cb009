import { FakeProvider, type FakeReply, type FakeRequest } from '../../../test/helpers/fake-http-server.ts';

export const VALID_KEY = 'hibp-test-key-0123456789abcdef';
export const PWNED_EMAIL = 'pwned@example.com';

/** Breach models as HIBP API v3 documents them (`truncateResponse=false`). */
const BREACHES = [
  {
    Name: 'Adobe',
    Title: 'Adobe',
    Domain: 'adobe.com',
    BreachDate: '2013-10-04',
    AddedDate: '2013-12-04T00:00:00Z',
    ModifiedDate: '2022-05-15T23:52:49Z',
    PwnCount: 152445165,
    Description: 'In October 2013, 153 million Adobe accounts were breached …',
    LogoPath: 'https://haveibeenpwned.com/Content/Images/PwnedLogos/Adobe.png',
    DataClasses: ['Email addresses', 'Password hints', 'Passwords', 'Usernames'],
    IsVerified: true,
    IsFabricated: false,
    IsSensitive: false,
    IsRetired: false,
    IsSpamList: false,
    IsMalware: false,
    IsSubscriptionFree: false,
    IsStealerLog: false,
  },
  {
    Name: 'ExampleForum',
    Title: 'Example Forum',
    Domain: 'forum.example.net',
    BreachDate: '2019-06-01',
    AddedDate: '2019-08-11T10:00:00Z',
    ModifiedDate: '2019-08-11T10:00:00Z',
    PwnCount: 52000,
    Description: 'A hand-made breach for tests.',
    LogoPath: 'https://haveibeenpwned.com/Content/Images/PwnedLogos/List.png',
    DataClasses: ['Email addresses', 'IP addresses'],
    IsVerified: false,
    IsFabricated: false,
    IsSensitive: true,
    IsRetired: false,
    IsSpamList: false,
    IsMalware: false,
    IsSubscriptionFree: false,
    IsStealerLog: false,
  },
];

export type HibpBehaviour = 'ok' | 'rate_limited' | 'hang';

/** A loopback HIBP API v3: key and user-agent checks, breachedaccount, subscription/status. */
export class FakeHibp extends FakeProvider<HibpBehaviour> {
  private constructor() {
    super('ok', '/api/v3');
  }

  static start(): Promise<FakeHibp> {
    return new FakeHibp().listen();
  }

  protected handle(request: FakeRequest): FakeReply {
    // HIBP's documented order: a missing user agent is 403, a bad key 401, too many requests 429.
    if (!request.headers['user-agent']) return { status: 403, body: 'Forbidden - no user agent has been specified in the request.' };
    if (request.headers['hibp-api-key'] !== VALID_KEY) {
      return { status: 401, body: { statusCode: 401, message: 'Access denied due to invalid hibp-api-key.' } };
    }
    if (this.behaviour === 'rate_limited') {
      return { status: 429, body: { statusCode: 429, message: 'Rate limit is exceeded. Try again in 2 seconds.' }, headers: { 'retry-after': '2' } };
    }
    if (request.url.pathname === '/api/v3/subscription/status') {
      return { status: 200, body: { SubscriptionName: 'Pwned 1', Description: 'Test', SubscribedUntil: '2027-01-01T00:00:00', Rpm: 10, DomainSearchMaxBreachedAccounts: 25 } };
    }
    const account = /^\/api\/v3\/breachedaccount\/(.+)$/.exec(request.url.pathname);
    if (account) {
      if (decodeURIComponent(account[1]!).toLowerCase() !== PWNED_EMAIL) return { status: 404 };
      const truncated = request.url.searchParams.get('truncateResponse') !== 'false';
      return { status: 200, body: truncated ? BREACHES.map((b) => ({ Name: b.Name })) : BREACHES };
    }
    return { status: 404 };
  }
}
