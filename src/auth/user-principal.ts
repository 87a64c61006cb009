import type { Principal } from './principal.ts';
import { type RoleConfig, scopesOf, userRolesOf } from './role-config.ts';
import type { SsoIdentity } from './sso-identity.ts';

/**
 * The principal of an SSO user (SPEC §4.5): attributed to the person, never to a key; roles
 * from the roles file (principal entry, else IdP groups, else the default user roles).
 *
 * @example
 * userPrincipalOf({ sub: 'u1', email: 'a@b.c', idpSessionId: 's1', groups: [], idp: 'oidc' }, config).roles; // ['analyst']
 */
export function userPrincipalOf(identity: SsoIdentity, config: RoleConfig): Principal {
  const subjectKey = `user:${identity.sub}`;
  const roles = userRolesOf(config, subjectKey, identity.groups);
  const override = Object.hasOwn(config.principals, subjectKey) ? config.principals[subjectKey] : undefined;
  return {
    record: {
      type: 'user',
      user_id: identity.sub,
      user_email: identity.email,
      idp_session_id: identity.idpSessionId,
      api_key_id: null,
      service_account_name: null,
    },
    roles,
    scopes: scopesOf(config, roles),
    subjectKey,
    ...(override?.rateLimit ? { rateLimitOverride: override.rateLimit } : {}),
  };
}
