/**
 * The social platforms Cairn recognises by URL, as data: adding a platform is adding an entry.
 * One generic matcher (`recognize-social-url.ts`) reads this table.
 *
 * Path templates, matched against the URL path after the host (case-insensitive literals):
 * - `{user}` captures the handle, `{id}` a numeric or opaque account id, `{_}` any one segment;
 * - a capture may carry a literal prefix inside its segment: `@{user}`, `~{user}`;
 * - a trailing `/*` admits further segments (tabs of the same profile);
 * - `?key={user}` or `?key={id}` reads a query parameter instead of a segment.
 * Host templates: `{user}.tumblr.com` reads the handle from the subdomain (the path must then be
 * `/`), `*.linkedin.com` admits any subdomain (country sites).
 */
export interface SocialPlatform {
  /** Stable id, used as `social_profiles[].platform`. */
  readonly id: string;
  readonly name: string;
  readonly hosts: readonly string[];
  readonly paths: readonly string[];
  /** The handle syntax the platform allows (whole-string match, case-insensitive). */
  readonly username: string;
  /** The syntax of `{id}` captures, when the platform has any. */
  readonly id_pattern?: string;
  /** First path segments that are site pages, not accounts (matched case-insensitively). */
  readonly reserved?: readonly string[];
  /** Canonical profile URL, `{user}` or `{id}` filled in (`{host}` for multi-instance platforms). */
  readonly profile_url: string;
  readonly profile_url_by_id?: string;
  /** Canonical URLs for paths whose first literal names another account kind (LinkedIn /company/). */
  readonly profile_url_for?: Readonly<Record<string, string>>;
  /** How the public profile is read: an API, or the page's own metadata. */
  readonly reader: 'github_api' | 'mastodon_api' | 'bluesky_xrpc' | 'telegram_page' | 'page_metadata';
  /** A first path literal that makes the account an organisation or artist rather than a person. */
  readonly account_types?: Readonly<Record<string, string>>;
  /** Any host with these paths may be this platform, confirmed by a nodeinfo check (fediverse). */
  readonly any_host?: boolean;
}

// Site pages found at the root of many platforms; never a handle there.
export const COMMON_RESERVED: readonly string[] = [
  'about', 'account', 'accounts', 'api', 'blog', 'contact', 'explore', 'help', 'home', 'jobs', 'join', 'legal', 'login', 'logout',
  'messages', 'notifications', 'policies', 'policy', 'pricing', 'privacy', 'register', 'search', 'settings', 'share', 'signin',
  'signup', 'sign_in', 'sign_up', 'support', 'terms', 'tos',
];

// Well-known Mastodon servers: recognised without a nodeinfo check.
const MASTODON_SERVERS = [
  'mastodon.social', 'mastodon.online', 'mstdn.social', 'mas.to', 'mastodon.world', 'fosstodon.org', 'hachyderm.io',
  'infosec.exchange', 'ioc.exchange', 'techhub.social', 'universeodon.com', 'mastodon.art', 'chaos.social', 'social.vivaldi.net',
  'toot.community', 'mstdn.jp', 'mastodon.uno', 'troet.cafe', 'det.social', 'sigmoid.social',
];

