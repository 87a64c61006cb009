/**
 * IP → autonomous system from the ip-location-db ASN CSV files (`start,end,asn,organisation`,
 * inclusive ranges, sorted and non-overlapping; IPs as text or as numbers). Loaded once into
 * typed arrays (about 16 bytes a range plus the distinct organisation names) and searched by
 * bisection. IPv6 addresses are split into two 64-bit halves.
 */
import fs from 'node:fs/promises';
import ipaddr from 'ipaddr.js';
import { UpstreamFormatError } from '../sdk.ts';
import { splitCsvLine } from './csv-line.ts';

export interface AsnMatch {
  readonly asn: number;
  readonly organization: string;
  /** The range of the table that holds the address, `first - last`. */
  readonly range: string;
}

interface Columns<T> {
  readonly starts: T;
  readonly ends: T;
  readonly asns: Uint32Array;
  readonly orgIds: Uint32Array;
}

const MASK64 = (1n << 64n) - 1n;

/** An IPv4 dotted quad (or its number) as an unsigned 32-bit number. */
export function ipv4ToNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const parts = text.split('.');
  if (parts.length !== 4) throw new UpstreamFormatError(`not an IPv4 address: ${text}`);
  let value = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!Number.isInteger(octet) || octet < 0 || octet > 255 || part === '') throw new UpstreamFormatError(`not an IPv4 address: ${text}`);
    value = value * 256 + octet;
  }
  return value;
}

/** An IPv6 address (or its number) as a 128-bit integer. */
export function ipv6ToBigInt(text: string): bigint {
  if (/^\d+$/.test(text)) return BigInt(text);
  let value = 0n;
  for (const part of ipaddr.IPv6.parse(text).parts) value = (value << 16n) | BigInt(part);
  return value;
}

function bigIntToIpv6(value: bigint): string {
  const parts: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) parts.push(Number((value >> shift) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

function numberToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Calls `onRecord` with the fields of each non-empty line; returns the number of records. */
async function forEachRecord(path: string, onRecord: (fields: string[], index: number) => void): Promise<number> {
  const text = await fs.readFile(path, 'utf8');
  let count = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line === '') continue;
    const fields = splitCsvLine(line);
    if (fields.length < 3) throw new UpstreamFormatError(`${path}: expected start,end,asn,organisation, got "${line.slice(0, 80)}"`);
    onRecord(fields, count++);
  }
  return count;
}

/** Counts the lines of a file without keeping it (the upper bound of its records). */
async function lineCount(path: string): Promise<number> {
  const bytes = await fs.readFile(path);
  let lines = 0;
  for (let at = bytes.indexOf(10); at >= 0; at = bytes.indexOf(10, at + 1)) lines++;
  return lines + 1;
}

/** Interns organisation names: the v4 file has 412k ranges but only about 75k names. */
class NameTable {
  readonly names: string[] = [];
  readonly #ids = new Map<string, number>();
  id(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      // A copy, not the substring: V8 keeps a sliced string's parent (the whole 24 MB file
      // text) alive for as long as the slice lives.
      this.names.push(Buffer.from(name, 'utf8').toString('utf8'));
      this.#ids.set(name, id);
    }
    return id;
  }
}

type Ipv4Columns = Columns<Uint32Array>;
type Ipv6Columns = Columns<BigUint64Array> & { readonly startsLo: BigUint64Array; readonly endsLo: BigUint64Array };

/** Reorders every column by start address when the file was not sorted (the shipped files are). */
function sortColumns<C extends object>(columns: C, length: number, compare: (a: number, b: number) => number): C {
  let sorted = true;
  for (let i = 1; i < length && sorted; i++) if (compare(i - 1, i) > 0) sorted = false;
  if (sorted) return columns;
  const order = Array.from({ length }, (_, i) => i).sort(compare);
  const out: Record<string, Uint32Array | BigUint64Array> = {};
  for (const [name, column] of Object.entries(columns) as [string, Uint32Array | BigUint64Array][]) {
    const copy = column.slice(0, length);
    order.forEach((from, to) => {
      copy[to] = column[from]!;
    });
    out[name] = copy;
  }
  return out as C;
}

async function loadIpv4(path: string, names: NameTable): Promise<Ipv4Columns> {
  const capacity = await lineCount(path);
  const c = { starts: new Uint32Array(capacity), ends: new Uint32Array(capacity), asns: new Uint32Array(capacity), orgIds: new Uint32Array(capacity) };
  const n = await forEachRecord(path, (f, i) => {
    c.starts[i] = ipv4ToNumber(f[0]!);
    c.ends[i] = ipv4ToNumber(f[1]!);
    c.asns[i] = Number(f[2]);
    c.orgIds[i] = names.id(f[3] ?? '');
  });
  const trimmed = { starts: c.starts.slice(0, n), ends: c.ends.slice(0, n), asns: c.asns.slice(0, n), orgIds: c.orgIds.slice(0, n) };
  return sortColumns(trimmed, n, (a, b) => trimmed.starts[a]! - trimmed.starts[b]!);
}

