import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID (48-bit millisecond time + 80 random bits, Crockford base32): sortable by creation
 * time and unique without coordination between engines.
 *
 * @example
 * ulid() // '01JNQBC4X8Y2Z3A5G7HKMNPQRS'
 */
export function ulid(nowMs: number = Date.now()): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[bytes[i]! % 32]!;
  return time + random;
}

/** The engine's id formats (SPEC §2): `req_…`, `ent_…`, `ana_…`, `key_…`. */
export type IdPrefix = 'req' | 'ent' | 'ana' | 'key' | 'lin' | 'src';

export function newId(prefix: IdPrefix, nowMs?: number): string {
  return `${prefix}_${ulid(nowMs)}`;
}
