import type { ProfileReader } from './profile-read.ts';
import { count, dateOnly, defined, fetchUpstream, jsonObject, str } from './profile-read.ts';
import { UpstreamFailure } from '../web-common/upstream-failure.ts';

/**
 * Bluesky's public AppView: `GET /xrpc/app.bsky.actor.getProfile?actor={handle-or-did}`
 * (no account needed). An unknown actor answers 400 `{"error":"InvalidRequest","message":"Profile not found"}`.
 */
export const readBluesky: ProfileReader = async (profile, ctx) => {
  const url = new URL('xrpc/app.bsky.actor.getProfile', ctx.blueskyBaseUrl.endsWith('/') ? ctx.blueskyBaseUrl : `${ctx.blueskyBaseUrl}/`);
  url.searchParams.set('actor', profile.username ?? '');
  const response = await fetchUpstream(ctx, url.href, 'bluesky', { accept: 'application/json' });
  const evidence = { url: url.href, status: response.status, method: 'Bluesky AppView app.bsky.actor.getProfile' };
  const body = jsonObject(response);
  if (response.status === 400 && body !== null && /not found|must be a valid/i.test(str(body.message) ?? '')) return { status: 'not_found', evidence };
  if (response.status === 404) return { status: 'not_found', evidence };
  if (response.status !== 200 || body === null) throw new UpstreamFailure('connector_error', 'bluesky', `bluesky answered HTTP ${response.status}`);
  const verification = body.verification;
  const verified = typeof verification === 'object' && verification !== null && !Array.isArray(verification) ? verification.verifiedStatus === 'valid' : undefined;
  return {
    status: 'found',
    source: 'api',
    evidence: { ...evidence, matched: `did ${str(body.did) ?? ''}` },
    fields: {
      ...(str(body.description) !== undefined ? { bio: str(body.description) } : {}),
      ...(str(body.avatar) !== undefined ? { profile_photo: str(body.avatar) } : {}),
      ...(count(body.followersCount) !== undefined ? { followers_count: count(body.followersCount) } : {}),
      ...(count(body.followsCount) !== undefined ? { following_count: count(body.followsCount) } : {}),
      ...(dateOnly(body.createdAt) !== undefined ? { joined_date: dateOnly(body.createdAt) } : {}),
      ...(verified !== undefined ? { verified } : {}),
      extended: defined({
        did: str(body.did),
        handle: str(body.handle),
        display_name: str(body.displayName),
        posts_count: count(body.postsCount),
        banner: str(body.banner),
      }),
    },
  };
};
