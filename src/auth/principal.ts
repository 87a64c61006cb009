import type { PrincipalRecord } from '../audit/audit-record.ts';
import type { Scope } from './scopes.ts';

/**
 * Who is calling: the public record that goes into audit records, plus what the engine decides
 * from it (scopes, the key its rate limit and ownership are counted under).
 */
export interface Principal {
  readonly record: PrincipalRecord;
  readonly roles: readonly string[];
  readonly scopes: ReadonlySet<Scope>;
  /** `user:<sub>` or `key:<api_key_id>`: owner of lookups, and rate-limit key. */
  readonly subjectKey: string;
  /** Per-principal limits from the roles file, when it has any. */
  readonly rateLimitOverride?: RateLimitOverride;
}

export interface RateLimitOverride {
  readonly requestsPerMinute?: number;
  readonly burst?: number;
  readonly deepLookupsPerMinute?: number;
}

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has(scope);
}

/** Owner columns for stored lookups and analyses. */
export function ownerOf(principal: Principal): { ownerType: 'user' | 'service_account'; ownerId: string } {
  const r = principal.record;
  return r.type === 'user' ? { ownerType: 'user', ownerId: r.user_id ?? '' } : { ownerType: 'service_account', ownerId: r.api_key_id ?? '' };
}

/**
 * Object-level access: a principal holding `any` reads everything; holding `own` reads only
 * what it created.
 */
export function mayRead(
  principal: Principal,
  scopes: { own: Scope; any: Scope },
  owner: { ownerType: string; ownerId: string },
): boolean {
  if (principal.scopes.has(scopes.any)) return true;
  if (!principal.scopes.has(scopes.own)) return false;
  const me = ownerOf(principal);
  return me.ownerType === owner.ownerType && me.ownerId === owner.ownerId;
}

/**
 * Route-level half of object access, checked before the object is fetched: a principal that
 * holds neither `own` nor `any` is refused outright, so it cannot even learn whether an id exists.
 */
export function mayReadSome(principal: Principal, scopes: { own: Scope; any: Scope }): boolean {
  return principal.scopes.has(scopes.any) || principal.scopes.has(scopes.own);
}
