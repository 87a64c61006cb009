import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A self-signed certificate and its key, in memory. */
export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate's base64 DER, as SAML metadata carries it. */
  readonly certBase64: string;
}

/**
 * Makes a throwaway RSA-2048 certificate with openssl at test time (the fake IdP signs with it).
 * Nothing is committed: the files live for the duration of this call in a private temp dir.
 */
export function makeTestCertificate(commonName: string): TestCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-test-cert-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', `/CN=${commonName}`], { stdio: 'ignore' });
    const certPem = fs.readFileSync(cert, 'utf8');
    return { certPem, keyPem: fs.readFileSync(key, 'utf8'), certBase64: certPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
