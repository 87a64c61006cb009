import type { Principal } from '../auth/principal.ts';
import type { Scope } from '../auth/scopes.ts';

// The one place fastify's types are extended (STYLE.md: decorators declared in one plugin).
declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a route needs; `null` for routes open to any authenticated principal. */
    scope?: Scope | null;
    /** No authentication, no rate limit (health, OpenAPI, SSO callbacks). */
    public?: boolean;
  }
  interface FastifyRequest {
    /** Set by the auth hook on every non-public route. */
    principal: Principal | null;
  }
}

export {};
