import { createHash, createPublicKey, type JsonWebKey, type KeyObject, X509Certificate } from 'node:crypto';

/** A public key the person verifying trusts, with the key id it was published under (if known). */
export interface TrustedKey {
  readonly keyId: string | null;
  readonly key: KeyObject;
  /** `sha256:<hex>` of the SPKI DER: how keys are compared and named in messages. */
  readonly fingerprint: string;
}

export class KeyFileError extends Error {}

export function keyFingerprint(key: KeyObject): string {
  return `sha256:${createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}

function trusted(key: KeyObject, keyId: string | null): TrustedKey {
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') throw new KeyFileError(`not an RSA key (${key.asymmetricKeyType ?? 'unknown'})`);
  return { keyId, key, fingerprint: keyFingerprint(key) };
}

function fromPem(text: string): TrustedKey[] {
  const blocks = text.match(/-----BEGIN [A-Z ]+-----[\s\S]+?-----END [A-Z ]+-----/g) ?? [];
  return blocks.map((block) => {
    if (block.includes('PRIVATE KEY')) throw new KeyFileError('this is a private key: give the public key (openssl pkey -in key.pem -pubout)');
    if (block.includes('CERTIFICATE')) return trusted(new X509Certificate(block).publicKey, null);
    return trusted(createPublicKey(block), null);
  });
}

function fromJwk(jwk: JsonWebKey & { kid?: unknown }): TrustedKey {
  return trusted(createPublicKey({ key: jwk, format: 'jwk' }), typeof jwk.kid === 'string' ? jwk.kid : null);
}

interface PublishedKey {
  readonly key_id?: unknown;
  readonly public_key_pem?: unknown;
  readonly public_key_jwk?: unknown;
}

function fromJson(value: unknown): TrustedKey[] {
  const object = value as { keys?: unknown; kty?: unknown };
  if (typeof object?.kty === 'string') return [fromJwk(object as JsonWebKey)];
  if (!Array.isArray(object?.keys)) throw new KeyFileError('JSON key file must be a JWK, a JWK Set, or the body of GET /v1/reports/signing-keys');
  return (object.keys as PublishedKey[]).map((entry) => {
    // GET /v1/reports/signing-keys rows carry both forms; a JWK Set carries bare JWKs.
    if (typeof entry.public_key_pem === 'string') {
      return trusted(createPublicKey(entry.public_key_pem), typeof entry.key_id === 'string' ? entry.key_id : null);
    }
    return fromJwk((entry.public_key_jwk ?? entry) as JsonWebKey);
  });
}

/**
 * Reads the keys a verifier trusts from one file: PEM public keys or certificates, a JWK, a
 * JWK Set, or the JSON of GET /v1/reports/signing-keys (ids included, so each report is
 * checked with the key it names).
 *
 * @example
 * parseTrustedKeys(fs.readFileSync('signing-keys.json', 'utf8')) // [{ keyId: 'sk_…', key, fingerprint }]
 */
export function parseTrustedKeys(text: string): TrustedKey[] {
  let keys: TrustedKey[];
  try {
    keys = text.trimStart().startsWith('{') ? fromJson(JSON.parse(text)) : fromPem(text);
  } catch (err) {
    if (err instanceof KeyFileError) throw err;
    throw new KeyFileError(`unreadable key: ${(err as Error).message}`);
  }
  if (keys.length === 0) throw new KeyFileError('no public key found');
  return keys;
}
