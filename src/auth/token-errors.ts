import { errors } from 'jose';
import { ApiError } from '../errors/catalogue.ts';
import { IdpUnavailableError } from './idp-http.ts';

const CLAIM_MESSAGES: Readonly<Record<string, string>> = {
  iss: 'The token was issued by another issuer (check OIDC_ISSUER_URL).',
  aud: 'The token is meant for another audience (check OIDC_AUDIENCE).',
  nbf: 'The token is not valid yet.',
};

/**
 * A failed JWT verification, as the caller sees it (SPEC §4.4): an expired token is
 * `token_expired`, anything else wrong with the token is `token_invalid`, and an identity
 * provider that cannot be reached is `internal_error` (retryable, not the caller's fault).
 *
 * @example
 * try { await jwtVerify(token, keys, options) } catch (err) { throw tokenErrorOf(err) }
 */
export function tokenErrorOf(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof errors.JWTExpired) return new ApiError('token_expired');
  if (err instanceof IdpUnavailableError || err instanceof errors.JWKSTimeout) {
    return new ApiError('internal_error', 'The identity provider could not be reached to verify the token; retry shortly.');
  }
  if (err instanceof errors.JWTClaimValidationFailed) {
    return new ApiError('token_invalid', CLAIM_MESSAGES[err.claim] ?? `The token's ${err.claim} claim is not acceptable.`);
  }
  if (err instanceof errors.JWKSNoMatchingKey) return new ApiError('token_invalid', 'The token is signed with a key the identity provider does not publish.');
  if (err instanceof errors.JOSEAlgNotAllowed) return new ApiError('token_invalid', 'The token is signed with an algorithm this engine does not accept.');
  if (err instanceof errors.JWSSignatureVerificationFailed) return new ApiError('token_invalid', 'The token signature does not verify.');
  return new ApiError('token_invalid');
}

/**
 * Rethrows `err`, turning an unreachable identity provider into the retryable `internal_error`
 * the caller sees (its reason goes to the log, where the operator looks).
 */
export function rethrowIdpFailure(err: unknown, log: { warn(obj: object, msg: string): void }): never {
  if (err instanceof IdpUnavailableError || err instanceof errors.JWKSTimeout) {
    log.warn({ err: err.message }, 'identity provider unavailable');
    throw new ApiError('internal_error', 'The identity provider could not be reached; retry shortly.');
  }
  throw err;
}
