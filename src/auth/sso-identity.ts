import type { JWTPayload } from 'jose';
import { ApiError } from '../errors/catalogue.ts';

/** Who logged in through an identity provider: what the principal and the audit trail need. */
export interface SsoIdentity {
  /** OIDC `sub` / SAML NameID: `principal.user_id`. */
  readonly sub: string;
  /** `principal.user_email` (required, SPEC §4.2 and §4.3). */
  readonly email: string;
  /** OIDC `sid` or `jti`, SAML SessionIndex: `principal.idp_session_id`. */
  readonly idpSessionId: string | null;
  /** IdP groups, mapped to roles by the roles file. */
  readonly groups: readonly string[];
  readonly idp: 'oidc' | 'saml';
}

// Loose on purpose: the IdP vouches for the address; this only refuses what is not one.
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/** True for a plausible email address (one @, no spaces, RFC 5321 lengths). */
export function isEmailLike(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 320 && EMAIL.test(value);
}

/**
 * The identity in a verified token's claims. `sub` and `email` are required: a token without
 * them cannot be attributed, so it is `token_invalid` (ask the IdP for the `email` scope).
 * The group claim may be a path into nested claims (`realm_access.roles` for Keycloak).
 *
 * @example
 * identityFromClaims({ sub: 'u1', email: 'a@b.c', groups: ['cairn-audit'] }, 'groups', 'oidc');
 */
export function identityFromClaims(claims: JWTPayload, groupsClaim: string, idp: SsoIdentity['idp']): SsoIdentity {
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 512) {
    throw new ApiError('token_invalid', 'The token carries no subject (sub claim).');
  }
  if (!isEmailLike(claims.email)) {
    throw new ApiError('token_invalid', 'The token carries no email claim: request the email scope from the identity provider.');
  }
  const sid = typeof claims.sid === 'string' && claims.sid !== '' ? claims.sid : typeof claims.jti === 'string' && claims.jti !== '' ? claims.jti : null;
  return { sub: claims.sub, email: claims.email, idpSessionId: sid, groups: groupsOf(claims, groupsClaim), idp };
}

/** Group names at `claim`: a string array, one string, or nothing. An exact key wins over a path. */
export function groupsOf(claims: Readonly<Record<string, unknown>>, claim: string): string[] {
  let value: unknown = Object.hasOwn(claims, claim) ? claims[claim] : undefined;
  if (value === undefined && claim.includes('.')) {
    value = claim.split('.').reduce<unknown>((node, key) => (node !== null && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), claims);
  }
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((g): g is string => typeof g === 'string' && g.length > 0 && g.length <= 512).slice(0, 1000);
}