export const SOCIAL_PLATFORMS: readonly SocialPlatform[] = [
  {
    id: 'twitter', name: 'X (Twitter)', hosts: ['twitter.com', 'x.com'],
    paths: ['/{user}', '/{user}/with_replies', '/{user}/media', '/{user}/likes', '/{user}/highlights', '/intent/user?screen_name={user}'],
    username: '[a-z0-9_]{1,15}',
    reserved: ['i', 'intent', 'hashtag', 'compose', 'lists', 'communities', 'premium', 'download', 'verified-choose', 'x', 'twitter'],
    profile_url: 'https://x.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'instagram', name: 'Instagram', hosts: ['instagram.com', 'instagr.am'], paths: ['/{user}'],
    username: '[a-z0-9._]{1,30}',
    reserved: ['p', 'reel', 'reels', 'stories', 'direct', 'tv', 'developer', 'web', 'challenge', 'emails', 'about', 'explore'],
    profile_url: 'https://www.instagram.com/{user}/', reader: 'page_metadata',
  },
  {
    id: 'facebook', name: 'Facebook', hosts: ['facebook.com', 'fb.com', 'web.facebook.com'],
    paths: ['/profile.php?id={id}', '/people/{_}/{id}', '/{user}'],
    // New usernames need five characters; early ones (e.g. /zuck) are shorter.
    username: '[a-z0-9.]{1,50}', id_pattern: '\\d{5,20}',
    reserved: ['profile.php', 'sharer', 'sharer.php', 'groups', 'pages', 'events', 'watch', 'login.php', 'marketplace', 'dialog', 'plugins', 'photo.php', 'story.php', 'permalink.php', 'hashtag', 'gaming', 'business', 'ads', 'friends', 'home.php', 'l.php', 'tr', 'photo', 'reel', 'stories', 'media'],
    profile_url: 'https://www.facebook.com/{user}', profile_url_by_id: 'https://www.facebook.com/profile.php?id={id}', reader: 'page_metadata',
  },
  {
    id: 'linkedin', name: 'LinkedIn', hosts: ['linkedin.com', '*.linkedin.com'],
    paths: ['/in/{user}', '/in/{user}/*', '/company/{user}', '/company/{user}/*', '/school/{user}', '/school/{user}/*'],
    username: '[\\p{L}\\p{N}_-]{2,100}',
    profile_url: 'https://www.linkedin.com/in/{user}/', reader: 'page_metadata',
    account_types: { company: 'organization', school: 'organization' },
    profile_url_for: { company: 'https://www.linkedin.com/company/{user}/', school: 'https://www.linkedin.com/school/{user}/' },
  },
  {
    id: 'github', name: 'GitHub', hosts: ['github.com'], paths: ['/{user}', '/orgs/{user}', '/orgs/{user}/*', '/sponsors/{user}'],
    username: '[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}',
    reserved: ['features', 'topics', 'marketplace', 'sponsors', 'apps', 'collections', 'trending', 'enterprise', 'site', 'security', 'new', 'organizations', 'codespaces', 'issues', 'pulls', 'readme', 'team', 'customer-stories', 'pricing', 'orgs', 'users', 'github', 'copilot', 'events', 'discussions', 'stars', 'watching', 'dashboard'],
    profile_url: 'https://github.com/{user}', reader: 'github_api', account_types: { orgs: 'organization' },
  },
  {
    id: 'gitlab', name: 'GitLab', hosts: ['gitlab.com'], paths: ['/{user}', '/users/{user}', '/users/{user}/*'],
    username: '[a-z0-9_][a-z0-9_.-]{1,254}',
    reserved: ['dashboard', 'projects', 'groups', 'admin', '-', 'public', 'users', 'gitlab-org', 'gitlab-com'],
    profile_url: 'https://gitlab.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'reddit', name: 'Reddit', hosts: ['reddit.com', 'old.reddit.com', 'new.reddit.com'],
    paths: ['/user/{user}', '/user/{user}/*', '/u/{user}', '/u/{user}/*'],
    username: '[a-z0-9_-]{3,20}', profile_url: 'https://www.reddit.com/user/{user}/', reader: 'page_metadata',
  },
  {
    id: 'tiktok', name: 'TikTok', hosts: ['tiktok.com'], paths: ['/@{user}'],
    username: '[a-z0-9_.]{2,24}', profile_url: 'https://www.tiktok.com/@{user}', reader: 'page_metadata',
  },
  {
    id: 'youtube', name: 'YouTube', hosts: ['youtube.com'],
    paths: ['/@{user}', '/@{user}/*', '/channel/{id}', '/channel/{id}/*', '/user/{user}', '/user/{user}/*', '/c/{user}', '/c/{user}/*'],
    username: '[\\p{L}\\p{N}._·-]{3,100}', id_pattern: 'UC[a-z0-9_-]{22}',
    profile_url: 'https://www.youtube.com/@{user}', profile_url_by_id: 'https://www.youtube.com/channel/{id}', reader: 'page_metadata',
  },
  {
    id: 'telegram', name: 'Telegram', hosts: ['t.me', 'telegram.me', 'telegram.dog'], paths: ['/{user}', '/s/{user}'],
    username: '[a-z][a-z0-9_]{3,31}',
    reserved: ['joinchat', 'addstickers', 'proxy', 'iv', 'setlanguage', 'addtheme', 'addemoji', 'c', 'boost', 'socks', 'contact', 's'],
    profile_url: 'https://t.me/{user}', reader: 'telegram_page',
  },
  {
    id: 'mastodon', name: 'Mastodon (fediverse)', hosts: MASTODON_SERVERS, paths: ['/@{user}', '/users/{user}'],
    username: '[a-z0-9_]{1,30}', profile_url: 'https://{host}/@{user}', reader: 'mastodon_api', any_host: true,
  },
  {
    id: 'bluesky', name: 'Bluesky', hosts: ['bsky.app'], paths: ['/profile/{user}'],
    // A handle is a domain name (atproto), or the account's DID.
    username: '(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]|did:[a-z]+:[a-z0-9._:%-]{1,2048}',
    profile_url: 'https://bsky.app/profile/{user}', reader: 'bluesky_xrpc',
  },
  {
    id: 'twitch', name: 'Twitch', hosts: ['twitch.tv'], paths: ['/{user}', '/{user}/about', '/{user}/videos', '/{user}/schedule'],
    username: '[a-z0-9_]{4,25}',
    reserved: ['directory', 'videos', 'p', 'downloads', 'subscriptions', 'inventory', 'wallet', 'turbo', 'prime', 'store', 'friends', 'payments', 'drops', 'u'],
    profile_url: 'https://www.twitch.tv/{user}', reader: 'page_metadata',
  },
  {
    id: 'medium', name: 'Medium', hosts: ['medium.com', '{user}.medium.com'], paths: ['/@{user}', '/@{user}/*'],
    username: '[a-z0-9_.-]{1,30}', reserved: ['www', 'help', 'policy', 'blog', 'about', 'api', 'link', 'email', 'events', 'miro', 'cdn-images-1'],
    profile_url: 'https://medium.com/@{user}', reader: 'page_metadata',
  },
  {
    id: 'pinterest', name: 'Pinterest',
    hosts: ['pinterest.com', '*.pinterest.com', 'pinterest.co.uk', 'pinterest.de', 'pinterest.fr', 'pinterest.ca', 'pinterest.com.au', 'pinterest.es', 'pinterest.it', 'pinterest.jp', 'pinterest.com.mx', 'pinterest.nz', 'pinterest.ie', 'pinterest.at', 'pinterest.ch', 'pinterest.se', 'pinterest.pt', 'pinterest.cl', 'pinterest.ph'],
    paths: ['/{user}', '/{user}/_created', '/{user}/_saved'],
    username: '[a-z0-9_]{3,30}', reserved: ['pin', 'ideas', 'today', 'categories', 'business', '_', 'news_hub', 'topics', 'videos', 'resource'],
    profile_url: 'https://www.pinterest.com/{user}/', reader: 'page_metadata',
  },
  {
    id: 'snapchat', name: 'Snapchat', hosts: ['snapchat.com'], paths: ['/add/{user}', '/@{user}'],
    username: '[a-z][a-z0-9._-]{2,14}', profile_url: 'https://www.snapchat.com/add/{user}', reader: 'page_metadata',
  },
  {
    id: 'threads', name: 'Threads', hosts: ['threads.net', 'threads.com'], paths: ['/@{user}'],
    username: '[a-z0-9._]{1,30}', profile_url: 'https://www.threads.net/@{user}', reader: 'page_metadata',
  },
  {
    id: 'tumblr', name: 'Tumblr', hosts: ['tumblr.com', '{user}.tumblr.com'], paths: ['/{user}', '/blog/view/{user}'],
    username: '[a-z0-9-]{1,32}',
    reserved: ['www', 'api', 'assets', 'media', 'static', 'staff', 'dashboard', 'tagged', 'inbox', 'likes', 'following', 'new', 'blog', 'safe-mode'],
    profile_url: 'https://{user}.tumblr.com/', reader: 'page_metadata',
  },
  {
    id: 'flickr', name: 'Flickr', hosts: ['flickr.com'], paths: ['/people/{user}', '/people/{user}/*', '/photos/{user}', '/photos/{user}/albums'],
    // Flickr accounts without an alias are addressed by their NSID, e.g. 12345678@N00.
    username: '[a-z0-9@_-]{2,50}', profile_url: 'https://www.flickr.com/people/{user}/', reader: 'page_metadata',
  },
  {
    id: 'vimeo', name: 'Vimeo', hosts: ['vimeo.com'], paths: ['/{user}'],
    // All-digit paths are videos, not accounts.
    username: '[a-z][a-z0-9_]{1,50}',
    reserved: ['channels', 'groups', 'categories', 'watch', 'ondemand', 'upload', 'features', 'log_in', 'stock', 'create', 'showcase', 'album', 'enterprise', 'solutions', 'professionals', 'live', 'partners', 'cookie_policy', 'manage'],
    profile_url: 'https://vimeo.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'soundcloud', name: 'SoundCloud', hosts: ['soundcloud.com'], paths: ['/{user}', '/{user}/tracks', '/{user}/albums', '/{user}/reposts', '/{user}/popular-tracks'],
    username: '[a-z0-9_-]{3,25}',
    reserved: ['discover', 'stream', 'upload', 'you', 'charts', 'pages', 'mobile', 'pro', 'terms-of-use', 'people', 'stations', 'imprint', 'popular', 'tags', 'feed'],
    profile_url: 'https://soundcloud.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'spotify', name: 'Spotify', hosts: ['open.spotify.com'], paths: ['/user/{user}', '/artist/{id}'],
    username: '[a-z0-9._-]{1,64}', id_pattern: '[a-z0-9]{22}',
    profile_url: 'https://open.spotify.com/user/{user}', profile_url_by_id: 'https://open.spotify.com/artist/{id}', reader: 'page_metadata',
    account_types: { artist: 'artist' },
  },
  {
    id: 'steam', name: 'Steam', hosts: ['steamcommunity.com'], paths: ['/id/{user}', '/id/{user}/*', '/profiles/{id}', '/profiles/{id}/*'],
    username: '[a-z0-9_-]{2,32}', id_pattern: '7656\\d{13}',
    profile_url: 'https://steamcommunity.com/id/{user}/', profile_url_by_id: 'https://steamcommunity.com/profiles/{id}/', reader: 'page_metadata',
  },
  {
    id: 'keybase', name: 'Keybase', hosts: ['keybase.io'], paths: ['/{user}'],
    username: '[a-z0-9_]{2,16}', reserved: ['_', 'docs', 'download', 'inv', 'team', 'account'],
    profile_url: 'https://keybase.io/{user}', reader: 'page_metadata',
  },
  {
    id: 'devto', name: 'DEV Community', hosts: ['dev.to'], paths: ['/{user}'],
    username: '[a-z0-9_]{2,30}',
    reserved: ['t', 'top', 'latest', 'enter', 'dashboard', 'faq', 'code-of-conduct', 'listings', 'podcasts', 'videos', 'tags', 'new', 'readinglist', 'connect', 'signout_confirm', 'pod', 'sponsors', 'shop'],
    profile_url: 'https://dev.to/{user}', reader: 'page_metadata',
  },
  {
    id: 'stackoverflow', name: 'Stack Overflow', hosts: ['stackoverflow.com'], paths: ['/users/{id}', '/users/{id}/{user}'],
    username: '[\\p{L}\\p{N}-]{1,60}', id_pattern: '\\d{1,10}',
    profile_url: 'https://stackoverflow.com/users/{id}/{user}', profile_url_by_id: 'https://stackoverflow.com/users/{id}', reader: 'page_metadata',
  },
  {
    id: 'behance', name: 'Behance', hosts: ['behance.net'], paths: ['/{user}', '/{user}/*'],
    username: '[a-z0-9_-]{3,40}',
    reserved: ['gallery', 'galleries', 'joblist', 'live', 'assets', 'misc', 'onboarding', 'hire', 'tools', 'pro', 'for_you', 'featured', 'search'],
    profile_url: 'https://www.behance.net/{user}', reader: 'page_metadata',
  },
  {
    id: 'dribbble', name: 'Dribbble', hosts: ['dribbble.com'], paths: ['/{user}', '/{user}/about', '/{user}/shots'],
    username: '[a-z0-9_-]{2,30}',
    reserved: ['shots', 'designers', 'tags', 'session', 'stories', 'learn', 'pro', 'following', 'teams', 'hiring', 'colors', 'uploads', 'resources'],
    profile_url: 'https://dribbble.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'patreon', name: 'Patreon', hosts: ['patreon.com'], paths: ['/{user}', '/c/{user}', '/user?u={id}'],
    username: '[a-z0-9_-]{2,64}', id_pattern: '\\d{1,15}',
    reserved: ['posts', 'apps', 'creators', 'create', 'product', 'user', 'c', 'checkout', 'membership', 'bepatron'],
    profile_url: 'https://www.patreon.com/{user}', profile_url_by_id: 'https://www.patreon.com/user?u={id}', reader: 'page_metadata',
  },
  {
    id: 'substack', name: 'Substack', hosts: ['substack.com', '{user}.substack.com'], paths: ['/@{user}'],
    username: '[a-z0-9-]{1,63}', reserved: ['www', 'on', 'api', 'cdn', 'reader', 'blog'],
    profile_url: 'https://substack.com/@{user}', reader: 'page_metadata',
  },
  {
    id: 'vk', name: 'VK', hosts: ['vk.com', 'vk.ru'], paths: ['/{user}'],
    username: '[a-z0-9_.]{1,32}',
    reserved: ['feed', 'im', 'friends', 'groups', 'video', 'audio', 'music', 'apps', 'games', 'market', 'clips', 'photos', 'docs', 'wall', 'away.php', 'share.php', 'dev', 'press'],
    profile_url: 'https://vk.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'linktree', name: 'Linktree', hosts: ['linktr.ee'], paths: ['/{user}'],
    username: '[a-z0-9_.]{2,30}', reserved: ['s', 'admin', 'discover', 'marketplace', 'templates'],
    profile_url: 'https://linktr.ee/{user}', reader: 'page_metadata',
  },
  {
    id: 'aboutme', name: 'about.me', hosts: ['about.me'], paths: ['/{user}'],
    username: '[a-z0-9_-]{2,50}', reserved: ['features', 'discover'],
    profile_url: 'https://about.me/{user}', reader: 'page_metadata',
  },
  {
    id: 'hackernews', name: 'Hacker News', hosts: ['news.ycombinator.com'], paths: ['/user?id={user}', '/submitted?id={user}'],
    username: '[a-z0-9_-]{2,15}', profile_url: 'https://news.ycombinator.com/user?id={user}', reader: 'page_metadata',
  },
  {
    id: 'gravatar', name: 'Gravatar', hosts: ['gravatar.com', 'en.gravatar.com'], paths: ['/{user}'],
    username: '[a-z0-9_.-]{2,50}', reserved: ['site', 'connect', 'profile', 'avatar', 'emails', 'developers', 'profiles'],
    profile_url: 'https://gravatar.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'npm', name: 'npm', hosts: ['npmjs.com'], paths: ['/~{user}'],
    username: '[a-z0-9][a-z0-9._-]{0,213}', profile_url: 'https://www.npmjs.com/~{user}', reader: 'page_metadata',
  },
  {
    id: 'producthunt', name: 'Product Hunt', hosts: ['producthunt.com'], paths: ['/@{user}'],
    username: '[a-z0-9_]{1,20}', profile_url: 'https://www.producthunt.com/@{user}', reader: 'page_metadata',
  },
  {
    id: 'lastfm', name: 'Last.fm', hosts: ['last.fm', 'lastfm.de', 'lastfm.fr', 'lastfm.es', 'lastfm.it', 'lastfm.jp', 'lastfm.pl', 'lastfm.ru'], paths: ['/user/{user}', '/user/{user}/*'],
    username: '[a-z][a-z0-9_-]{1,14}', profile_url: 'https://www.last.fm/user/{user}', reader: 'page_metadata',
  },
  {
    id: 'codeberg', name: 'Codeberg', hosts: ['codeberg.org'], paths: ['/{user}'],
    username: '[a-z0-9][a-z0-9_.-]{0,39}',
    reserved: ['user', 'repo', 'org', 'assets', 'admin', 'issues', 'pulls', 'milestones', '-', 'codeberg'],
    profile_url: 'https://codeberg.org/{user}', reader: 'page_metadata',
  },
  {
    id: 'kaggle', name: 'Kaggle', hosts: ['kaggle.com'], paths: ['/{user}'],
    username: '[a-z0-9_-]{3,40}',
    reserved: ['competitions', 'datasets', 'code', 'models', 'discussions', 'learn', 'docs', 'c', 'd', 'organizations', 'benchmarks', 'kernels', 'rankings'],
    profile_url: 'https://www.kaggle.com/{user}', reader: 'page_metadata',
  },
  {
    id: 'quora', name: 'Quora', hosts: ['quora.com', '*.quora.com'], paths: ['/profile/{user}', '/profile/{user}/*'],
    username: '[\\p{L}\\p{N}-]{2,100}', profile_url: 'https://www.quora.com/profile/{user}', reader: 'page_metadata',
  },
  {
    id: 'huggingface', name: 'Hugging Face', hosts: ['huggingface.co'], paths: ['/{user}'],
    username: '[a-z0-9][a-z0-9_.-]{0,95}',
    reserved: ['models', 'datasets', 'spaces', 'docs', 'enterprise', 'learn', 'chat', 'posts', 'collections', 'organizations', 'tasks', 'papers', 'new', 'huggingface'],
    profile_url: 'https://huggingface.co/{user}', reader: 'page_metadata',
  },
];
