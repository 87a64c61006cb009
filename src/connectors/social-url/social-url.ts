import { z } from 'zod';
import {
  baseUrlField,
  boolField,
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type DerivedIdentifier,
  type Egress,
  type Finding,
  type HealthReport,
  type Identifier,
  intField,
  type RunContext,
} from '../sdk.ts';
import { egressOf } from '../base-url.ts';
import { urlMapSetting } from '../web-common/setting-fields.ts';
import { combineResults, failureOfError, type IdentifierResult, UpstreamFailure } from '../web-common/upstream-failure.ts';
import { readBluesky } from './bluesky-reader.ts';
import { readGitHub } from './github-reader.ts';
import { readMastodon } from './mastodon-reader.ts';
import { readPage } from './page-reader.ts';
import type { ProfileRead, ProfileReader, ReaderContext } from './profile-read.ts';
import { type RecognizedProfile, recognizeSocialUrl } from './recognize-social-url.ts';
import { SOCIAL_PLATFORMS, type SocialPlatform } from './social-platforms.ts';

const manifest = defineManifest({
  id: 'social_url',
  name: 'Social profile URL reader',
  description:
    `Recognises profile URLs of ${SOCIAL_PLATFORMS.length} platforms (platform and handle) and reads the public profile where it is ` +
    'served without login: GitHub REST API, Mastodon API, Bluesky AppView, otherwise the page’s OpenGraph and JSON-LD.',
  category: 'social_media',
  tier: 'primary',
  accepts: ['social_url'],
  // Profile links found by other connectors (rel=me, sameAs, Gravatar accounts) are read too.
  accepts_derived: ['social_url'],
  credential_mode: 'intrace_managed',
  reliability: 0.8,
});

const settings = z.object({
  CONNECTOR_SOCIAL_URL_GITHUB_BASE_URL: baseUrlField('https://api.github.com'),
  CONNECTOR_SOCIAL_URL_GITHUB_TOKEN: z.string().default(''),
  CONNECTOR_SOCIAL_URL_BLUESKY_BASE_URL: baseUrlField('https://public.api.bsky.app'),
  CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS: urlMapSetting(),
  CONNECTOR_SOCIAL_URL_TIMEOUT_MS: intField(100, 60_000, 8000),
  CONNECTOR_SOCIAL_URL_MAX_BYTES: intField(16 * 1024, 16 * 1024 * 1024, 1024 * 1024),
  CONNECTOR_SOCIAL_URL_NODEINFO_CHECK: boolField(true),
  CONNECTOR_SOCIAL_URL_USER_AGENT: z.string().default(''),
});
type Settings = z.output<typeof settings>;

const READERS: Readonly<Record<SocialPlatform['reader'], ProfileReader>> = {
  github_api: readGitHub,
  mastodon_api: readMastodon,
  bluesky_xrpc: readBluesky,
  telegram_page: readPage,
  page_metadata: readPage,
};

export const socialUrl = defineConnector({
  manifest,
  settings,
  create(config: Settings, services: ConnectorServices): Connector {
    const readerContext = (ctx: RunContext): ReaderContext => ({
      http: services.http,
      signal: ctx.signal,
      deadline: ctx.deadline,
      requestTimeoutMs: config.CONNECTOR_SOCIAL_URL_TIMEOUT_MS,
      maxBytes: config.CONNECTOR_SOCIAL_URL_MAX_BYTES,
      userAgent: config.CONNECTOR_SOCIAL_URL_USER_AGENT !== '' ? config.CONNECTOR_SOCIAL_URL_USER_AGENT : null,
      githubBaseUrl: config.CONNECTOR_SOCIAL_URL_GITHUB_BASE_URL,
      githubToken: config.CONNECTOR_SOCIAL_URL_GITHUB_TOKEN !== '' ? config.CONNECTOR_SOCIAL_URL_GITHUB_TOKEN : null,
      blueskyBaseUrl: config.CONNECTOR_SOCIAL_URL_BLUESKY_BASE_URL,
      overrides: config.CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS,
      nodeinfoCheck: config.CONNECTOR_SOCIAL_URL_NODEINFO_CHECK,
    });
    return {
      manifest,
      egress: egressFor(config),
      async run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> {
        const reader = readerContext(ctx);
        return combineResults(await Promise.all(input.identifiers.map((identifier) => readOne(identifier, reader))));
      },
      health: (signal) => probeHealth(config, services, signal),
    };
  },
});

async function readOne(identifier: Identifier, ctx: ReaderContext): Promise<IdentifierResult> {
  const profile = recognizeSocialUrl(identifier.normalized);
  if (profile === null) return { findings: [], derived: [], failures: [], notes: [`${hostOf(identifier.normalized)} URL is not a recognised social profile`] };
  const who = `${profile.platform.id} ${profile.username ?? profile.accountId ?? ''}`.trim();
  let read: ProfileRead;
  try {
    read = await READERS[profile.platform.reader](profile, ctx);
  } catch (err) {
    return { findings: [], derived: derivedOf(profile, []), failures: [failureOfError(err, profile.platform.id)] };
  }
  const about = { type: 'social_url', normalized: identifier.normalized };
  switch (read.status) {
    case 'found':
      return { findings: [profileFinding(profile, read, about)], derived: derivedOf(profile, read.links ?? []), failures: [] };
    case 'login_wall':
      return { findings: [profileFinding(profile, read, about)], derived: derivedOf(profile, []), failures: [], notes: [`${who}: login wall, profile fields not read`] };
    case 'not_found':
      return { findings: [], derived: derivedOf(profile, []), failures: [], notes: [`${who}: no such profile`] };
    case 'blocked':
      return { findings: [], derived: derivedOf(profile, []), failures: [new UpstreamFailure('connector_error', profile.platform.id, `${profile.platform.id} blocked the request: ${read.detail}`)] };
    case 'not_a_profile':
      return { findings: [], derived: [], failures: [], notes: [`${hostOf(identifier.normalized)} is not a fediverse server`] };
  }
}

