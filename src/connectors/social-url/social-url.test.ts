import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { connectorOf, runConnectorOnce } from '../../../test/helpers/connector-run.ts';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import type { Finding } from '../sdk.ts';
import { type FakeSocialUpstream, startFakeSocialUpstream } from './fake-social-upstream.ts';
import { socialUrl } from './social-url.ts';

type ProfileFinding = Extract<Finding, { kind: 'social_profile' }>;

describe('social_url connector', () => {
  let fake: FakeSocialUpstream;
  let plain: http.Server;
  let plainUrl: string;
  let t: TestEngine;

  before(async () => {
    fake = await startFakeSocialUpstream();
    // A web server that is not a fediverse server: no NodeInfo, a page at /@bob.
    plain = http.createServer((req, res) => {
      if (req.url === '/@bob') res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Bob’s blog</title>');
      else res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not Found</title>');
    });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    plainUrl = `http://127.0.0.1:${(plain.address() as { port: number }).port}`;
    const pages = ['telegram', 'devto', 'instagram', 'vimeo', 'twitch'].map((p) => `${p}=${fake.url}/pages/${p}/{user}`);
    t = await startTestEngine({
      connectorDefinitions: [socialUrl],
      env: {
        CONNECTOR_SOCIAL_URL_GITHUB_BASE_URL: `${fake.url}/github-api`,
        CONNECTOR_SOCIAL_URL_BLUESKY_BASE_URL: `${fake.url}/bsky`,
        CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS: [`mastodon=${fake.url}`, ...pages].join(','),
      },
    });
  });
  after(async () => {
    await t.close();
    await fake.close();
    await new Promise<void>((resolve) => plain.close(() => resolve()));
  });

  const read = (url: string, depth: 'standard' | 'deep' = 'standard') => runConnectorOnce(t, 'social_url', [{ type: 'social_url', value: url }], { depth });
  const profileOf = (findings: readonly Finding[]): ProfileFinding => {
    const found = findings.find((f): f is ProfileFinding => f.kind === 'social_profile');
    assert.ok(found, 'a social_profile finding');
    return found;
  };

  it('known hit: a GitHub profile through the REST API', async () => {
    const run = await read('https://github.com/octocat');
    assert.equal(run.outcome, 'ok', run.detail);
    const profile = profileOf(run.findings);
    assert.deepEqual(
      { ...profile.data, extended: undefined },
      {
        platform: 'github',
        username: 'octocat',
        profile_url: 'https://github.com/octocat',
        bio: 'Mascot of GitHub.',
        profile_photo: 'https://avatars.githubusercontent.com/u/583231?v=4',
        followers_count: 17981,
        following_count: 9,
        joined_date: '2011-01-25',
        extended: undefined,
      },
    );
    assert.equal(profile.data.extended?.display_name, 'The Octocat');
    assert.equal(profile.data.extended?.location, 'San Francisco');
    assert.equal(profile.data.extended?.profile_access, 'public');
    assert.equal(profile.data.extended?.read_from, 'api');
    assert.equal(profile.confidence, 0.9);
    assert.deepEqual(profile.about, [{ type: 'social_url', normalized: 'https://github.com/octocat' }]);
    assert.match(profile.evidence?.url ?? '', /\/github-api\/users\/octocat$/);
    assert.deepEqual(run.derived, [
      { type: 'username', value: 'octocat' },
      { type: 'social_url', value: 'https://x.com/github' },
    ]);
  });

  it('known miss: a GitHub 404 is no_data, and the handle still flows to the username connectors', async () => {
    const run = await read('https://github.com/no-such-user-4711');
    assert.equal(run.outcome, 'no_data');
    assert.match(run.detail ?? '', /github no-such-user-4711: no such profile/);
    assert.deepEqual(run.derived, [{ type: 'username', value: 'no-such-user-4711' }]);
  });

  it('a spent GitHub quota is rate_limited (evidence: x-ratelimit-remaining: 0)', async () => {
    const run = await read('https://github.com/exhausted');
    assert.equal(run.outcome, 'rate_limited');
    assert.match(run.detail ?? '', /x-ratelimit-remaining: 0/);
  });

  it('reads a Mastodon account through accounts/lookup', async () => {
    const run = await read('https://mastodon.social/@Gargron');
    assert.equal(run.outcome, 'ok', run.detail);
    const profile = profileOf(run.findings);
    assert.equal(profile.data.platform, 'mastodon');
    assert.equal(profile.data.followers_count, 356021);
    assert.equal(profile.data.following_count, 753);
    assert.equal(profile.data.joined_date, '2016-03-16');
    assert.equal(profile.data.bio, 'Founder, CEO and lead developer @Mastodon, Germany.');
    assert.deepEqual(profile.data.extended?.fields, [
      { name: 'Patreon', value: 'https://www.patreon.com/mastodon' },
      { name: 'Homepage', value: 'https://zeonfederated.com', verified_at: '2019-07-15T18:29:57.191+00:00' },
    ]);
  });

  it('confirms an unknown host through NodeInfo before calling it Mastodon', async () => {
    const run = await read(`${fake.url}/@alice`);
    assert.equal(run.outcome, 'ok', run.detail);
    assert.equal(profileOf(run.findings).data.username, 'alice');
    assert.ok(fake.requests.includes('/.well-known/nodeinfo'));
    const notFediverse = await read(`${plainUrl}/@bob`);
    assert.equal(notFediverse.outcome, 'no_data');
    assert.match(notFediverse.detail ?? '', /is not a fediverse server/);
    assert.deepEqual(notFediverse.derived, []);
  });

  it('reads a Bluesky profile through the public AppView, and a missing one as no_data', async () => {
    const run = await read('https://bsky.app/profile/jay.bsky.team');
    const profile = profileOf(run.findings);
    assert.equal(profile.data.followers_count, 1102345);
    assert.equal(profile.data.verified, true);
    assert.equal(profile.data.extended?.did, 'did:plc:oky5czdrnfjpqslsw2a5iclo');
    const missing = await read('https://bsky.app/profile/nobody-here.bsky.social', 'deep');
    assert.equal(missing.outcome, 'no_data');
    assert.deepEqual(missing.derived, [{ type: 'username', value: 'nobody-here' }]);
  });

  it('reads a t.me page, subscriber count included; a t.me page without an account is no_data', async () => {
    const run = await read('https://t.me/durov');
    const profile = profileOf(run.findings);
    assert.equal(profile.data.followers_count, 8573412);
    assert.equal(profile.data.bio, 'Thoughts from the Product Manager / CEO of Telegram.');
    assert.equal(profile.data.extended?.telegram_kind, 'channel');
    assert.equal((await read('https://t.me/nosuchhandle123')).outcome, 'no_data');
  });

  it('reads a public profile page through OpenGraph and JSON-LD', async () => {
    const run = await read('https://dev.to/ben');
    const profile = profileOf(run.findings);
    assert.equal(profile.data.extended?.display_name, 'Ben Halpern');
    assert.equal(profile.data.followers_count, 191233);
    assert.match(profile.data.profile_photo ?? '', /profile_image\/1\/f451a206\.png$/);
    assert.equal(profile.data.extended?.read_from, 'page');
    assert.equal((await read('https://dev.to/ghost404')).outcome, 'no_data');
  });

  it('reports a login wall honestly: only what the URL says, flagged, at low confidence', async () => {
    const run = await read('https://www.instagram.com/jane/');
    assert.equal(run.outcome, 'ok');
    assert.match(run.detail ?? '', /login wall/);
    const profile = profileOf(run.findings);
    assert.deepEqual(Object.keys(profile.data).sort(), ['extended', 'platform', 'profile_url', 'username']);
    assert.equal(profile.data.extended?.profile_access, 'login_required');
    assert.equal(profile.confidence, 0.4);
  });

  it('a Cloudflare challenge is a blocked source, not a found or missing profile', async () => {
    const run = await read('https://vimeo.com/staff', 'deep');
    assert.equal(run.outcome, 'connector_error');
    assert.match(run.detail ?? '', /vimeo blocked the request: Cloudflare challenge \(HTTP 403\)/);
    assert.deepEqual(run.derived, [{ type: 'username', value: 'staff' }]);
  });

  it('a 429 is rate_limited', async () => {
    const run = await read('https://www.twitch.tv/ninja');
    assert.equal(run.outcome, 'rate_limited');
    assert.match(run.detail ?? '', /429.*retry after 30/);
  });

  it('with several URLs, the readable ones are reported and the failures named', async () => {
    const run = await runConnectorOnce(t, 'social_url', [
      { type: 'social_url', value: 'https://github.com/octocat' },
      { type: 'social_url', value: 'https://www.twitch.tv/ninja' },
      { type: 'social_url', value: 'https://example.com/not-a-profile' },
    ]);
    assert.equal(run.outcome, 'ok');
    assert.equal(run.findings.length, 1);
    assert.match(run.detail ?? '', /example\.com URL is not a recognised social profile/);
    assert.match(run.detail ?? '', /twitch answered 429/);
  });

  it('health asks the GitHub API root and Bluesky’s health endpoint', async () => {
    const health = await connectorOf(t, 'social_url').health(AbortSignal.timeout(5000));
    assert.equal(health.status, 'reachable', health.error ?? '');
    const egress = connectorOf(t, 'social_url').egress;
    assert.ok(egress.some((e) => e.host === '127.0.0.1'));
    assert.ok(egress.some((e) => e.host === 'www.linkedin.com' && e.port === 443 && e.protocol === 'https'));
  });
});

describe('social_url settings', () => {
  it('refuses a malformed override list at start, naming the variable', async () => {
    await assert.rejects(
      startTestEngine({ connectorDefinitions: [socialUrl], env: { CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS: 'github' } }),
      /CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS/,
    );
  });
});
