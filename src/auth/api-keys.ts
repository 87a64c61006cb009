import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors/catalogue.ts';
import { ulid } from '../ids/ulid.ts';
import { findApiKeyByHash } from '../store/api-keys-repository.ts';
import type { Executor } from '../store/executor.ts';
import type { Principal } from './principal.ts';
import { type RoleConfigHolder, scopesOf } from './role-config.ts';

/**
 * A new API key: `cairn_<key id>_<43 characters of base64url randomness>`. The key id part is
 * the public `api_key_id`, safe to log; the rest is 256 bits of secret.
 *
 * @example
 * const { id, key } = generateApiKey(); // id 'key_01J…', key 'cairn_key_01J…_Qx3…'
 */
export function generateApiKey(): { id: string; key: string } {
  const id = `key_${ulid()}`;
  return { id, key: `cairn_${id}_${randomBytes(32).toString('base64url')}` };
}

/** HMAC-SHA256 under API_KEY_HASH_SECRET, hex: deterministic, so it can be indexed. */
export function hashApiKey(secret: string, key: string): string {
  return createHmac('sha256', secret).update(key, 'utf8').digest('hex');
}

/** The loggable id inside a key of our format, or null for keys of another shape. */
export function apiKeyIdOf(key: string): string | null {
  const match = /^cairn_(key_[0-9A-HJKMNP-TV-Z]{26})_[A-Za-z0-9_-]{43}$/.exec(key);
  return match?.[1] ?? null;
}

interface CachedKey {
  readonly principal: Principal | null;
  readonly expiresAt: number;
}

/**
 * Turns an `X-API-Key` value into a principal. Rows are cached for `cacheTtlMs` (default 5 s):
 * a revocation, made by any process on the shared database, takes effect everywhere within
 * that time without a database round trip on every call.
 */
export class ApiKeyAuthenticator {
  readonly #db: Executor;
  readonly #secret: string;
  readonly #roles: RoleConfigHolder;
  readonly #cacheTtlMs: number;
  readonly #cache = new Map<string, CachedKey>();

  constructor(options: { db: Executor; secret: string; roles: RoleConfigHolder; cacheTtlMs?: number }) {
    this.#db = options.db;
    this.#secret = options.secret;
    this.#roles = options.roles;
    this.#cacheTtlMs = options.cacheTtlMs ?? 5_000;
  }

  async authenticate(key: string): Promise<Principal> {
    const hash = hashApiKey(this.#secret, key);
    const now = Date.now();
    let cached = this.#cache.get(hash);
    if (cached === undefined || cached.expiresAt <= now) {
      const row = await findApiKeyByHash(this.#db, hash);
      // Compare in constant time even though the lookup was by hash: the index lookup reveals
      // nothing an attacker controls, and this keeps the check honest if storage changes.
      const matches = row !== null && timingSafeEqual(Buffer.from(row.keyHash, 'hex'), Buffer.from(hash, 'hex'));
      const principal = matches && row.revokedAt === null ? this.#principalOf(row.id, row.name, row.roles) : null;
      cached = { principal, expiresAt: now + this.#cacheTtlMs };
      if (this.#cache.size >= 10_000) this.#cache.clear();
      this.#cache.set(hash, cached);
    }
    if (cached.principal === null) throw new ApiError('api_key_invalid');
    return cached.principal;
  }

  /** Forgets every cached key (after a revoke in this process). */
  invalidate(): void {
    this.#cache.clear();
  }

  #principalOf(id: string, name: string, storedRoles: readonly string[]): Principal {
    const config = this.#roles.current;
    const subjectKey = `key:${id}`;
    const override = config.principals[subjectKey];
    const roles = override?.roles ?? storedRoles;
    return {
      record: { type: 'service_account', user_id: null, user_email: null, idp_session_id: null, api_key_id: id, service_account_name: name },
      roles,
      scopes: scopesOf(config, roles),
      subjectKey,
      ...(override?.rateLimit ? { rateLimitOverride: override.rateLimit } : {}),
    };
  }
}
