import type { ProfileReader } from './profile-read.ts';
import { count, dateOnly, defined, fetchUpstream, jsonObject, str } from './profile-read.ts';
import { UpstreamFailure } from '../web-common/upstream-failure.ts';

/**
 * GitHub's REST API, `GET /users/{username}` (public, no token needed; 60 requests an hour per
 * address without one, 5,000 with `CONNECTOR_SOCIAL_URL_GITHUB_TOKEN`).
 */
export const readGitHub: ProfileReader = async (profile, ctx) => {
  const url = new URL(`users/${encodeURIComponent(profile.username ?? '')}`, withSlash(ctx.githubBaseUrl)).href;
  const response = await fetchUpstream(ctx, url, 'github', {
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    ...(ctx.githubToken !== null ? { authorization: `Bearer ${ctx.githubToken}` } : {}),
  });
  const evidence = { url, status: response.status, method: 'GitHub REST API users endpoint' };
  if (response.status === 404) return { status: 'not_found', evidence };
  if (response.status === 401) throw new UpstreamFailure(ctx.githubToken !== null ? 'credentials_invalid' : 'connector_error', 'github', 'github refused the request (401)');
  const user = response.status === 200 ? jsonObject(response) : null;
  if (user === null) throw new UpstreamFailure('connector_error', 'github', `github answered HTTP ${response.status} without a user object`);
  const twitter = str(user.twitter_username);
  return {
    status: 'found',
    source: 'api',
    evidence: { ...evidence, matched: `login ${str(user.login) ?? ''}` },
    fields: {
      ...(str(user.bio) !== undefined ? { bio: str(user.bio) } : {}),
      ...(str(user.avatar_url) !== undefined ? { profile_photo: str(user.avatar_url) } : {}),
      ...(count(user.followers) !== undefined ? { followers_count: count(user.followers) } : {}),
      ...(count(user.following) !== undefined ? { following_count: count(user.following) } : {}),
      ...(dateOnly(user.created_at) !== undefined ? { joined_date: dateOnly(user.created_at) } : {}),
      extended: defined({
        account_id: typeof user.id === 'number' ? String(user.id) : undefined,
        display_name: str(user.name),
        company: str(user.company),
        website: str(user.blog),
        location: str(user.location),
        public_email: str(user.email),
        twitter_username: twitter,
        public_repos: count(user.public_repos),
        public_gists: count(user.public_gists),
        hireable: typeof user.hireable === 'boolean' ? user.hireable : undefined,
        account_type: str(user.type) === 'Organization' ? 'organization' : undefined,
      }),
    },
    links: twitter !== undefined ? [`https://x.com/${twitter}`] : [],
  };
};

function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
