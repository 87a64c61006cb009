import { createPublicKey, generateKeyPairSync } from 'node:crypto';

let pem: string | null = null;

/** A throwaway RSA public key (2048 bits is enough for a key that never verifies anything). */
export function testPublicKeyPem(): string {
  pem ??= createPublicKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return pem;
}
