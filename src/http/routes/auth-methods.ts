import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../../engine/engine.ts';

const methodsSchema = z
  .object({
    oidc: z.boolean().describe('`/auth/oidc/login` is available (OIDC code flow configured)'),
    saml: z.boolean().describe('`/auth/saml/login` is available (SAML configured)'),
    api_key: z.boolean().describe('the API accepts X-API-Key (AUTH_MODE api_key or both)'),
  })
  .meta({ id: 'AuthMethods' });

/**
 * Which ways of logging in this engine offers, so the console shows only working buttons.
 * Public and free of secrets: it says what is configured, never how (no issuer, client id or
 * metadata URL). Registered in every AUTH_MODE.
 */
export function registerAuthMethodRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/auth/methods',
    { config: { public: true }, schema: { tags: ['SSO'], summary: 'The login methods this engine offers (for the console)', response: { 200: methodsSchema } } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { oidc: engine.sso.oidcLogin !== null, saml: engine.sso.saml !== null, api_key: engine.authenticator.acceptsApiKeys };
    },
  );
}
