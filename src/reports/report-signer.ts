import { constants, type KeyObject, sign } from 'node:crypto';
import { signReport } from './report-signature.ts';

/** Signs canonical report bytes with the deployment key; `keyId` goes into every report. */
export interface ReportSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  sign(canonicalBytes: Buffer): Promise<string>;
  /**
   * RSASSA-PKCS1-v1_5 with SHA-256 over `data`, with the same key: the scheme of the PDF's
   * PAdES signature and of its self-signed certificate. Deterministic (RFC 8017 §8.2), so
   * the same report exported at the same time gives byte-identical PDFs, and every PDF
   * reader verifies it.
   */
  signPkcs1(data: Buffer): Promise<Buffer>;
}

export function createReportSigner(key: { keyId: string; privateKey: KeyObject; publicKeyPem: string }): ReportSigner {
  return {
    keyId: key.keyId,
    publicKeyPem: key.publicKeyPem,
    sign: (bytes) => signReport(bytes, key.privateKey),
    signPkcs1: (data) =>
      new Promise((resolve, reject) => {
        sign('sha256', data, { key: key.privateKey, padding: constants.RSA_PKCS1_PADDING }, (err, signature) => (err ? reject(err) : resolve(signature)));
      }),
  };
}