/**
 * The profile as a finding. Behind a login wall only what the URL itself says is reported
 * (platform, handle, canonical URL), marked `profile_access: login_required`, at low confidence.
 */
function profileFinding(profile: RecognizedProfile, read: Extract<ProfileRead, { status: 'found' | 'login_wall' }>, about: { type: string; normalized: string }): Finding {
  const fields = read.status === 'found' ? read.fields : { extended: {} };
  const { extended, ...contractFields } = fields;
  return {
    kind: 'social_profile',
    data: {
      platform: profile.platform.id,
      ...(profile.username !== null ? { username: profile.username } : {}),
      profile_url: profile.profileUrl,
      ...contractFields,
      extended: {
        platform_name: profile.platform.name,
        ...(profile.accountType !== null ? { account_type: profile.accountType } : {}),
        ...(profile.accountId !== null ? { account_id: profile.accountId } : {}),
        profile_access: read.status === 'found' ? 'public' : 'login_required',
        ...(read.status === 'found' ? { read_from: read.source } : {}),
        ...extended,
      },
    },
    confidence: read.status === 'login_wall' ? 0.4 : read.source === 'api' ? 0.9 : 0.75,
    about: [about],
    evidence: read.evidence,
  };
}

/**
 * The handle for the username connectors (deep lookups), and profile links the profile names.
 * A Bluesky handle on the default host (`jane.bsky.social`) becomes `jane`; a custom-domain
 * handle stays whole.
 */
function derivedOf(profile: RecognizedProfile, links: readonly string[]): DerivedIdentifier[] {
  const derived: DerivedIdentifier[] = links.map((value) => ({ type: 'social_url', value }));
  const handle = profile.username;
  if (handle === null || handle.startsWith('did:')) return derived;
  const username = profile.platform.id === 'bluesky' && handle.toLowerCase().endsWith('.bsky.social') ? handle.slice(0, -'.bsky.social'.length) : handle;
  return [{ type: 'username', value: username }, ...derived];
}

function egressFor(config: Settings): Egress[] {
  const urls = [config.CONNECTOR_SOCIAL_URL_GITHUB_BASE_URL, config.CONNECTOR_SOCIAL_URL_BLUESKY_BASE_URL, ...Object.values(config.CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS)];
  // Hosts of the platforms read through their pages. Fediverse servers and subdomain-per-user
  // platforms (tumblr) are any host: they cannot be listed.
  for (const platform of SOCIAL_PLATFORMS) {
    const pageRead = platform.reader === 'page_metadata' || platform.reader === 'telegram_page';
    const fixedHost = !/\/\/\{(user|origin|host)\}/.test(platform.profile_url);
    if (pageRead && fixedHost && config.CONNECTOR_SOCIAL_URL_PROFILE_BASE_URLS[platform.id] === undefined) {
      urls.push(platform.profile_url.replace(/\{(user|id)\}/g, 'x'));
    }
  }
  const unique = new Map<string, Egress>();
  for (const egress of urls.map(egressOf)) unique.set(`${egress.host}:${egress.port}`, egress);
  return [...unique.values()];
}

/** Asks the GitHub API root and Bluesky's health endpoint; any non-failing answer is health. */
async function probeHealth(config: Settings, services: ConnectorServices, signal: AbortSignal): Promise<HealthReport> {
  const started = performance.now();
  const probes = [
    { upstream: 'github', url: config.CONNECTOR_SOCIAL_URL_GITHUB_BASE_URL },
    { upstream: 'bluesky', url: new URL('xrpc/_health', config.CONNECTOR_SOCIAL_URL_BLUESKY_BASE_URL.replace(/\/?$/, '/')).href },
  ];
  const problems: UpstreamFailure[] = [];
  await Promise.all(
    probes.map(async ({ upstream, url }) => {
      try {
        const response = await services.http.request(url, { signal, timeoutMs: config.CONNECTOR_SOCIAL_URL_TIMEOUT_MS, maxBytes: 64 * 1024, onOverflow: 'truncate' });
        if (response.status === 429 || response.status >= 500) problems.push(new UpstreamFailure(response.status === 429 ? 'rate_limited' : 'connector_error', upstream, `${upstream} answered HTTP ${response.status}`));
      } catch (err) {
        problems.push(failureOfError(err, upstream));
      }
    }),
  );
  const latency = Math.round(performance.now() - started);
  const error = problems.map((p) => p.message).join('; ');
  if (problems.length === 0) return { status: 'reachable', latency_ms: latency, error: null };
  if (problems.length < probes.length) return { status: 'degraded', latency_ms: latency, error };
  return { status: 'unreachable', latency_ms: null, error, reason: problems[0]!.reason };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the';
  }
}
