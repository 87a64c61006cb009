import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { userRolesOf } from '../../auth/role-config.ts';
import type { SessionService } from '../../auth/session-service.ts';
import { errorResponses } from '../../contract/common.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { clearCookie, readCookie, SESSION_COOKIE } from '../cookies.ts';
import { assertSameOrigin } from '../session-cookie.ts';

const sessionSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_at: z.string().meta({ format: 'date-time' }),
    user: z.object({ user_id: z.string(), user_email: z.string(), idp_session_id: z.string().nullable(), idp: z.enum(['oidc', 'saml']), roles: z.array(z.string()) }),
  })
  .meta({ id: 'ConsoleSession' });

/**
 * The console's side of the session (registered when any SSO login is configured). The API
 * itself speaks Bearer and X-API-Key only; the console trades its HttpOnly cookie for the
 * bearer token here. GET changes nothing; logout is a POST, refused cross-site.
 */
export function registerSessionRoutes(app: FastifyInstance, engine: Engine): void {
  const sso = engine.sso;
  if (sso.oidcLogin === null && sso.saml === null) return;
  const clear = clearCookie(SESSION_COOKIE, { secure: sso.secureCookies });

  app.get(
    '/auth/session',
    { config: { public: true }, schema: { tags: ['SSO'], summary: "The console session: the cookie's bearer token and who it belongs to", response: { 200: sessionSchema, ...errorResponses(401) } } },
    async (request, reply) => {
      const token = readCookie(request.headers.cookie, SESSION_COOKIE);
      if (token === undefined) throw new ApiError('credentials_missing', 'No console session: log in through /auth/oidc/login or /auth/saml/login.');
      reply.header('cache-control', 'no-store');
      const session = await sso.sessions.verify(token).catch((err: unknown) => {
        reply.header('set-cookie', clear);
        throw err;
      });
      const { identity } = session;
      return {
        access_token: token,
        token_type: 'Bearer' as const,
        expires_at: session.expiresAt.toISOString(),
        user: { user_id: identity.sub, user_email: identity.email, idp_session_id: identity.idpSessionId, idp: identity.idp, roles: [...userRolesOf(engine.roles.current, `user:${identity.sub}`, identity.groups)] },
      };
    },
  );

  app.post(
    '/auth/logout',
    { config: { public: true }, schema: { tags: ['SSO'], summary: 'End the console session on every replica and clear its cookie', response: errorResponses(403) } },
    async (request, reply) => {
      assertSameOrigin(request, sso);
      const sessionId = await liveSessionIdOf(request, sso.sessions);
      if (sessionId !== null) {
        await sso.sessions.revoke(sessionId);
        await engine.revocations.publish({ kind: 'session', id: sessionId });
        request.log.info({ session_id: sessionId }, 'SSO logout');
      }
      return reply.header('set-cookie', clear).header('cache-control', 'no-store').code(204).send();
    },
  );
}

/**
 * The live session behind the cookie or an engine bearer token, verified: only the holder of
 * a session's token can end it. An expired or already-ended session needs no revoking.
 */
async function liveSessionIdOf(request: FastifyRequest, sessions: SessionService): Promise<string | null> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  for (const token of [readCookie(request.headers.cookie, SESSION_COOKIE), bearer]) {
    if (token === undefined) continue;
    const session = await sessions.verify(token).catch(() => null);
    if (session !== null) return session.sessionId;
  }
  return null;
}