async function loadIpv6(path: string, names: NameTable): Promise<Ipv6Columns> {
  const capacity = await lineCount(path);
  const big = (): BigUint64Array => new BigUint64Array(capacity);
  const c = { starts: big(), startsLo: big(), ends: big(), endsLo: big(), asns: new Uint32Array(capacity), orgIds: new Uint32Array(capacity) };
  const n = await forEachRecord(path, (f, i) => {
    const start = ipv6ToBigInt(f[0]!);
    const end = ipv6ToBigInt(f[1]!);
    c.starts[i] = start >> 64n;
    c.startsLo[i] = start & MASK64;
    c.ends[i] = end >> 64n;
    c.endsLo[i] = end & MASK64;
    c.asns[i] = Number(f[2]);
    c.orgIds[i] = names.id(f[3] ?? '');
  });
  const t = {
    starts: c.starts.slice(0, n),
    startsLo: c.startsLo.slice(0, n),
    ends: c.ends.slice(0, n),
    endsLo: c.endsLo.slice(0, n),
    asns: c.asns.slice(0, n),
    orgIds: c.orgIds.slice(0, n),
  };
  const key = (k: number): bigint => (t.starts[k]! << 64n) | t.startsLo[k]!;
  return sortColumns(t, n, (a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export class AsnTable {
  readonly #v4: Ipv4Columns;
  readonly #v6: Ipv6Columns;
  readonly #names: readonly string[];

  private constructor(v4: Ipv4Columns, v6: Ipv6Columns, names: readonly string[]) {
    this.#v4 = v4;
    this.#v6 = v6;
    this.#names = names;
  }

  /**
   * Loads both files. Throws (ENOENT, UpstreamFormatError) when one is missing or malformed.
   *
   * @example
   * const table = await AsnTable.load('asn-ipv4.csv', 'asn-ipv6.csv');
   * table.lookup('1.0.0.1') // { asn: 13335, organization: 'Cloudflare, Inc.', range: '1.0.0.0 - 1.0.0.255' }
   */
  static async load(ipv4Path: string, ipv6Path: string): Promise<AsnTable> {
    const names = new NameTable();
    // One after the other: each file is read whole, and two at once would double the peak.
    const v4 = await loadIpv4(ipv4Path, names);
    const v6 = await loadIpv6(ipv6Path, names);
    return new AsnTable(v4, v6, names.names);
  }

  get size(): { ipv4: number; ipv6: number; organizations: number } {
    return { ipv4: this.#v4.starts.length, ipv6: this.#v6.starts.length, organizations: this.#names.length };
  }

  /** The range holding `ip`, or null when no range does. */
  lookup(ip: string): AsnMatch | null {
    return ip.includes(':') ? this.#lookup6(ipv6ToBigInt(ip)) : this.#lookup4(ipv4ToNumber(ip));
  }

  #lookup4(value: number): AsnMatch | null {
    const { starts, ends } = this.#v4;
    const i = lastAtMost(starts.length, (k) => starts[k]! <= value);
    if (i < 0 || ends[i]! < value) return null;
    return this.#match(this.#v4, i, `${numberToIpv4(starts[i]!)} - ${numberToIpv4(ends[i]!)}`);
  }

  #lookup6(value: bigint): AsnMatch | null {
    const v6 = this.#v6;
    const at = (hi: BigUint64Array, lo: BigUint64Array, k: number): bigint => (hi[k]! << 64n) | lo[k]!;
    const i = lastAtMost(v6.starts.length, (k) => at(v6.starts, v6.startsLo, k) <= value);
    if (i < 0 || at(v6.ends, v6.endsLo, i) < value) return null;
    return this.#match(v6, i, `${bigIntToIpv6(at(v6.starts, v6.startsLo, i))} - ${bigIntToIpv6(at(v6.ends, v6.endsLo, i))}`);
  }

  #match(columns: { readonly asns: Uint32Array; readonly orgIds: Uint32Array }, i: number, range: string): AsnMatch | null {
    const asn = columns.asns[i]!;
    // ip-location-db marks ranges without an AS as 0.
    if (asn === 0) return null;
    return { asn, organization: this.#names[columns.orgIds[i]!] ?? '', range };
  }
}

/** The last index k in [0, length) with `isAtMost(k)`, for a predicate true then false; -1 when none. */
function lastAtMost(length: number, isAtMost: (k: number) => boolean): number {
  let lo = 0;
  let hi = length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (isAtMost(mid)) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
