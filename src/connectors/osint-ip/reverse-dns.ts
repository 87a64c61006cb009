import ipaddr from 'ipaddr.js';
import { type CallResolver, recordsOf } from '../network-common/call-resolver.ts';
import { gapOf, type UpstreamGap } from '../network-common/upstream-gaps.ts';

export interface ReverseDns {
  /** PTR names, lower-case, without the trailing dot. */
  readonly names: readonly string[];
  /**
   * Forward-confirmed (FCrDNS): the first name resolves back to the address. An unconfirmed
   * PTR name is only what the address holder chose to publish.
   */
  readonly confirmed: boolean | null;
}

/**
 * The PTR names of an address and whether the first one resolves back to it.
 *
 * @example
 * await readReverseDns(dnsCall, '8.8.8.8') // { dns: { names: ['dns.google'], confirmed: true }, gaps: [] }
 */
export async function readReverseDns(call: CallResolver, ip: string, version: 4 | 6): Promise<{ dns: ReverseDns | null; gaps: UpstreamGap[] }> {
  const ptr = await call.ask((r) => r.reverse(ip));
  if (ptr.kind === 'failed') return { dns: null, gaps: [gapOf('reverse dns', ptr.error)] };
  const names = recordsOf(ptr).map((n) => n.toLowerCase().replace(/\.$/, ''));
  if (names.length === 0) return { dns: null, gaps: [] };
  const forward = await call.ask((r) => (version === 6 ? r.resolve6(names[0]!) : r.resolve4(names[0]!)));
  const confirmed = forward.kind === 'failed' ? null : recordsOf(forward).some((a) => sameAddress(a, ip));
  return { dns: { names, confirmed }, gaps: [] };
}

function sameAddress(a: string, b: string): boolean {
  try {
    return ipaddr.parse(a).toNormalizedString() === ipaddr.parse(b).toNormalizedString();
  } catch {
    return false;
  }
}
