import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { recognizeSocialUrl } from './recognize-social-url.ts';
import { SOCIAL_PLATFORMS } from './social-platforms.ts';

// [URL, platform, username, account id] — one or more real-world URL shapes per platform.
const PROFILES: readonly [string, string, string | null, string | null][] = [
  ['https://twitter.com/jack', 'twitter', 'jack', null],
  ['x.com/elonmusk/', 'twitter', 'elonmusk', null],
  ['https://mobile.twitter.com/NASA/media', 'twitter', 'NASA', null],
  ['https://www.instagram.com/natgeo/', 'instagram', 'natgeo', null],
  ['https://www.facebook.com/zuck', 'facebook', 'zuck', null],
  ['https://m.facebook.com/profile.php?id=100004123456789', 'facebook', null, '100004123456789'],
  ['https://fr.linkedin.com/in/jane-doe-123/', 'linkedin', 'jane-doe-123', null],
  ['https://www.linkedin.com/company/microsoft/about/', 'linkedin', 'microsoft', null],
  ['https://github.com/octocat', 'github', 'octocat', null],
  ['https://github.com/orgs/nodejs/people', 'github', 'nodejs', null],
  ['https://gitlab.com/sytses', 'gitlab', 'sytses', null],
  ['https://old.reddit.com/u/spez/comments', 'reddit', 'spez', null],
  ['https://www.reddit.com/user/spez/', 'reddit', 'spez', null],
  ['https://www.tiktok.com/@khaby.lame', 'tiktok', 'khaby.lame', null],
  ['https://www.youtube.com/@MrBeast/videos', 'youtube', 'MrBeast', null],
  ['https://www.youtube.com/channel/UCX6OQ3DkcsbYNE6H8uQQuVA', 'youtube', null, 'UCX6OQ3DkcsbYNE6H8uQQuVA'],
  ['https://www.youtube.com/user/pewdiepie', 'youtube', 'pewdiepie', null],
  ['https://t.me/durov', 'telegram', 'durov', null],
  ['https://t.me/s/durov', 'telegram', 'durov', null],
  ['https://mastodon.social/@Gargron', 'mastodon', 'Gargron', null],
  ['https://fosstodon.org/users/kev', 'mastodon', 'kev', null],
  ['https://bsky.app/profile/jay.bsky.team', 'bluesky', 'jay.bsky.team', null],
  ['https://www.twitch.tv/ninja', 'twitch', 'ninja', null],
  ['https://medium.com/@ev', 'medium', 'ev', null],
  ['https://ev.medium.com/', 'medium', 'ev', null],
  ['https://www.pinterest.co.uk/marthastewart/', 'pinterest', 'marthastewart', null],
  ['https://www.snapchat.com/add/djkhaled305', 'snapchat', 'djkhaled305', null],
  ['https://www.threads.net/@zuck', 'threads', 'zuck', null],
  ['https://nasa.tumblr.com/', 'tumblr', 'nasa', null],
  ['https://www.flickr.com/photos/12345678@N00', 'flickr', '12345678@N00', null],
  ['https://vimeo.com/staff', 'vimeo', 'staff', null],
  ['https://soundcloud.com/octobersveryown', 'soundcloud', 'octobersveryown', null],
  ['https://open.spotify.com/user/spotify', 'spotify', 'spotify', null],
  ['https://steamcommunity.com/id/gabelogannewell/', 'steam', 'gabelogannewell', null],
  ['https://steamcommunity.com/profiles/76561197960287930', 'steam', null, '76561197960287930'],
  ['https://keybase.io/chris', 'keybase', 'chris', null],
  ['https://dev.to/ben', 'devto', 'ben', null],
  ['https://stackoverflow.com/users/22656/jon-skeet', 'stackoverflow', 'jon-skeet', '22656'],
  ['https://www.behance.net/jessicawalsh', 'behance', 'jessicawalsh', null],
  ['https://dribbble.com/simplebits', 'dribbble', 'simplebits', null],
  ['https://www.patreon.com/c/kurzgesagt', 'patreon', 'kurzgesagt', null],
  ['https://astralcodexten.substack.com/', 'substack', 'astralcodexten', null],
  ['https://vk.com/durov', 'vk', 'durov', null],
  ['https://linktr.ee/selenagomez', 'linktree', 'selenagomez', null],
  ['https://about.me/jane', 'aboutme', 'jane', null],
  ['https://news.ycombinator.com/user?id=pg', 'hackernews', 'pg', null],
  ['https://gravatar.com/beau', 'gravatar', 'beau', null],
  ['https://www.npmjs.com/~sindresorhus', 'npm', 'sindresorhus', null],
  ['https://www.producthunt.com/@rrhoover', 'producthunt', 'rrhoover', null],
  ['https://www.last.fm/user/rj', 'lastfm', 'rj', null],
  ['https://codeberg.org/forgejo', 'codeberg', 'forgejo', null],
  ['https://www.kaggle.com/jhoward', 'kaggle', 'jhoward', null],
  ['https://www.quora.com/profile/Adam-DAngelo', 'quora', 'Adam-DAngelo', null],
  ['https://huggingface.co/openai', 'huggingface', 'openai', null],
];

