/**
 * Scopes (SPEC §5, our names). Routes check scopes, never role names; roles are only bundles
 * of scopes, configurable in the roles file.
 */
export const SCOPES = [
  'lookup:write',
  'lookup:read:own',
  'lookup:read:any',
  'analysis:write',
  'analysis:read:own',
  'analysis:read:any',
  'reports:read:own',
  'reports:read:any',
  'connectors:read',
  'audit:read',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/**
 * The roles that exist without a roles file. `audit:read` comes only with `audit` (and
 * `admin`): audit access is deliberately separate from query access (SPEC §5).
 */
export const DEFAULT_ROLES: Readonly<Record<string, readonly Scope[]>> = {
  analyst: ['lookup:write', 'lookup:read:own', 'analysis:write', 'analysis:read:own', 'reports:read:own', 'connectors:read'],
  audit: ['audit:read', 'lookup:read:any', 'reports:read:any', 'analysis:read:any', 'connectors:read'],
  admin: [...SCOPES],
};
