import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { generateApiKey, hashApiKey } from '../auth/api-keys.ts';
import { insertApiKey, listApiKeys } from '../store/api-keys-repository.ts';
import type { Executor } from '../store/executor.ts';

export const FIRST_RUN_KEY_FILE = 'initial-admin-api-key';

/**
 * On the very first start (no key in the database, no BOOTSTRAP_API_KEY), creates one admin
 * key and writes it to DATA_DIR/initial-admin-api-key (mode 0600), so `npm start` gives a
 * newcomer a working engine. The key goes to that file only, never to the log.
 */
export async function issueFirstRunKey(db: Executor, secret: string, dataDir: string, logger: Logger): Promise<void> {
  if ((await listApiKeys(db)).length > 0) return;
  const { id, key } = generateApiKey();
  await insertApiKey(db, { id, name: 'initial-admin', keyHash: hashApiKey(secret, key), roles: ['admin'] });
  const file = path.join(dataDir, FIRST_RUN_KEY_FILE);
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await fs.writeFile(file, `${key}\n`, { mode: 0o600 });
  logger.warn({ api_key_id: id, file }, 'first start: created an admin API key and wrote it to the file shown; use it as X-API-Key, then create your own keys and revoke this one');
}
