import { hkdfSync } from 'node:crypto';

/** What a derived key is for; each purpose gets its own key, so one can never stand in for another. */
export type SessionKeyPurpose = 'session-jwt' | 'login-flow';

/**
 * A 256-bit key for `purpose`, derived with HKDF-SHA256 from API_KEY_HASH_SECRET: every replica
 * already shares that secret, so every replica derives the same keys, and the distinct `info`
 * label keeps these keys apart from the API-key HMAC that uses the secret directly.
 *
 * @example
 * const key = deriveSessionKey(secret, 'session-jwt'); // Uint8Array(32)
 */
export function deriveSessionKey(secret: string, purpose: SessionKeyPurpose): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'cairn-identity', `cairn/${purpose}/v1`, 32));
}
