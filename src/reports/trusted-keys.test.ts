import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { KeyFileError, parseTrustedKeys } from './trusted-keys.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe('keys a verifier trusts', () => {
  it('reads PEM public keys (several in one file), without a key id', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const keys = parseTrustedKeys(`${pem}\n${other}`);
    assert.equal(keys.length, 2);
    assert.equal(keys[0]!.keyId, null);
    assert.match(keys[0]!.fingerprint, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(keys[0]!.fingerprint, keys[1]!.fingerprint);
  });

  it('reads a JWK, a JWK Set and the signing-keys endpoint body with their key ids', () => {
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'key-1' };
    assert.equal(parseTrustedKeys(JSON.stringify(jwk))[0]!.keyId, 'key-1');
    assert.equal(parseTrustedKeys(JSON.stringify({ keys: [jwk] }))[0]!.keyId, 'key-1');
    const endpoint = { keys: [{ key_id: 'key-2', public_key_pem: pem, public_key_jwk: jwk }] };
    const [key] = parseTrustedKeys(JSON.stringify(endpoint));
    assert.equal(key!.keyId, 'key-2');
    assert.equal(key!.fingerprint, parseTrustedKeys(pem)[0]!.fingerprint);
  });

  it('refuses a private key, a non-RSA key and files without a key, saying why', () => {
    assert.throws(() => parseTrustedKeys(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), /private key/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.throws(() => parseTrustedKeys(ec), /not an RSA key/);
    assert.throws(() => parseTrustedKeys('hello'), KeyFileError);
    assert.throws(() => parseTrustedKeys('{"keys": 3}'), /JWK/);
    assert.ok(createPublicKey(pem));
  });
});
