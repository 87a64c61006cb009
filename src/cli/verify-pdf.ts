import fs from 'node:fs/promises';
import { verifyReportPdf } from '../reports/pdf/verify-report-pdf.ts';
import { KeyFileError, parseTrustedKeys, type TrustedKey } from '../reports/trusted-keys.ts';

/** Exit codes of `cairn verify`: 0 verified, 1 verification failed, 2 unusable input. */
export const VERIFY_EXIT = { verified: 0, failed: 1, badInput: 2 } as const;

async function readKeys(paths: readonly string[]): Promise<TrustedKey[]> {
  const keys: TrustedKey[] = [];
  for (const file of paths) {
    const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new KeyFileError(`cannot read ${file}: ${err.code ?? 'error'}`);
    });
    try {
      keys.push(...parseTrustedKeys(text));
    } catch (err) {
      throw new KeyFileError(`${file}: ${(err as Error).message}`);
    }
  }
  return keys;
}

/**
 * `cairn verify report.pdf --public-key key.pem [--public-key other.jwk] [--json]`: checks a
 * report PDF offline, with no engine, database or configuration. Prints each check, then
 * VERIFIED or FAILED with the specific reason; returns the exit code.
 */
export async function verifyPdfCommand(file: string, keyPaths: readonly string[], options: { json: boolean }, out: (line: string) => void): Promise<number> {
  let keys: TrustedKey[];
  let pdf: Buffer;
  try {
    keys = await readKeys(keyPaths);
    pdf = await fs.readFile(file);
  } catch (err) {
    out(`cairn verify: ${err instanceof KeyFileError ? err.message : `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`}`);
    return VERIFY_EXIT.badInput;
  }
  const result = await verifyReportPdf(pdf, keys);
  if (options.json) {
    out(JSON.stringify({ file, ...result }, null, 2));
  } else {
    out(`${file}${result.requestId ? ` (report ${result.requestId})` : ''}`);
    for (const c of result.checks) out(`  ${c.check.padEnd(17)} ${c.ok ? 'OK    ' : 'FAILED'} ${c.reason ? `${c.reason}: ` : ''}${c.detail}`);
    out(result.verified ? 'VERIFIED' : `FAILED: ${result.reason}`);
  }
  return result.verified ? VERIFY_EXIT.verified : VERIFY_EXIT.failed;
}
