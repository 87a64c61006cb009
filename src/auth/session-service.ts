import { jwtVerify, SignJWT } from 'jose';
import { ApiError } from '../errors/catalogue.ts';
import { ulid } from '../ids/ulid.ts';
import type { Executor } from '../store/executor.ts';
import { findSession, insertSession, revokeSession } from '../store/sessions-repository.ts';
import { deriveSessionKey } from './session-keys.ts';
import { isEmailLike, type SsoIdentity } from './sso-identity.ts';
import { tokenErrorOf } from './token-errors.ts';

/** The `aud` of every engine-issued token: the engine's own API. */
export const ENGINE_TOKEN_AUDIENCE = 'cairn-api';

export interface IssuedSession {
  /** The engine JWT (Bearer token, and the console cookie's value). */
  readonly token: string;
  readonly sessionId: string;
  readonly expiresAt: Date;
}

export interface VerifiedSession {
  readonly identity: SsoIdentity;
  readonly sessionId: string;
  readonly expiresAt: Date;
}

export interface SessionServiceOptions {
  readonly db: Executor;
  /** API_KEY_HASH_SECRET: the key is derived from it (HKDF), shared by every replica. */
  readonly secret: string;
  /** `iss` of engine tokens, e.g. `urn:cairn:<organization id>`. */
  readonly issuer: string;
  readonly ttlSeconds: number;
  readonly clockSkewSeconds: number;
  /** How long a session's row is trusted from memory (revocations also arrive by notification). */
  readonly cacheTtlMs?: number;
}

interface CachedRow {
  readonly live: boolean;
  readonly groups: readonly string[];
  readonly until: number;
}

/**
 * The engine's own sessions after SSO (OIDC code flow or SAML ACS). A session is a short-lived
 * JWT (SESSION_TTL_SECONDS) signed HS256 with a key derived from API_KEY_HASH_SECRET, plus a
 * row in `auth_sessions` so logout revokes it on every replica. HS256 rather than the report
 * key: only the engine verifies these tokens, the key must be shared by all replicas (this
 * secret already is), it costs microseconds instead of an RSA-4096 signature per login, and the
 * long-lived evidence key stays single-purpose.
 *
 * @example
 * const { token } = await sessions.issue({ sub: 'u1', email: 'a@b.c', idpSessionId: null, groups: [], idp: 'saml' });
 * (await sessions.verify(token)).identity.sub; // 'u1'
 */
export class SessionService {
  readonly #o: SessionServiceOptions;
  readonly #key: Uint8Array;
  readonly #cache = new Map<string, CachedRow>();

  constructor(options: SessionServiceOptions) {
    this.#o = options;
    this.#key = deriveSessionKey(options.secret, 'session-jwt');
  }

  get issuer(): string {
    return this.#o.issuer;
  }

  async issue(identity: SsoIdentity): Promise<IssuedSession> {
    const now = new Date();
    const sessionId = `ses_${ulid(now.getTime())}`;
    const expiresAt = new Date(now.getTime() + this.#o.ttlSeconds * 1000);
    await insertSession(this.#o.db, { sessionId, subjectKey: `user:${identity.sub}`, idp: identity.idp, groups: identity.groups, createdAt: now, expiresAt });
    const token = await new SignJWT({ email: identity.email, idp: identity.idp, ...(identity.idpSessionId ? { sid: identity.idpSessionId } : {}) })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(this.#o.issuer)
      .setAudience(ENGINE_TOKEN_AUDIENCE)
      .setSubject(identity.sub)
      .setJti(sessionId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.#key);
    return { token, sessionId, expiresAt };
  }

  /** Throws ApiError token_expired / token_invalid (also for a logged-out session). */
  async verify(token: string): Promise<VerifiedSession> {
    let claims;
    try {
      ({ payload: claims } = await jwtVerify(token, this.#key, {
        issuer: this.#o.issuer,
        audience: ENGINE_TOKEN_AUDIENCE,
        algorithms: ['HS256'],
        clockTolerance: this.#o.clockSkewSeconds,
        requiredClaims: ['exp', 'sub', 'jti'],
      }));
    } catch (err) {
      throw tokenErrorOf(err);
    }
    const sub = claims.sub!;
    const sessionId = claims.jti!;
    if (!isEmailLike(claims.email)) throw new ApiError('token_invalid');
    const row = await this.#row(sessionId, sub);
    if (!row.live) throw new ApiError('token_invalid', 'This session has ended (logged out); log in again.');
    return {
      identity: {
        sub,
        email: claims.email,
        idpSessionId: typeof claims.sid === 'string' ? claims.sid : null,
        groups: row.groups,
        idp: claims.idp === 'saml' ? 'saml' : 'oidc',
      },
      sessionId,
      expiresAt: new Date(claims.exp! * 1000),
    };
  }

  /** Ends a session in the database; the caller tells the other replicas. */
  async revoke(sessionId: string): Promise<boolean> {
    const revoked = await revokeSession(this.#o.db, sessionId, new Date());
    this.invalidate(sessionId);
    return revoked;
  }

  /** Forgets cached rows: one session, or all (null). */
  invalidate(sessionId: string | null): void {
    if (sessionId === null) this.#cache.clear();
    else this.#cache.delete(sessionId);
  }

  async #row(sessionId: string, sub: string): Promise<CachedRow> {
    const now = Date.now();
    const cached = this.#cache.get(sessionId);
    if (cached && cached.until > now) return cached;
    const row = await findSession(this.#o.db, sessionId);
    // Expiry is the token's `exp` (checked with the clock skew); the row says revoked or not.
    const live = row !== null && row.revokedAt === null && row.subjectKey === `user:${sub}`;
    const entry: CachedRow = { live, groups: row?.groups ?? [], until: now + (this.#o.cacheTtlMs ?? 5_000) };
    if (this.#cache.size >= 10_000) this.#cache.clear();
    this.#cache.set(sessionId, entry);
    return entry;
  }
}