// Links that are on those platforms but are not profiles.
const NOT_PROFILES: readonly string[] = [
  'https://twitter.com/jack/status/20',
  'https://twitter.com/intent/tweet?text=hi',
  'https://twitter.com/home',
  'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fexample.com',
  'https://www.instagram.com/p/C0abcdEFgh/',
  'https://github.com/octocat/Hello-World',
  'https://github.com/login',
  'https://github.com/features',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://t.me/joinchat/AAAAAEk',
  'https://vimeo.com/123456789',
  'https://www.reddit.com/r/programming/',
  'https://www.linkedin.com/feed/',
  'https://mastodon.social/@Gargron/109350000000000000',
  'https://bsky.app/profile/jay.bsky.team/post/3kabc',
  'https://example.com/jane',
  'mailto:jane@example.com',
  'javascript:alert(1)',
  'not a url at all',
  '',
];

describe('social URL recognition', () => {
  it(`covers at least 30 platforms (${SOCIAL_PLATFORMS.length} in the table) with ids unique`, () => {
    assert.ok(SOCIAL_PLATFORMS.length >= 30);
    assert.equal(new Set(SOCIAL_PLATFORMS.map((p) => p.id)).size, SOCIAL_PLATFORMS.length);
    const tested = new Set(PROFILES.map(([, platform]) => platform));
    assert.deepEqual(SOCIAL_PLATFORMS.map((p) => p.id).filter((id) => !tested.has(id)), [], 'every platform has a sample URL');
  });

  for (const [url, platform, username, id] of PROFILES) {
    it(`reads ${url}`, () => {
      const found = recognizeSocialUrl(url);
      assert.ok(found, `${url} not recognised`);
      assert.equal(found.platform.id, platform);
      assert.equal(found.username, username);
      assert.equal(found.accountId, id);
      assert.equal(found.needsConfirmation, false);
      // The canonical URL is itself recognised as the same account.
      const again = recognizeSocialUrl(found.profileUrl);
      assert.equal(again?.platform.id, platform, found.profileUrl);
      assert.equal(again?.username?.toLowerCase() ?? null, username?.toLowerCase() ?? null, found.profileUrl);
    });
  }

  it('refuses posts, share links, site pages and non-URLs', () => {
    assert.deepEqual(NOT_PROFILES.filter((url) => recognizeSocialUrl(url) !== null), []);
  });

  it('marks organisation pages', () => {
    assert.equal(recognizeSocialUrl('https://www.linkedin.com/company/microsoft/')?.accountType, 'organization');
    assert.equal(recognizeSocialUrl('https://www.linkedin.com/company/microsoft/')?.profileUrl, 'https://www.linkedin.com/company/microsoft/');
    assert.equal(recognizeSocialUrl('https://github.com/orgs/nodejs/repositories')?.accountType, 'organization');
  });

  it('takes any host with a fediverse profile path as a candidate to confirm', () => {
    const found = recognizeSocialUrl('https://social.example.org/@alice');
    assert.equal(found?.platform.id, 'mastodon');
    assert.equal(found?.needsConfirmation, true);
    assert.equal(found?.profileUrl, 'https://social.example.org/@alice');
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (input) => {
        const found = recognizeSocialUrl(input);
        return found === null || typeof found.platform.id === 'string';
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on arbitrary URLs, and what it recognises has a handle or an id', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        const found = recognizeSocialUrl(url);
        return found === null || found.username !== null || found.accountId !== null;
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on platform hosts with arbitrary paths', () => {
    const host = fc.constantFrom(...SOCIAL_PLATFORMS.flatMap((p) => p.hosts.map((h) => h.replace('{user}', 'x').replace('*.', 'www.'))));
    const segment = fc.string({ unit: 'grapheme', maxLength: 20 });
    fc.assert(
      fc.property(host, fc.array(segment, { maxLength: 5 }), fc.string({ maxLength: 30 }), (h, segments, query) => {
        const found = recognizeSocialUrl(`https://${h}/${segments.map(encodeURIComponent).join('/')}?${query}`);
        return found === null || found.profileUrl.startsWith('http');
      }),
      { numRuns: 3000 },
    );
  });
});
