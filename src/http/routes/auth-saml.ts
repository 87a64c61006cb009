import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { rethrowIdpFailure } from '../../auth/token-errors.ts';
import { errorResponses } from '../../contract/common.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { safeReturnPath } from '../return-path.ts';
import { completeLogin } from '../session-cookie.ts';

const loginQuery = z.object({ return_to: z.string().max(2048).optional() });
const acsBody = z.object({ SAMLResponse: z.string().min(1).max(512 * 1024), RelayState: z.string().max(2048).optional() });

/** SAML bindings §3.4.3: RelayState must not exceed 80 bytes; a longer return path falls back to `/`. */
const MAX_RELAY_STATE = 80;

/**
 * The SAML 2.0 service provider's endpoints (SPEC §4.3; registered when SAML is configured):
 * SP metadata, the login redirect (HTTP-Redirect binding) and the assertion consumer service
 * (HTTP-POST binding), which opens an engine session. Public: they run before anyone is
 * authenticated. The form parser lives in this plugin only, so no API route accepts forms.
 */
export async function registerSamlAuthRoutes(app: FastifyInstance, engine: Engine): Promise<void> {
  const saml = engine.sso.saml;
  if (saml === null) return;
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    scope.get('/auth/saml/metadata', { config: { public: true }, schema: { tags: ['SSO'], summary: 'SAML service provider metadata (import it at the IdP)' } }, async (_request, reply) =>
      reply.type('application/samlmetadata+xml; charset=utf-8').send(saml.metadataXml()),
    );

    scope.get(
      '/auth/saml/login',
      { config: { public: true }, schema: { tags: ['SSO'], summary: 'Start a SAML login (redirects to the identity provider)', querystring: loginQuery } },
      async (request, reply) => {
        const { return_to } = request.query as z.infer<typeof loginQuery>;
        const path = safeReturnPath(return_to);
        const url = await saml.loginUrl(Buffer.byteLength(path) <= MAX_RELAY_STATE ? path : '/').catch((err: unknown) => rethrowIdpFailure(err, request.log));
        return reply.header('cache-control', 'no-store').redirect(url, 302);
      },
    );

    scope.post(
      '/auth/saml/acs',
      { config: { public: true }, schema: { tags: ['SSO'], summary: 'SAML assertion consumer service (HTTP-POST binding)', response: errorResponses(400, 401, 500) } },
      async (request, reply) => {
        const parsed = acsBody.safeParse(request.body ?? {});
        if (!parsed.success) {
          const field = String(parsed.error.issues[0]?.path[0] ?? 'SAMLResponse');
          throw new ApiError('field_required', undefined, [{ field, issue: 'A SAMLResponse form field (HTTP-POST binding) is required' }]);
        }
        const identity = await saml.consume(parsed.data.SAMLResponse).catch((err: unknown) => {
          if (err instanceof ApiError) request.log.warn({ code: err.code, reason: err.message }, 'SAML response refused');
          return rethrowIdpFailure(err, request.log);
        });
        return completeLogin(request, reply, engine.sso, { identity, returnTo: safeReturnPath(parsed.data.RelayState) });
      },
    );
  });
}
