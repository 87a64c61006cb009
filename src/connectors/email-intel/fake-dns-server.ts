import { FakeDnsServer, type FakeZoneRecords } from '../network-common/fake-dns-server.ts';

export type { FakeDnsServer };

/** What the fake knows about one name, in the terms of mail checks. Unknown names answer NXDOMAIN. */
export interface FakeZoneEntry {
  /** [preference, exchange]; an exchange of '' is the RFC 7505 null MX ("."). */
  readonly mx?: readonly (readonly [number, string])[];
  readonly a?: readonly string[];
  /** Answer SERVFAIL instead of records. */
  readonly rcode?: 'SERVFAIL';
  /** Never answer (the resolver times out). */
  readonly silent?: boolean;
}

/**
 * The network connectors' DNS fake (real wire format over UDP on 127.0.0.1), with a zone
 * written as mail checks read it.
 *
 * @example
 * const dns = await startFakeDns({ 'example.com': { mx: [[10, 'mx.example.com']] } });
 */
export function startFakeDns(zone: Readonly<Record<string, FakeZoneEntry>>): Promise<FakeDnsServer> {
  const records: Record<string, FakeZoneRecords> = {};
  const hang: string[] = [];
  const servfail: string[] = [];
  for (const [name, entry] of Object.entries(zone)) {
    if (entry.silent) hang.push(name);
    if (entry.rcode === 'SERVFAIL') servfail.push(name);
    records[name] = { MX: (entry.mx ?? []).map(([preference, exchange]) => ({ preference, exchange })), A: entry.a ?? [] };
  }
  return FakeDnsServer.start({ zone: records, hang, servfail });
}
