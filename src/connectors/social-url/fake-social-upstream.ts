import http from 'node:http';

/**
 * One loopback server standing in for the platforms social_url reads, each under the paths
 * and in the formats the real service uses:
 * - GitHub REST API under `/github-api` (`/users/{login}`, rate-limit 403s, the API root),
 * - a Mastodon server at the root (`/.well-known/nodeinfo`, `/nodeinfo/2.0`, `/api/v1/accounts/lookup`),
 * - Bluesky's AppView under `/bsky` (`/xrpc/app.bsky.actor.getProfile`, `/xrpc/_health`),
 * - profile pages under `/pages/{platform}/{user}`: a t.me page, a DEV profile with JSON-LD,
 *   an Instagram login redirect, a Cloudflare challenge, a Twitch 429.
 */
export interface FakeSocialUpstream {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

type Handler = (res: http.ServerResponse, query: URLSearchParams) => void;

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
};
const html = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
};

export const GITHUB_OCTOCAT = {
  login: 'octocat',
  id: 583231,
  node_id: 'MDQ6VXNlcjU4MzIzMQ==',
  avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4',
  gravatar_id: '',
  url: 'https://api.github.com/users/octocat',
  html_url: 'https://github.com/octocat',
  type: 'User',
  user_view_type: 'public',
  site_admin: false,
  name: 'The Octocat',
  company: '@github',
  blog: 'https://github.blog',
  location: 'San Francisco',
  email: null,
  hireable: null,
  bio: 'Mascot of GitHub.',
  twitter_username: 'github',
  public_repos: 8,
  public_gists: 8,
  followers: 17981,
  following: 9,
  created_at: '2011-01-25T18:44:36Z',
  updated_at: '2024-11-22T12:00:00Z',
};

export const MASTODON_GARGRON = {
  id: '1',
  username: 'Gargron',
  acct: 'Gargron',
  display_name: 'Eugen Rochko',
  locked: false,
  bot: false,
  discoverable: true,
  group: false,
  created_at: '2016-03-16T00:00:00.000Z',
  note: '<p>Founder, CEO and lead developer <span class="h-card"><a href="https://mastodon.social/@Mastodon" class="u-url mention">@<span>Mastodon</span></a></span>, Germany.</p>',
  url: 'https://mastodon.social/@Gargron',
  uri: 'https://mastodon.social/users/Gargron',
  avatar: 'https://files.mastodon.social/accounts/avatars/000/000/001/original/dc4286ceb8fab734.jpg',
  avatar_static: 'https://files.mastodon.social/accounts/avatars/000/000/001/original/dc4286ceb8fab734.jpg',
  header: 'https://files.mastodon.social/accounts/headers/000/000/001/original/3b91c9965d00888b.jpeg',
  followers_count: 356021,
  following_count: 753,
  statuses_count: 77012,
  last_status_at: '2024-11-20',
  emojis: [],
  fields: [
    { name: 'Patreon', value: '<a href="https://www.patreon.com/mastodon" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">https://www.</span><span class="">patreon.com/mastodon</span><span class="invisible"></span></a>', verified_at: null },
    { name: 'Homepage', value: '<a href="https://zeonfederated.com" target="_blank" rel="nofollow noopener noreferrer me" translate="no"><span class="invisible">https://</span><span class="">zeonfederated.com</span><span class="invisible"></span></a>', verified_at: '2019-07-15T18:29:57.191+00:00' },
  ],
};

export const BLUESKY_JAY = {
  did: 'did:plc:oky5czdrnfjpqslsw2a5iclo',
  handle: 'jay.bsky.team',
  displayName: 'Jay 🦋',
  avatar: 'https://cdn.bsky.app/img/avatar/plain/did:plc:oky5czdrnfjpqslsw2a5iclo/bafkreihidru2xruxdxlvvcixc7lbgoudzicjbrdgacdhdhxyfw4yut4nfq@jpeg',
  associated: { lists: 0, feedgens: 3, starterPacks: 1, labeler: false },
  labels: [],
  createdAt: '2023-04-12T04:53:57.057Z',
  verification: { verifications: [], verifiedStatus: 'valid', trustedVerifierStatus: 'none' },
  description: 'CEO of Bluesky, steward of AT Protocol.',
  indexedAt: '2024-11-20T08:00:00.000Z',
  banner: 'https://cdn.bsky.app/img/banner/plain/did:plc:oky5czdrnfjpqslsw2a5iclo/bafkreicqf@jpeg',
  followersCount: 1102345,
  followsCount: 2001,
  postsCount: 4012,
};

