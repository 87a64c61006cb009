import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emailIntel } from '../src/connectors/email-intel/email-intel.ts';
import { type FakeDnsServer, startFakeDns } from '../src/connectors/email-intel/fake-dns-server.ts';
import { type FakeGravatar, SAMPLE_GRAVATAR_ENTRY, startFakeGravatar } from '../src/connectors/email-intel/fake-gravatar.ts';
import { type FakeSocialUpstream, startFakeSocialUpstream } from '../src/connectors/social-url/fake-social-upstream.ts';
import { socialUrl } from '../src/connectors/social-url/social-url.ts';
import { type FakeWebsite, startFakeWebsite } from '../src/connectors/web-page/fake-website.ts';
import { webPage } from '../src/connectors/web-page/web-page.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

interface Entry {
  readonly sources: string[];
  readonly [field: string]: unknown;
}

/**
 * An email + URL lookup through the HTTP API, with email_intel, web_page and social_url pointed
 * at fakes of Gravatar, a DNS resolver, a personal website and the GitHub/Mastodon/Bluesky APIs.
 */
describe('email + url lookup through the web connectors', () => {
  let dns: FakeDnsServer;
  let gravatar: FakeGravatar;
  let site: FakeWebsite;
  let social: FakeSocialUpstream;
  let t: TestEngine;
  let analyst: string;

  before(async () => {
    dns = await startFakeDns({ 'janedoe.dev': { mx: [[10, 'mx.janedoe.dev']] } });
    gravatar = await startFakeGravatar({ profiles: { 'jane@janedoe.dev': { ...SAMPLE_GRAVATAR_ENTRY, preferredUsername: 'janedoe', name: { givenName: 'Jane', familyName: 'Doe', formatted: 'Jane Doe' }, accounts: [] } } });
    site = await startFakeWebsite();
    social = await startFakeSocialUpstream({ githubUsers: { janedoe: { login: 'janedoe', id: 4242, name: 'Jane Doe', bio: 'Identity & privacy.', followers: 321, twitter_username: null } } });
    t = await startTestEngine({
      connectorDefinitions: [emailIntel, webPage, socialUrl],
      env: {
        CONNECTOR_EMAIL_INTEL_DNS_SERVERS: dns.address,
        CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL: gravatar.url,
        CONNECTOR_SOCIAL_URL_GITHUB_BASE_URL: `${social.url}/github-api`,
        CONNECTOR_SOCIAL_URL_BLUESKY_BASE_URL: `${social.url}/bsky`,
        CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS: `mastodon=${social.url},linkedin=${social.url}/pages/linkedin/{user},youtube=${social.url}/pages/youtube/{user}`,
      },
    });
    analyst = (await t.createKey(['analyst'])).key;
  });
  after(async () => {
    await t.close();
    await Promise.all([dns.close(), gravatar.close(), site.close(), social.close()]);
  });

  const lookup = async (depth: 'standard' | 'deep') => {
    const res = await t.inject({
      method: 'POST',
      url: '/v1/lookup',
      headers: { 'x-api-key': analyst },
      payload: {
        identifiers: [
          { type: 'email', value: 'jane@janedoe.dev' },
          { type: 'url', value: `${site.url}/jane` },
        ],
        options: { depth },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  it('returns emails, web results and social profiles with sources and lineage', async () => {
    const body = await lookup('standard');
    assert.equal(body.resolution.status, 'resolved');
    assert.deepEqual([...body.source_coverage.available].sort(), ['email_intel', 'web_page']);
    assert.deepEqual(body.source_coverage.unavailable, []);
    const [entity] = body.entities;
    const sourceIds = new Map<string, string>(entity.traceability.sources.map((s: { id: string; connector_id?: string; name?: string }) => [s.id, JSON.stringify(s)]));
    const profile = entity.profile;

    // The queried address: analysed by email_intel and also published on the page (web_page).
    const jane = profile.emails.find((e: Entry) => e.email === 'jane@janedoe.dev') as Entry;
    assert.equal(jane.has_mx, true);
    assert.equal(jane.diagnosis, 'valid');
    assert.equal(jane.sources.length, 2, 'two independent sources assert the address');
    assert.ok(profile.emails.some((e: Entry) => e.email === 'talks@janedoe.dev'));

    assert.equal(profile.web_results[0].title, 'Jane Doe – Security researcher');
    assert.equal(profile.web_results[0].url, `${site.url}/jane`);

    const platforms = profile.social_profiles.map((p: Entry) => p.platform);
    for (const platform of ['gravatar', 'github', 'mastodon', 'linkedin']) assert.ok(platforms.includes(platform), `${platform} in ${platforms.join(',')}`);
    assert.deepEqual(profile.phones.map((p: Entry) => p.number).sort(), ['+4915123456789', '+4930901820']);
    // The name from the Gravatar profile and from the page's JSON-LD agree.
    assert.equal(profile.person.full_name, 'Jane Doe');
    assert.equal(profile.person.sources.length, 2);

    // Every entry's sources are listed in traceability, and lineage points at them.
    for (const entry of [...profile.emails, ...profile.web_results, ...profile.social_profiles] as Entry[]) {
      assert.ok(entry.sources.length > 0);
      for (const id of entry.sources) assert.ok(sourceIds.has(id), `source ${id} listed`);
    }
    const lineage: Record<string, string[]> = entity.traceability.data_lineage;
    assert.ok(lineage['profile.web_results[0].title']?.every((id) => sourceIds.has(id)));
    const janeIndex = profile.emails.indexOf(jane);
    assert.equal(lineage[`profile.emails[${janeIndex}].has_mx`]?.length, 1);
    assert.equal(lineage[`profile.emails[${janeIndex}].email`]?.length, 2);
    assert.equal(lineage['profile.person.full_name']?.length, 2);
  });

  it('at depth deep, social_url reads the profiles the page claims (rel=me, sameAs)', async () => {
    const body = await lookup('deep');
    assert.ok(body.source_coverage.available.includes('social_url'), JSON.stringify(body.source_coverage));
    const github = body.entities[0].profile.social_profiles.find((p: Entry) => p.platform === 'github' && p.username === 'janedoe') as Entry;
    assert.equal(github.followers_count, 321);
    assert.equal(github.bio, 'Identity & privacy.');
    // Linked by the page (web_page) and read from the API (social_url): two sources.
    assert.equal(github.sources.length, 2);
    assert.ok(social.requests.includes('/github-api/users/janedoe'));
  });
});
