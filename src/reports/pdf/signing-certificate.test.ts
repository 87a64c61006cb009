import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { createReportSigner } from '../report-signer.ts';
import { buildDetachedCms, parseDetachedCms, verifyCmsSignature } from './cms-signed-data.ts';
import { children, integer, oid, readNode, readOid, time } from './der.ts';
import { buildSigningCertificate } from './signing-certificate.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
const signer = createReportSigner({ keyId: 'key-cert', privateKey, publicKeyPem });
const subject = { keyId: 'key-cert', organizationId: 'org_test', publicKeyPem, notBefore: new Date('2026-01-01T00:00:00Z') };

describe('DER, the signing certificate and the CMS signature', () => {
  it('writes DER that reads back (OIDs, integers, times)', () => {
    assert.equal(readOid(readNode(oid('1.2.840.113549.1.9.16.2.47'))), '1.2.840.113549.1.9.16.2.47');
    assert.deepEqual([...readNode(integer(128)).content], [0, 128], 'a leading zero keeps 128 positive');
    assert.equal(readNode(time(new Date('2049-12-31T23:59:59Z'))).content.toString(), '491231235959Z');
    assert.equal(readNode(time(new Date('2050-01-01T00:00:00Z'))).content.toString(), '20500101000000Z');
  });

  it('builds a self-signed X.509 certificate that Node parses and that verifies with the key itself', async () => {
    const cert = new X509Certificate((await buildSigningCertificate(subject, signer.signPkcs1)).der);
    assert.match(cert.subject, /CN=Cairn report signing key key-cert/);
    assert.equal(cert.subject, cert.issuer);
    assert.ok(cert.verify(createPublicKey(publicKeyPem)));
    assert.equal(new Date(cert.validFrom).toISOString(), '2026-01-01T00:00:00.000Z');
    assert.equal(cert.publicKey.export({ type: 'spki', format: 'pem' }).toString(), publicKeyPem);
  });

  it('is deterministic: the same key and registration time give the same certificate and CMS', async () => {
    const digest = Buffer.alloc(32, 7);
    const a = await buildSigningCertificate(subject, signer.signPkcs1);
    const b = await buildSigningCertificate(subject, signer.signPkcs1);
    assert.ok(a.der.equals(b.der));
    assert.ok((await buildDetachedCms(digest, a, signer.signPkcs1)).equals(await buildDetachedCms(digest, b, signer.signPkcs1)));
  });

  it('writes a CMS SignedData whose signed attributes carry the digest and verify with the key', async () => {
    const digest = Buffer.alloc(32, 9);
    const cms = await buildDetachedCms(digest, await buildSigningCertificate(subject, signer.signPkcs1), signer.signPkcs1);
    assert.equal(children(readNode(cms)).length, 2);
    const parsed = parseDetachedCms(cms);
    assert.ok(parsed.messageDigest.equals(digest));
    assert.ok(verifyCmsSignature(parsed, createPublicKey(publicKeyPem)));
    assert.ok(!verifyCmsSignature(parsed, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey));
  });
});
