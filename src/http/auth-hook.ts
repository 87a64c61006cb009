import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Authenticator } from '../auth/authenticate.ts';
import { hasScope } from '../auth/principal.ts';
import { ApiError } from '../errors/catalogue.ts';
import type { RateLimitDecision, RateLimiter } from '../ratelimit/rate-limiter.ts';

/** The X-RateLimit-* headers (SPEC §14), on every authenticated response. */
export function setRateLimitHeaders(reply: FastifyReply, decision: RateLimitDecision): void {
  reply.header('x-ratelimit-limit', String(decision.limit));
  reply.header('x-ratelimit-remaining', String(decision.remaining));
  reply.header('x-ratelimit-reset', String(decision.resetAt));
}

export function rateLimitError(decision: RateLimitDecision): ApiError {
  return new ApiError('rate_limit_exceeded', undefined, undefined, { 'retry-after': String(decision.retryAfter) });
}

/**
 * On every route that is not public: authenticate, count the request against the principal's
 * limit, then check the route's scope. Runs before the body is read, so an unauthenticated
 * caller cannot make the engine parse anything.
 */
export function installAuth(app: FastifyInstance, deps: { authenticator: Authenticator; rateLimiter: RateLimiter }): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    // Unknown routes answer 404 without asking for credentials.
    if (config.public === true || request.routeOptions.url === undefined) return;
    const apiKey = request.headers['x-api-key'];
    const principal = await deps.authenticator.authenticate({
      authorization: request.headers.authorization,
      apiKey: Array.isArray(apiKey) ? apiKey[0] : apiKey,
    });
    request.principal = principal;
    // Every later line of this request names who made it (an api_key_id or IdP subject, never a secret).
    request.log = request.log.child({ principal: principal.subjectKey });
    reply.log = request.log;
    const decision = await deps.rateLimiter.hit(principal);
    setRateLimitHeaders(reply, decision);
    if (!decision.allowed) throw rateLimitError(decision);
    if (config.scope && !hasScope(principal, config.scope)) {
      throw new ApiError('insufficient_scope', `This operation needs the ${config.scope} scope.`);
    }
  });
}
