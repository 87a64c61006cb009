import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError } from '../config/config.ts';

const MIN_BITS = 4096;

export interface SigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
  /** True when the engine generated the key itself (evaluation installs). */
  readonly generated: boolean;
}

/**
 * Loads the report-signing key (SPEC §11.2): RSA, at least 4096 bits, PEM at
 * SIGNING_PRIVATE_KEY_PATH. Without that variable the engine generates one RSA-4096 key once
 * into DATA_DIR (mode 0600) and reuses it on later starts. The key id is SIGNING_KEY_ID, or
 * derived from the public key's SHA-256 so that it changes whenever the key does.
 */
export async function loadSigningKey(options: { path: string | null; keyId: string | null; dataDir: string }): Promise<SigningKey> {
  let pem: string;
  let generated = false;
  if (options.path !== null) {
    try {
      pem = await fs.readFile(options.path, 'utf8');
    } catch (err) {
      throw new ConfigError('SIGNING_PRIVATE_KEY_PATH', `cannot read ${options.path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  } else {
    const file = path.join(options.dataDir, 'signing-key.pem');
    const existing = await fs.readFile(file, 'utf8').catch(() => null);
    if (existing !== null) {
      pem = existing;
    } else {
      pem = await generateRsaKeyPem();
      await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
      // 'wx': two engines starting on one data dir must not overwrite each other's key.
      await fs.writeFile(file, pem, { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') throw err;
        pem = await fs.readFile(file, 'utf8');
      });
      generated = true;
    }
  }
  const privateKey = parsePrivateKey(pem);
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
  return { keyId: options.keyId ?? deriveKeyId(publicKeyPem), privateKey, publicKeyPem, generated };
}

function parsePrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new ConfigError('SIGNING_PRIVATE_KEY_PATH', 'is not a PEM private key');
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if ((key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') || bits < MIN_BITS) {
    throw new ConfigError('SIGNING_PRIVATE_KEY_PATH', `must be an RSA private key of at least ${MIN_BITS} bits (got ${key.asymmetricKeyType ?? 'unknown'} ${bits})`);
  }
  return key;
}

/** `sk_` + the first 16 hex digits of SHA-256 over the SPKI public key. */
export function deriveKeyId(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return `sk_${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export async function generateRsaKeyPem(bits = MIN_BITS): Promise<string> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: bits });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}
