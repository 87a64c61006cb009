import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { LOGIN_FLOW_TTL_SECONDS } from '../../auth/oidc-login.ts';
import { rethrowIdpFailure } from '../../auth/token-errors.ts';
import { errorResponses } from '../../contract/common.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { clearCookie, OIDC_FLOW_COOKIE, readCookie, setCookie } from '../cookies.ts';
import { safeReturnPath } from '../return-path.ts';
import { completeLogin } from '../session-cookie.ts';

const FLOW_PATH = '/auth/oidc';
const loginQuery = z.object({ return_to: z.string().max(2048).optional() });
const callbackQuery = z.object({
  code: z.string().max(4096).optional(),
  state: z.string().max(512).optional(),
  error: z.string().max(256).optional(),
});

/**
 * The console's OIDC login (SPEC §4.2; registered when OIDC_CLIENT_ID and OIDC_CLIENT_SECRET
 * are set): `/auth/oidc/login` sends the browser to the IdP, `/auth/oidc/callback` exchanges
 * the code and opens an engine session. Both public: they run before anyone is authenticated.
 */
export function registerOidcAuthRoutes(app: FastifyInstance, engine: Engine): void {
  const login = engine.sso.oidcLogin;
  if (login === null) return;
  const secure = engine.sso.secureCookies;

  app.get(
    '/auth/oidc/login',
    { config: { public: true }, schema: { tags: ['SSO'], summary: 'Start an OIDC login (redirects to the identity provider)', querystring: loginQuery } },
    async (request, reply) => {
      const { return_to } = request.query as z.infer<typeof loginQuery>;
      const started = await login.start(safeReturnPath(return_to)).catch((err: unknown) => rethrowIdpFailure(err, request.log));
      return reply
        .header('set-cookie', setCookie(OIDC_FLOW_COOKIE, started.flowCookie, { maxAgeSeconds: LOGIN_FLOW_TTL_SECONDS, secure, path: FLOW_PATH }))
        .header('cache-control', 'no-store')
        .redirect(started.authorizationUrl, 302);
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      config: { public: true },
      schema: { tags: ['SSO'], summary: 'OIDC redirect URI: completes the login and sets the session cookie', querystring: callbackQuery, response: errorResponses(400, 401, 500) },
    },
    async (request, reply) => {
      const query = request.query as z.infer<typeof callbackQuery>;
      // The flow cookie is single-use: cleared whatever the outcome.
      reply.header('set-cookie', clearCookie(OIDC_FLOW_COOKIE, { secure, path: FLOW_PATH }));
      if (query.error !== undefined) {
        const code = /^[\w.-]{1,64}$/.test(query.error) ? ` (${query.error})` : '';
        throw new ApiError('token_invalid', `The identity provider did not log the user in${code}.`);
      }
      const missing = (['code', 'state'] as const).filter((name) => query[name] === undefined || query[name] === '');
      if (missing.length > 0) throw new ApiError('field_required', undefined, missing.map((field) => ({ field, issue: 'Required in the callback query' })));
      const flowCookie = readCookie(request.headers.cookie, OIDC_FLOW_COOKIE);
      const done = await login.finish({ code: query.code!, state: query.state! }, flowCookie).catch((err: unknown) => rethrowIdpFailure(err, request.log));
      return completeLogin(request, reply, engine.sso, done);
    },
  );
}
