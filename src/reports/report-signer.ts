import type { KeyObject } from 'node:crypto';
import { signReport } from './report-signature.ts';

/** Signs canonical report bytes with the deployment key; `keyId` goes into every report. */
export interface ReportSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  sign(canonicalBytes: Buffer): Promise<string>;
}

export function createReportSigner(key: { keyId: string; privateKey: KeyObject; publicKeyPem: string }): ReportSigner {
  return {
    keyId: key.keyId,
    publicKeyPem: key.publicKeyPem,
    sign: (bytes) => signReport(bytes, key.privateKey),
  };
}