const TELEGRAM_DUROV = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram: Contact @durov</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0, minimum-scale=1.0, maximum-scale=1.0, user-scalable=no">
<meta property="og:title" content="Du Rove's Channel">
<meta property="og:image" content="https://cdn4.cdn-telegram.org/file/durov-avatar.jpg">
<meta property="og:site_name" content="Telegram">
<meta property="og:description" content="Thoughts from the Product Manager / CEO of Telegram.">
<meta property="twitter:card" content="summary">
<meta property="twitter:title" content="Du Rove's Channel">
<meta property="al:ios:app_name" content="Telegram Messenger">
</head><body class="no_transition"><div class="tgme_page_wrap"><div class="tgme_head_wrap"><div class="tgme_head">
<a href="//telegram.org/" class="tgme_head_brand"><i class="tgme_logo"></i></a></div></div>
<div class="tgme_body_wrap"><div class="tgme_page"><div class="tgme_page_photo"><a href="tg://resolve?domain=durov"><img class="tgme_page_photo_image" src="https://cdn4.cdn-telegram.org/file/durov-avatar.jpg"></a></div>
<div class="tgme_page_title" dir="auto"><span dir="auto">Du Rove's Channel</span></div>
<div class="tgme_page_extra">8 573 412 subscribers</div>
<div class="tgme_page_description" dir="auto">Thoughts from the Product Manager / CEO of Telegram.</div>
<div class="tgme_page_action"><a class="tgme_action_button_new shine" href="tg://resolve?domain=durov">View in Telegram</a></div>
</div></div></div></body></html>`;

const TELEGRAM_MISSING = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram: Contact @nosuchhandle123</title>
<meta property="og:title" content="Telegram: Contact @nosuchhandle123">
<meta property="og:description" content="You can contact @nosuchhandle123 right away.">
</head><body><div class="tgme_page_wrap"><div class="tgme_page"><div class="tgme_page_icon"><i class="tgme_icon_user"></i></div>
<div class="tgme_page_description">If you have <strong>Telegram</strong>, you can contact <a class="tgme_username_link" href="tg://resolve?domain=nosuchhandle123">@nosuchhandle123</a> right away.</div>
</div></div></body></html>`;

const DEV_BEN = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ben Halpern - DEV Community</title>
<meta name="description" content="A Canadian software developer who thinks he’s funny.">
<link rel="canonical" href="https://dev.to/ben">
<meta property="og:type" content="website"><meta property="og:url" content="https://dev.to/ben">
<meta property="og:title" content="Ben Halpern — DEV Profile"><meta property="og:image" content="https://media2.dev.to/dynamic/image/width=1000/https://dev-to-uploads.s3.amazonaws.com/uploads/user/profile_image/1/f451a206.png">
<meta property="og:description" content="A Canadian software developer who thinks he’s funny."><meta property="og:site_name" content="DEV Community">
<meta name="twitter:card" content="summary_large_image"><meta name="twitter:site" content="@thepracticaldev"><meta name="twitter:creator" content="@bendhalpern">
<script type="application/ld+json">
{"@context":"http://schema.org","@type":"Person","mainEntityOfPage":{"@type":"WebPage","@id":"https://dev.to/ben"},"url":"https://dev.to/ben",
 "sameAs":["https://twitter.com/bendhalpern","https://github.com/benhalpern","http://benhalpern.com"],
 "image":"https://media2.dev.to/dynamic/image/width=320,height=320,fit=cover,gravity=auto,format=auto/https://dev-to-uploads.s3.amazonaws.com/uploads/user/profile_image/1/f451a206.png",
 "name":"Ben Halpern","email":"ben@forem.com","description":"A Canadian software developer who thinks he’s funny.",
 "interactionStatistic":{"@type":"InteractionCounter","interactionType":"https://schema.org/FollowAction","userInteractionCount":191233}}
