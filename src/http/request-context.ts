import type { Principal } from '../auth/principal.ts';
import type { Scope } from '../auth/scopes.ts';

/** One route as registered: what the route → scope table and the access matrix test read. */
export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
  readonly public: boolean;
  /** The scope the auth hook checks; null when the handler checks access itself (ownership). */
  readonly scope: Scope | null;
}

// The one place fastify's types are extended (STYLE.md: decorators declared in one plugin).
declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, in registration order (filled by an onRoute hook in app.ts). */
    readonly registeredRoutes: readonly RegisteredRoute[];
  }
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

