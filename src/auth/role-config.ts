import type { RateLimitOverride } from './principal.ts';
import { DEFAULT_ROLES, type Scope } from './scopes.ts';

/**
 * What the roles file decides (SPEC §5): which scopes each role bundles, which IdP group maps to
 * which role, which roles SSO users get by default, and per-principal overrides keyed by
 * `user:<sub>` or `key:<api_key_id>`.
 */
export interface RoleConfig {
  readonly roles: Readonly<Record<string, readonly Scope[]>>;
  /** IdP group name → the roles its members get. */
  readonly groupMappings: Readonly<Record<string, readonly string[]>>;
  readonly defaultUserRoles: readonly string[];
  readonly principals: Readonly<Record<string, PrincipalOverride>>;
}

export interface PrincipalOverride {
  readonly roles?: readonly string[];
  readonly rateLimit?: RateLimitOverride;
}

export function defaultRoleConfig(): RoleConfig {
  return { roles: DEFAULT_ROLES, groupMappings: {}, defaultUserRoles: ['analyst'], principals: {} };
}

/** The union of the scopes of `roles`; unknown role names grant nothing. */
export function scopesOf(config: RoleConfig, roles: readonly string[]): Set<Scope> {
  const scopes = new Set<Scope>();
  for (const role of roles) for (const scope of Object.hasOwn(config.roles, role) ? config.roles[role]! : []) scopes.add(scope);
  return scopes;
}

/**
 * The roles of an SSO user: a `principals` entry with roles wins; otherwise the roles of every
 * IdP group that maps to one; otherwise `default_user_roles` (analyst unless configured). A user
 * in an `audit` group alone is an auditor only: audit and query access stay separate (SPEC §5).
 */
export function userRolesOf(config: RoleConfig, subjectKey: string, groups: readonly string[]): readonly string[] {
  const override = Object.hasOwn(config.principals, subjectKey) ? config.principals[subjectKey] : undefined;
  if (override?.roles) return override.roles;
  const mapped = new Set<string>();
  for (const group of groups) for (const role of Object.hasOwn(config.groupMappings, group) ? config.groupMappings[group]! : []) mapped.add(role);
  return mapped.size > 0 ? [...mapped] : config.defaultUserRoles;
}

/**
 * Holds the current role configuration; `replace` swaps it atomically (SIGHUP reload), so a
 * request sees either the old or the new file, never half of each.
 */
export class RoleConfigHolder {
  #current: RoleConfig;

  constructor(initial: RoleConfig = defaultRoleConfig()) {
    this.#current = initial;
  }

  get current(): RoleConfig {
    return this.#current;
  }

  replace(next: RoleConfig): void {
    this.#current = next;
  }
}
