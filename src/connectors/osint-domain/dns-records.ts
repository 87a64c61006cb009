import type { CaaRecord } from 'node:dns';
import { type CallResolver, type DnsAnswer, recordsOf } from '../network-common/call-resolver.ts';
import { gapOf, type UpstreamGap } from '../network-common/upstream-gaps.ts';

/** The DNS records of a domain that describe who runs it. */
export interface DomainDns {
  /** `NXDOMAIN` when the name does not exist, `NOERROR` otherwise. */
  readonly status: 'NOERROR' | 'NXDOMAIN';
  readonly a: readonly string[];
  readonly aaaa: readonly string[];
  readonly mx: readonly { readonly priority: number; readonly exchange: string }[];
  readonly ns: readonly string[];
  readonly txt: readonly string[];
  readonly caa: readonly { readonly critical: number; readonly tag: string; readonly value: string }[];
  /** The SPF policy (RFC 7208: the TXT record starting `v=spf1`). */
  readonly spf: string | null;
  /** The DMARC policy (RFC 7489 §6.1: TXT at `_dmarc.<domain>` starting `v=DMARC1`). */
  readonly dmarc: string | null;
}

const lowerName = (name: string): string => name.toLowerCase().replace(/\.$/, '');

function caaEntry(record: CaaRecord): { critical: number; tag: string; value: string }[] {
  const tags = ['issue', 'issuewild', 'iodef', 'contactemail', 'contactphone'] as const;
  return tags.flatMap((tag) => (record[tag] !== undefined ? [{ critical: record.critical, tag, value: String(record[tag]) }] : []));
}

/**
 * Asks A, AAAA, MX, NS, TXT, CAA and `_dmarc` TXT in parallel. Questions the resolver could not
 * answer become one `dns` gap naming them; `records` is null only when none was answered.
 *
 * @example
 * const { records } = await readDomainDns(dnsCall, 'example.com');
 * records?.mx // [{ priority: 10, exchange: 'mail.example.com' }]
 */
export async function readDomainDns(call: CallResolver, domain: string): Promise<{ records: DomainDns | null; gaps: UpstreamGap[] }> {
  const [a, aaaa, mx, ns, txt, caa, dmarc] = await Promise.all([
    call.ask((r) => r.resolve4(domain)),
    call.ask((r) => r.resolve6(domain)),
    call.ask((r) => r.resolveMx(domain)),
    call.ask((r) => r.resolveNs(domain)),
    call.ask((r) => r.resolveTxt(domain)),
    call.ask((r) => r.resolveCaa(domain)),
    call.ask((r) => r.resolveTxt(`_dmarc.${domain}`)),
  ]);
  const named: [string, DnsAnswer<unknown>][] = [['A', a], ['AAAA', aaaa], ['MX', mx], ['NS', ns], ['TXT', txt], ['CAA', caa], ['_dmarc TXT', dmarc]];
  const failed = named.filter(([, answer]) => answer.kind === 'failed');
  const gaps: UpstreamGap[] = [];
  if (failed.length > 0) {
    const first = failed[0]![1] as { kind: 'failed'; error: unknown };
    const gap = gapOf('dns', first.error);
    gaps.push({ ...gap, detail: `${gap.detail.replace(/^dns: /, `dns (${failed.map(([n]) => n).join(', ')}): `)}` });
  }
  if (failed.length === named.length) return { records: null, gaps };
  const texts = recordsOf(txt).map((chunks) => chunks.join(''));
  const records: DomainDns = {
    status: [a, aaaa, mx, ns, txt].some((x) => x.kind === 'nxdomain') ? 'NXDOMAIN' : 'NOERROR',
    a: recordsOf(a),
    aaaa: recordsOf(aaaa),
    mx: recordsOf(mx)
      .map((m) => ({ priority: m.priority, exchange: lowerName(m.exchange) }))
      .sort((x, y) => x.priority - y.priority || x.exchange.localeCompare(y.exchange)),
    ns: recordsOf(ns).map(lowerName).sort(),
    txt: texts,
    caa: recordsOf(caa).flatMap(caaEntry),
    spf: texts.find((t) => /^v=spf1(\s|$)/i.test(t)) ?? null,
    dmarc: recordsOf(dmarc).map((chunks) => chunks.join('')).find((t) => /^v=DMARC1\s*(;|$)/i.test(t)) ?? null,
  };
  return { records, gaps };
}

/** A and AAAA of a host name (the host of a URL or e-mail below the registrable domain). */
export async function readHostAddresses(call: CallResolver, host: string): Promise<{ host: string; a: readonly string[]; aaaa: readonly string[]; gaps: UpstreamGap[] }> {
  const [a, aaaa] = await Promise.all([call.ask((r) => r.resolve4(host)), call.ask((r) => r.resolve6(host))]);
  const failure = [a, aaaa].find((x) => x.kind === 'failed') as { kind: 'failed'; error: unknown } | undefined;
  return { host, a: recordsOf(a), aaaa: recordsOf(aaaa), gaps: failure ? [gapOf('dns', failure.error)] : [] };
}

/** True when the records hold anything worth reporting. */
export function hasRecords(dns: DomainDns): boolean {
  return dns.a.length + dns.aaaa.length + dns.mx.length + dns.ns.length + dns.txt.length + dns.caa.length > 0 || dns.dmarc !== null;
}
