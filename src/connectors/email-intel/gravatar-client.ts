import { createHash } from 'node:crypto';
import type { HttpClient, JsonValue } from '../sdk.ts';
import { failureOfError, failureOfStatus, timeLeft, UpstreamFailure } from '../web-common/upstream-failure.ts';

/** A public Gravatar profile, as far as the legacy JSON profile (`/<hash>.json`) shows it. */
export interface GravatarProfile {
  readonly hashType: 'sha256' | 'md5';
  readonly profileUrl: string | null;
  readonly username: string | null;
  readonly displayName: string | null;
  readonly photo: string | null;
  readonly aboutMe: string | null;
  readonly location: string | null;
  readonly name: { readonly given: string | null; readonly family: string | null; readonly formatted: string | null };
  readonly jobTitle: string | null;
  readonly company: string | null;
  readonly pronouns: string | null;
  readonly urls: readonly { readonly title: string | null; readonly url: string }[];
  readonly accounts: readonly GravatarAccount[];
}

export interface GravatarAccount {
  readonly platform: string;
  readonly username: string | null;
  readonly url: string;
  readonly verified: boolean;
}

type Json = { [key: string]: JsonValue };

/** One profile lookup's budget: the run's deadline and a cap per request. */
export interface GravatarCall {
  readonly signal: AbortSignal;
  readonly deadline: number;
  readonly timeoutMs: number;
}

/**
 * Gravatar's public profile lookup: the address is trimmed and lower-cased, hashed (SHA-256,
 * which Gravatar accepts since 2024, then MD5, the original key), and `/<hash>.json` fetched
 * from the configured base URL. 404 means no public profile.
 */
export class GravatarClient {
  constructor(
    readonly http: HttpClient,
    readonly baseUrl: string,
  ) {}

  /** Null when neither hash has a public profile; throws UpstreamFailure when Gravatar fails. */
  async profile(email: string, call: GravatarCall): Promise<GravatarProfile | null> {
    const key = email.trim().toLowerCase();
    for (const hashType of ['sha256', 'md5'] as const) {
      const entry = await this.#fetch(createHash(hashType).update(key).digest('hex'), call);
      if (entry !== null) return toProfile(entry, hashType);
    }
    return null;
  }

  /** The URL of one hash's profile, for evidence and the health probe. */
  profileUrl(hash: string): string {
    return new URL(`${hash}.json`, this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`).href;
  }

  async #fetch(hash: string, call: GravatarCall): Promise<Json | null> {
    let response;
    try {
      response = await this.http.request(this.profileUrl(hash), {
        signal: call.signal,
        // Two lookups in a row (SHA-256, then MD5): each gets what is left of the run.
        timeoutMs: timeLeft(call.deadline, call.timeoutMs),
        maxBytes: 256 * 1024,
        headers: { accept: 'application/json' },
      });
    } catch (err) {
      throw failureOfError(err, 'gravatar');
    }
    if (response.status === 404) return null;
    const failure = failureOfStatus(response.status, response.headers, 'gravatar');
    if (failure !== null) throw failure;
    if (response.status !== 200) throw new UpstreamFailure('connector_error', 'gravatar', `gravatar answered HTTP ${response.status}`);
    const body = parseJson(response.text());
    const entry = Array.isArray(body?.entry) ? body.entry[0] : undefined;
    if (!isObject(entry)) throw new UpstreamFailure('connector_error', 'gravatar', 'gravatar profile JSON has no entry');
    return entry;
  }
}

function toProfile(entry: Json, hashType: 'sha256' | 'md5'): GravatarProfile {
  const name = isObject(entry.name) ? entry.name : {};
  const photos = Array.isArray(entry.photos) ? entry.photos.filter(isObject) : [];
  return {
    hashType,
    profileUrl: text(entry.profileUrl),
    username: text(entry.preferredUsername),
    displayName: text(entry.displayName),
    photo: text(entry.thumbnailUrl) ?? text(photos[0]?.value),
    aboutMe: text(entry.aboutMe),
    location: text(entry.currentLocation),
    name: { given: text(name.givenName), family: text(name.familyName), formatted: text(name.formatted) },
    jobTitle: text(entry.job_title),
    company: text(entry.company),
    pronouns: text(entry.pronouns),
    urls: (Array.isArray(entry.urls) ? entry.urls.filter(isObject) : []).flatMap((u) => {
      const url = text(u.value);
      return url === null ? [] : [{ title: text(u.title), url }];
    }),
    accounts: (Array.isArray(entry.accounts) ? entry.accounts.filter(isObject) : []).flatMap((a) => {
      const url = text(a.url);
      if (url === null) return [];
      // Gravatar writes booleans in accounts as strings ("true").
      return [{ platform: text(a.shortname) ?? text(a.domain) ?? 'unknown', username: text(a.username), url, verified: a.verified === true || a.verified === 'true' }];
    }),
  };
}

function parseJson(body: string): Json | null {
  try {
    const parsed = JSON.parse(body) as JsonValue;
    return isObject(parsed) ? parsed : null;
  } catch {
    throw new UpstreamFailure('connector_error', 'gravatar', 'gravatar answered with a body that is not JSON');
  }
}

function isObject(value: JsonValue | undefined): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
