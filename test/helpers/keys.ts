import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateRsaKeyPem } from '../../src/reports/signing-key.ts';

/**
 * An RSA-4096 signing key for tests, generated once per machine into the temp directory (a
 * 4096-bit key takes a second or two to make). Made at test time: no key is committed.
 */
export async function testSigningKeyPath(name = 'cairn-test-signing-key.pem'): Promise<string> {
  const file = path.join(os.tmpdir(), name);
  if (!fs.existsSync(file)) {
    const pem = await generateRsaKeyPem();
    try {
      fs.writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return file;
}
