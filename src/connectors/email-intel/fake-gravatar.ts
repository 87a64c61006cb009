import { createHash } from 'node:crypto';
import http from 'node:http';

export interface FakeGravatarOptions {
  /** Addresses with a public profile; the value is the profile's `entry[0]`. */
  readonly profiles?: Readonly<Record<string, Record<string, unknown>>>;
  /** Addresses whose lookups answer 429 with Retry-After. */
  readonly rateLimited?: readonly string[];
  /** Which hash the fake recognises profiles by; Gravatar accepts both. */
  readonly hashes?: readonly ('md5' | 'sha256')[];
}

export interface FakeGravatar {
  readonly url: string;
  /** Request paths received. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * A Gravatar stand-in on 127.0.0.1 serving the legacy JSON profile API as gravatar.com does:
 * `GET /<md5-or-sha256>.json` → 200 `{"entry":[…]}`, or 404 with the text "User not found".
 */
export async function startFakeGravatar(options: FakeGravatarOptions = {}): Promise<FakeGravatar> {
  const byHash = new Map<string, { email: string; entry: Record<string, unknown> | null }>();
  const hashes = options.hashes ?? ['md5', 'sha256'];
  const index = (email: string, entry: Record<string, unknown> | null): void => {
    for (const type of hashes) byHash.set(createHash(type).update(email.trim().toLowerCase()).digest('hex'), { email, entry });
  };
  for (const [email, entry] of Object.entries(options.profiles ?? {})) index(email, entry);
  for (const email of options.rateLimited ?? []) index(email, null);
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const hash = /^\/([0-9a-f]{32}|[0-9a-f]{64})\.json$/.exec(req.url ?? '')?.[1];
    const known = hash !== undefined ? byHash.get(hash) : undefined;
    if (known !== undefined && known.entry === null) {
      res.writeHead(429, { 'content-type': 'text/html', 'retry-after': '60' }).end('<h1>Too Many Requests</h1>');
      return;
    }
    if (known === undefined || hash === undefined) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('User not found');
      return;
    }
    const entry = { id: '1428', hash, requestHash: hash, ...known.entry };
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' }).end(JSON.stringify({ entry: [entry] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A profile shaped like a real one from gravatar.com (the public example account of its docs). */
export const SAMPLE_GRAVATAR_ENTRY: Record<string, unknown> = {
  profileUrl: 'http://gravatar.com/beau',
  preferredUsername: 'beau',
  thumbnailUrl: 'https://secure.gravatar.com/avatar/22bd03ace6f176bfe0c593650bcf45d8',
  photos: [{ value: 'https://secure.gravatar.com/avatar/22bd03ace6f176bfe0c593650bcf45d8', type: 'thumbnail' }],
  last_profile_edit: '2024-01-05 20:58:41',
  hidden_avatar: false,
  name: { givenName: 'Beau', familyName: 'Lebens', formatted: 'Beau Lebens' },
  displayName: 'Beau Lebens',
  pronouns: 'he/him',
  aboutMe: 'Head of Engineering at Automattic. Long-time web tinkerer.',
  currentLocation: 'Mesa, AZ',
  job_title: 'Head of Engineering',
  company: 'Automattic',
  emails: [{ primary: 'true', value: 'beau@dentedreality.com.au' }],
  accounts: [
    {
      domain: 'twitter.com',
      display: '@beaulebens',
      url: 'https://twitter.com/beaulebens',
      iconUrl: 'https://gravatar.com/icons/twitter-alt.svg',
      is_hidden: false,
      username: 'beaulebens',
      verified: 'true',
      name: 'Twitter',
      shortname: 'twitter',
    },
    {
      domain: 'github.com',
      display: 'beaulebens',
      url: 'https://github.com/beaulebens',
      iconUrl: 'https://gravatar.com/icons/github.svg',
      is_hidden: false,
      username: 'beaulebens',
      verified: 'true',
      name: 'GitHub',
      shortname: 'github',
    },
  ],
  urls: [{ value: 'http://dentedreality.com.au', title: 'Dented Reality' }],
  profileBackground: { opacity: 1 },
  share_flags: { search_engines: true },
};
