import { createHash, createPublicKey } from 'node:crypto';
import { bitString, booleanTrue, explicit, integer, nullValue, octetString, oid, sequence, setOf, time, utf8String } from './der.ts';

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

/** RFC 5280 §4.1.2.5: "no well-defined expiration date". */
const NO_EXPIRY = new Date('9999-12-31T23:59:59Z');

export interface CertificateSubject {
  readonly keyId: string;
  readonly organizationId: string;
  readonly publicKeyPem: string;
  /** When the key was registered (signing_keys.created_at): the certificate's notBefore. */
  readonly notBefore: Date;
}

export interface SigningCertificate {
  readonly der: Buffer;
  /** DER of the issuer (= subject) Name, for the CMS IssuerAndSerialNumber. */
  readonly issuer: Buffer;
  readonly serial: Buffer;
}

export const sha256WithRsa = (): Buffer => sequence(oid(OID.sha256WithRSAEncryption), nullValue());

function name(subject: CertificateSubject): Buffer {
  const rdn = (type: string, value: string): Buffer => setOf(sequence(oid(type), utf8String(value)));
  return sequence(rdn(OID.organizationName, subject.organizationId), rdn(OID.commonName, `Cairn report signing key ${subject.keyId}`));
}

/**
 * A self-signed X.509 v3 certificate for the report-signing key. It carries no trust of its
 * own (the public key published by GET /v1/reports/signing-keys does): it exists because
 * PAdES readers (Acrobat, pdfsig) expect the signer's certificate inside the CMS. Everything
 * in it derives from the key, its id and its registration time, so every PDF signed with one
 * key carries the same certificate, and re-exports stay byte-identical.
 */
export async function buildSigningCertificate(subject: CertificateSubject, signPkcs1: (data: Buffer) => Promise<Buffer>): Promise<SigningCertificate> {
  const spki = createPublicKey(subject.publicKeyPem).export({ type: 'spki', format: 'der' });
  const serialDigest = createHash('sha256').update(spki).update(subject.keyId).digest().subarray(0, 16);
  serialDigest[0] = serialDigest[0]! & 0x7f; // positive INTEGER
  const serial = integer(serialDigest);
  const issuer = name(subject);
  const keyUsage = bitString(Buffer.from([0xc0]), 6); // digitalSignature, nonRepudiation
  const extensions = sequence(
    sequence(oid(OID.basicConstraints), booleanTrue(), octetString(sequence())),
    sequence(oid(OID.keyUsage), booleanTrue(), octetString(keyUsage)),
    sequence(oid(OID.subjectKeyIdentifier), octetString(octetString(createHash('sha1').update(spki).digest()))),
  );
  const tbs = sequence(
    explicit(0, integer(2)),
    serial,
    sha256WithRsa(),
    issuer,
    sequence(time(subject.notBefore), time(NO_EXPIRY)),
    issuer,
    spki,
    explicit(3, extensions),
  );
  const signature = await signPkcs1(tbs);
  return { der: sequence(tbs, sha256WithRsa(), bitString(signature)), issuer, serial };
}
