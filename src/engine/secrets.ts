import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Reads a secret the engine generated earlier into DATA_DIR, or generates it now (32 random
 * bytes, hex, file mode 0600). For evaluation installs only: replicas must share one secret,
 * so production sets the variable instead.
 */
export async function readOrCreateSecret(dataDir: string, fileName: string): Promise<{ value: string; generated: boolean }> {
  const file = path.join(dataDir, fileName);
  const existing = await fs.readFile(file, 'utf8').catch(() => null);
  if (existing !== null && existing.trim() !== '') return { value: existing.trim(), generated: false };
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('hex');
  try {
    await fs.writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return { value, generated: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return { value: (await fs.readFile(file, 'utf8')).trim(), generated: false };
  }
}
