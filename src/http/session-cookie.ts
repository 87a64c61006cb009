import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Sso } from '../auth/sso.ts';
import type { SsoIdentity } from '../auth/sso-identity.ts';
import { ApiError } from '../errors/catalogue.ts';
import { SESSION_COOKIE, setCookie } from './cookies.ts';

/**
 * Ends a successful SSO login: a new engine session, its JWT in the HttpOnly session cookie,
 * and a 303 to the page the user started from (Set-Cookie headers set earlier are kept).
 */
export async function completeLogin(
  request: FastifyRequest,
  reply: FastifyReply,
  sso: Sso,
  login: { identity: SsoIdentity; returnTo: string },
): Promise<FastifyReply> {
  const session = await sso.sessions.issue(login.identity);
  request.log.info({ user_id: login.identity.sub, idp: login.identity.idp, session_id: session.sessionId }, 'SSO login');
  const maxAgeSeconds = Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000));
  return reply
    .header('set-cookie', setCookie(SESSION_COOKIE, session.token, { maxAgeSeconds, secure: sso.secureCookies }))
    .header('cache-control', 'no-store')
    .redirect(login.returnTo, 303);
}

/**
 * Cross-site request forgery guard for cookie-authenticated POSTs: a browser always sends
 * Origin on a cross-origin POST, so an Origin other than this engine's is refused. The
 * engine's origin is PUBLIC_URL's, else the one the request was addressed to.
 */
export function assertSameOrigin(request: FastifyRequest, sso: Sso): void {
  const origin = request.headers.origin;
  const fetchSite = request.headers['sec-fetch-site'];
  const expected = sso.publicOrigin ?? `${request.protocol}://${request.host}`;
  if ((origin !== undefined && origin !== expected) || fetchSite === 'cross-site') {
    throw new ApiError('insufficient_scope', 'Cross-site request refused.');
  }
}
