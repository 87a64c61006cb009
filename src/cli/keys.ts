import { generateApiKey, hashApiKey } from '../auth/api-keys.ts';
import type { Engine } from '../engine/engine.ts';
import { insertApiKey, listApiKeys, revokeApiKey } from '../store/api-keys-repository.ts';

export async function createKey(engine: Engine, name: string, roles: readonly string[], out: (line: string) => void): Promise<void> {
  const unknown = roles.filter((r) => engine.roles.current.roles[r] === undefined);
  if (unknown.length > 0) throw new Error(`unknown role ${unknown.join(', ')}; known: ${Object.keys(engine.roles.current.roles).join(', ')}`);
  const { id, key } = generateApiKey();
  await insertApiKey(engine.database.db, { id, name, keyHash: hashApiKey(engine.apiKeyHashSecret, key), roles });
  out(`api_key_id: ${id}`);
  out(`name:       ${name}`);
  out(`roles:      ${roles.join(',')}`);
  out(`key:        ${key}`);
  out('Store the key now: it is shown once and only its HMAC is kept.');
}

export async function listKeys(engine: Engine, out: (line: string) => void): Promise<void> {
  const keys = await listApiKeys(engine.database.db);
  out(['ID', 'NAME', 'ROLES', 'CREATED', 'REVOKED'].join('\t'));
  for (const k of keys) out([k.id, k.name, k.roles.join(','), k.createdAt.toISOString(), k.revokedAt ? k.revokedAt.toISOString() : '-'].join('\t'));
}

/**
 * Revokes a key in the database and tells every engine on it (PostgreSQL NOTIFY), so serving
 * replicas drop it from their caches at once; the 5 s cache TTL bounds it if a listener is down.
 */
export async function revokeKey(engine: Engine, id: string, out: (line: string) => void): Promise<boolean> {
  const revoked = await revokeApiKey(engine.database.db, id);
  if (revoked) await engine.revocations.publish({ kind: 'api_key', id });
  out(revoked ? `revoked ${id}` : `no active key ${id}`);
  return revoked;
}