</script></head><body class="default-header"><div id="page-content"><h1 class="crayons-title">Ben Halpern</h1>
<p class="profile-header__bio">A Canadian software developer who thinks he’s funny.</p>
<span class="fs-s">Joined on <time datetime="2015-12-27T04:33:16Z">Dec 27, 2015</time></span></div></body></html>`;

const INSTAGRAM_LOGIN = `<!DOCTYPE html><html lang="en" class="no-js not-logged-in"><head><meta charset="utf-8"><title>Login • Instagram</title>
<meta property="og:site_name" content="Instagram"></head><body><form id="loginForm" method="post"><input name="username" type="text" aria-label="Phone number, username, or email">
<input name="password" type="password" aria-label="Password"><button type="submit">Log in</button></form></body></html>`;

const CLOUDFLARE_CHALLENGE = `<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow"></head><body><div class="main-wrapper" role="main"><div class="main-content">
<noscript><div class="h2"><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></noscript></div></div>
<script>(function(){window._cf_chl_opt={cvId: '3',cZone: 'vimeo.com',cType: 'managed'};var a = document.createElement('script');a.src = '/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8e6a';document.getElementsByTagName('head')[0].appendChild(a);}());</script></body></html>`;

/**
 * Starts the fake; `url` is its origin (also the Mastodon server's). `githubUsers` adds
 * accounts to the GitHub API beside octocat, in the API's user shape.
 */
export async function startFakeSocialUpstream(options: { githubUsers?: Readonly<Record<string, Record<string, unknown>>> } = {}): Promise<FakeSocialUpstream> {
  const requests: string[] = [];
  let origin = '';
  const routes: Record<string, Handler> = {
    '/github-api/': (res) => json(res, 200, { current_user_url: 'https://api.github.com/user', user_url: 'https://api.github.com/users/{user}' }),
    '/github-api/users/octocat': (res) => json(res, 200, GITHUB_OCTOCAT, { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59' }),
    '/github-api/users/exhausted': (res) =>
      json(res, 403, { message: 'API rate limit exceeded for 127.0.0.1.', documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting' }, { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1732100000' }),
    '/.well-known/nodeinfo': (res) => json(res, 200, { links: [{ rel: 'http://nodeinfo.diaspora.software/ns/schema/2.0', href: `${origin}/nodeinfo/2.0` }] }),
    '/nodeinfo/2.0': (res) =>
      json(res, 200, { version: '2.0', software: { name: 'mastodon', version: '4.3.1' }, protocols: ['activitypub'], services: { outbound: [], inbound: [] }, usage: { users: { total: 2 } }, openRegistrations: false, metadata: {} }),
    '/api/v1/accounts/lookup': (res, query) => {
      const acct = (query.get('acct') ?? '').toLowerCase();
      if (acct === 'gargron' || acct === 'alice') json(res, 200, { ...MASTODON_GARGRON, username: query.get('acct'), acct: query.get('acct') });
      else json(res, 404, { error: 'Record not found' });
    },
    '/bsky/xrpc/_health': (res) => json(res, 200, { version: '0.4.1' }),
    '/bsky/xrpc/app.bsky.actor.getProfile': (res, query) => {
      if (query.get('actor') === 'jay.bsky.team') json(res, 200, BLUESKY_JAY);
      else json(res, 400, { error: 'InvalidRequest', message: 'Profile not found' });
    },
    '/pages/telegram/durov': (res) => html(res, 200, TELEGRAM_DUROV),
    '/pages/telegram/nosuchhandle123': (res) => html(res, 200, TELEGRAM_MISSING),
    '/pages/devto/ben': (res) => html(res, 200, DEV_BEN),
    '/pages/devto/ghost404': (res) => html(res, 404, '<!DOCTYPE html><html><head><title>The page you were looking for does not exist</title></head><body><h1>404</h1></body></html>'),
    '/pages/instagram/jane': (res) => res.writeHead(302, { location: '/accounts/login/?next=%2Fjane%2F' }).end(),
    '/accounts/login/': (res) => html(res, 200, INSTAGRAM_LOGIN),
    '/pages/vimeo/staff': (res) => html(res, 403, CLOUDFLARE_CHALLENGE, { 'cf-mitigated': 'challenge', server: 'cloudflare' }),
    '/pages/twitch/ninja': (res) => res.writeHead(429, { 'retry-after': '30', 'content-type': 'text/plain' }).end('Too Many Requests'),
  };
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://fake');
    const route = routes[url.pathname];
    const extraUser = options.githubUsers?.[url.pathname.replace(/^\/github-api\/users\//, '')];
    if (route) route(res, url.searchParams);
    else if (url.pathname.startsWith('/github-api/users/') && extraUser !== undefined) json(res, 200, { ...GITHUB_OCTOCAT, ...extraUser });
    else if (url.pathname.startsWith('/github-api/users/')) json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/users/users#get-a-user', status: '404' });
    else html(res, 404, '<!DOCTYPE html><html><head><title>Not Found</title></head><body>Not Found</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return { url: origin, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
