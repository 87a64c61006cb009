/**
 * Test and bench support for the username presence connector: where the shared Maigret and
 * Sherlock catalogues are (`../shared/data` beside the repository, as in CI, else
 * /work/shared/data), and a guarded HTTP client that may reach the loopback fakes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuardedResolver } from '../../src/net/guarded-lookup.ts';
import { GuardedHttpClient } from '../../src/net/http-client.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of a file in the shared data folder. */
export function sharedDataFile(name: string): string {
  const candidates = [path.resolve(repoRoot, '..', 'shared', 'data', name), path.join('/work/shared/data', name)];
  return candidates.find((file) => fs.existsSync(file)) ?? candidates[0]!;
}

export function readSharedJson(name: string): unknown {
  return JSON.parse(fs.readFileSync(sharedDataFile(name), 'utf8'));
}

export const MAIGRET_SITES = 'maigret-sites.json';
export const SHERLOCK_SITES = 'sherlock-sites.json';

/** The engine's own guarded client with OUTBOUND_ALLOW_LOOPBACK on (fakes listen on 127.0.0.1). */
export function loopbackHttpClient(): GuardedHttpClient {
  return new GuardedHttpClient(new GuardedResolver({ allowLoopback: true }));
}
