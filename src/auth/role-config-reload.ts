import type { Logger } from 'pino';
import { ConfigError } from '../config/config.ts';
import type { RoleConfigHolder } from './role-config.ts';
import { loadRoleConfigFile } from './role-config-file.ts';

export interface RoleReloadTarget {
  /** ROLE_CONFIG_PATH; null when no roles file is configured (nothing to reload). */
  readonly path: string | null;
  readonly holder: RoleConfigHolder;
  readonly logger: Logger;
  /** Drops principals cached with the old roles (API keys, sessions). */
  readonly invalidate: () => void;
}

/**
 * Re-reads the roles file. A bad file keeps the configuration in force and logs the reason
 * (line and cause): a typo must not lock everybody out of a running engine.
 */
export async function reloadRoleConfig(target: RoleReloadTarget): Promise<boolean> {
  if (target.path === null) {
    target.logger.info('SIGHUP: no ROLE_CONFIG_PATH configured, nothing to reload');
    return false;
  }
  try {
    target.holder.replace(await loadRoleConfigFile(target.path));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    target.logger.error({ reason: err.message }, 'roles file not reloaded: keeping the previous configuration');
    return false;
  }
  target.invalidate();
  target.logger.info({ roles: Object.keys(target.holder.current.roles) }, 'roles file reloaded');
  return true;
}

/**
 * Reloads the roles file on every SIGHUP (the usual "re-read your configuration" signal).
 * Returns the function that removes the handler. `onDone` sees each reload's outcome.
 */
export function reloadRolesOnSighup(target: RoleReloadTarget, onDone: (reloaded: boolean) => void = () => undefined): () => void {
  const handler = (): void => {
    reloadRoleConfig(target).then(onDone, (err: Error) => {
      target.logger.error({ err: err.message }, 'roles file reload failed');
      onDone(false);
    });
  };
  process.on('SIGHUP', handler);
  return () => process.off('SIGHUP', handler);
}
