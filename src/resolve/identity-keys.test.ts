import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalEmail } from './canonical-email.ts';
import { accountFromUrl, canonicalPlatform, canonicalProfileUrl } from './canonical-profile.ts';
import { canonicalPhone, keyOfSubject, keysOfFinding, registrableDomain } from './identity-keys.ts';
import { jaroWinkler, nameParts, namesAgree, nameSimilarity } from './name-matching.ts';
import { normalizeOrganizationName } from './organization-names.ts';

describe('identity normalisation', () => {
  it('folds email spellings only where the provider documents it', () => {
    assert.equal(canonicalEmail('John.Smith+news@GoogleMail.com'), 'johnsmith@gmail.com');
    assert.equal(canonicalEmail('j.smith+shop@outlook.com'), 'j.smith@outlook.com');
    assert.equal(canonicalEmail('John.Smith+news@example.com'), 'john.smith+news@example.com');
    assert.equal(canonicalEmail('not-an-address'), null);
  });

  it('writes phones in E.164 and domains as registrable domains', () => {
    assert.equal(canonicalPhone('(201) 555-0123', 'US'), '+12015550123');
    assert.equal(canonicalPhone('+44 20 7946 0123'), '+442079460123');
    assert.equal(registrableDomain('https://shop.example.co.uk/path'), 'example.co.uk');
    assert.equal(registrableDomain('alice.github.io'), 'alice.github.io', 'private suffixes keep users apart');
    assert.equal(registrableDomain('192.0.2.1'), null);
  });

  it('reads accounts from profile URLs and names platforms one way', () => {
    assert.deepEqual(accountFromUrl('https://www.linkedin.com/in/JDoe/'), { platform: 'linkedin', username: 'jdoe' });
    assert.deepEqual(accountFromUrl('https://x.com/@JDoe?s=1'), { platform: 'twitter', username: 'jdoe' });
    assert.equal(accountFromUrl('https://www.linkedin.com/feed/'), null);
    assert.equal(canonicalPlatform(' Twitter.com '), 'twitter');
    assert.equal(canonicalProfileUrl('HTTPS://www.Example.com/People/Jane/?ref=x'), 'example.com/people/jane');
  });

  it('derives keys with their tiers from findings and query identifiers', () => {
    const keys = keysOfFinding({ kind: 'social_profile', data: { platform: 'GitHub', username: 'JDoe' }, confidence: 1, about: [] }, false);
    assert.deepEqual(keys.map((k) => [k.id, k.tier]), [['account:github/jdoe', 'exclusive'], ['username:jdoe', 'shareable']]);
    assert.equal(keyOfSubject({ type: 'social_url', normalized: 'https://twitter.com/jdoe' })?.id, 'account:twitter/jdoe');
    assert.equal(keyOfSubject({ type: 'phone', normalized: '+15551234567' })?.tier, 'shareable');
    assert.equal(keyOfSubject({ type: 'name', normalized: 'Jane Doe' }), null, 'a name is evidence, never a link');
    const employer = { kind: 'organization', data: { organization_name: 'Acme', domain: 'acme.example' }, confidence: 1, about: [] } as const;
    assert.deepEqual(keysOfFinding(employer, false), [], "an employer is not the person's identity");
    assert.deepEqual(keysOfFinding(employer, true).map((k) => k.id), ['domain:acme.example']);
  });

  it('matches names through typos but not different names', () => {
    assert.ok(jaroWinkler('jonh', 'john') > 0.93);
    assert.deepEqual(nameParts({ full_name: 'Smith, John A.' }), { first: 'john', last: 'smith' });
    assert.ok(namesAgree({ first: 'margraet', last: 'thomas' }, { first: 'margaret', last: 'thomas' }));
    assert.ok(namesAgree({ first: 'j', last: 'smith' }, { first: 'john', last: 'smith' }), 'an initial agrees');
    assert.ok(!namesAgree({ first: 'mary', last: 'thomas' }, { first: 'mark', last: 'thomas' }));
    assert.ok(nameSimilarity('Smith John', { first: 'john', last: 'smith' }) > 0.99, 'either token order');
    assert.equal(normalizeOrganizationName('The Acme Corp., Inc.'), 'acme');
  });
});
