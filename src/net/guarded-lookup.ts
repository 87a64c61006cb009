import dns from 'node:dns';
import net from 'node:net';
import { EgressBlockedError } from '../connectors/sdk.ts';
import { isAddressAllowed } from './address-policy.ts';

// c-ares codes for NXDOMAIN and for an answer without records of the asked type.
const NO_SUCH_RECORD = new Set(['ENOTFOUND', 'ENODATA']);

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/**
 * Resolves a host name the way every outbound connection must: all addresses first, then the
 * policy, and the connection goes to an address that passed (no second resolution, so no DNS
 * rebinding between check and connect). With `servers` set, queries go to those resolvers
 * (OUTBOUND_DNS_SERVERS) instead of the system's.
 */
export class GuardedResolver {
  readonly #allowLoopback: boolean;
  readonly #resolver: dns.promises.Resolver | null;

  constructor(options: { allowLoopback: boolean; servers?: readonly string[] }) {
    this.#allowLoopback = options.allowLoopback;
    if (options.servers && options.servers.length > 0) {
      this.#resolver = new dns.promises.Resolver({ timeout: 3000, tries: 2 });
      this.#resolver.setServers([...options.servers]);
    } else {
      this.#resolver = null;
    }
  }

  get allowLoopback(): boolean {
    return this.#allowLoopback;
  }

  /** Every address of `host` that the policy admits; throws EgressBlockedError when none. */
  async resolve(host: string): Promise<ResolvedAddress[]> {
    const literalFamily = net.isIP(host);
    const all: ResolvedAddress[] =
      literalFamily !== 0 ? [{ address: host, family: literalFamily as 4 | 6 }] : await this.#lookup(host);
    // A name without addresses is not a refusal: there is nothing to connect to (ENOTFOUND, as
    // the system resolver reports it), and callers tell "no such host" from "blocked".
    if (all.length === 0) throw Object.assign(new Error(`cannot resolve ${host}: no addresses`), { code: 'ENOTFOUND' });
    const refused = all.filter((a) => !isAddressAllowed(a.address, this.#allowLoopback));
    // One refused address refuses the host: a name that also points inside is not trusted.
    if (refused.length > 0) {
      throw new EgressBlockedError(`refused target ${host}: resolves to a non-public address`);
    }
    return all;
  }

  async #lookup(host: string): Promise<ResolvedAddress[]> {
    try {
      if (this.#resolver === null) {
        const found = await dns.promises.lookup(host, { all: true, verbatim: true });
        return found.map((f) => ({ address: f.address, family: f.family === 6 ? 6 : 4 }));
      }
      const [v4, v6] = await Promise.allSettled([this.#resolver.resolve4(host), this.#resolver.resolve6(host)]);
      const found = [
        ...(v4.status === 'fulfilled' ? v4.value.map((a) => ({ address: a, family: 4 as const })) : []),
        ...(v6.status === 'fulfilled' ? v6.value.map((a) => ({ address: a, family: 6 as const })) : []),
      ];
      // No address because the resolver failed (timeout, refusal) is not "no such host".
      const failure = [v4, v6].find((r): r is PromiseRejectedResult => r.status === 'rejected' && !NO_SUCH_RECORD.has((r.reason as NodeJS.ErrnoException).code ?? ''));
      if (found.length === 0 && failure !== undefined) throw failure.reason;
      return found;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'ENOTFOUND';
      throw Object.assign(new Error(`cannot resolve ${host}: ${code}`), { code });
    }
  }

  /** A `lookup` for net/tls/undici `connect` options that applies the policy. */
  readonly lookup = (
    hostname: string,
    options: dns.LookupOptions,
    callback: (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void,
  ): void => {
    this.resolve(hostname).then(
      (addresses) => {
        if (options.all) {
          callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
        } else {
          const wanted = options.family === 6 || options.family === 4 ? addresses.find((a) => a.family === options.family) : undefined;
          const pick = wanted ?? addresses[0]!;
          callback(null, pick.address, pick.family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, ''),
    );
  };
}
