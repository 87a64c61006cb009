import type { Evidence, HttpClient, HttpResponse, JsonValue } from '../sdk.ts';
import { failureOfError, failureOfStatus, timeLeft } from '../web-common/upstream-failure.ts';
import type { RecognizedProfile } from './recognize-social-url.ts';

/** Profile fields read from a platform, in the contract's vocabulary. */
export interface ProfileFields {
  readonly bio?: string;
  readonly profile_photo?: string;
  readonly followers_count?: number;
  readonly following_count?: number;
  readonly verified?: boolean;
  readonly joined_date?: string;
  /** Platform-specific fields (`display_name`, `location`, `website` …). */
  readonly extended: Record<string, JsonValue>;
}

/**
 * What reading a profile gave. Upstream failures (429, 5xx, timeouts, refusals) are thrown as
 * UpstreamFailure instead; these are the answers.
 */
export type ProfileRead =
  | { readonly status: 'found'; readonly fields: ProfileFields; readonly evidence: Evidence; readonly source: 'api' | 'page'; readonly links?: readonly string[] }
  | { readonly status: 'not_found'; readonly evidence: Evidence }
  /** The platform showed a login page instead of the profile. */
  | { readonly status: 'login_wall'; readonly evidence: Evidence }
  /** An anti-bot challenge, captcha or refusal page: the profile was not seen. */
  | { readonly status: 'blocked'; readonly evidence: Evidence; readonly detail: string }
  /** A host matched only by path shape turned out not to be a fediverse server. */
  | { readonly status: 'not_a_profile'; readonly evidence: Evidence };

/** What every reader gets. */
export interface ReaderContext {
  readonly http: HttpClient;
  readonly signal: AbortSignal;
  /** Epoch ms by which the run must end; each request gets what is left of it, capped. */
  readonly deadline: number;
  readonly requestTimeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent: string | null;
  readonly githubBaseUrl: string;
  readonly githubToken: string | null;
  readonly blueskyBaseUrl: string;
  /** Per-platform base URL overrides (`CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS`). */
  readonly overrides: Readonly<Record<string, string>>;
  readonly nodeinfoCheck: boolean;
}

export type ProfileReader = (profile: RecognizedProfile, ctx: ReaderContext) => Promise<ProfileRead>;

/**
 * One GET through the guarded client; network errors and failing statuses (429, 5xx, spent
 * quota) become UpstreamFailure, every other status is returned for the reader to judge.
 */
export async function fetchUpstream(ctx: ReaderContext, url: string, upstream: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await ctx.http.request(url, {
      signal: ctx.signal,
      // Readers may chain requests (NodeInfo, then the API): each gets what is left.
      timeoutMs: timeLeft(ctx.deadline, ctx.requestTimeoutMs),
      maxBytes: ctx.maxBytes,
      onOverflow: 'truncate',
      headers: { ...(ctx.userAgent !== null ? { 'user-agent': ctx.userAgent } : {}), ...headers },
    });
  } catch (err) {
    throw failureOfError(err, upstream);
  }
  const failure = failureOfStatus(response.status, response.headers, upstream);
  if (failure !== null) throw failure;
  return response;
}

/** A JSON object body, or null when the body is not one. */
export function jsonObject(response: HttpResponse): { [key: string]: JsonValue } | null {
  try {
    const value = JSON.parse(response.text()) as JsonValue;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

export function str(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function count(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** `2011-01-25T18:44:36Z` → `2011-01-25`; undefined for anything that is not a date. */
export function dateOnly(value: JsonValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** Drops undefined entries so `extended` stays JSON. */
export function defined(fields: Record<string, JsonValue | undefined>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}
