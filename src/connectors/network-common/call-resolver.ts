import dns from 'node:dns';

/** What one DNS question gave: records, a definite "none", or a failure to ask. */
export type DnsAnswer<T> =
  | { readonly kind: 'records'; readonly records: readonly T[] }
  /** NXDOMAIN: the name does not exist. */
  | { readonly kind: 'nxdomain' }
  /** NOERROR without records of this type. */
  | { readonly kind: 'nodata' }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * A `node:dns` Resolver for one connector call, pointed at the configured servers (the
 * system's when the list is empty). Every query still pending when the budget runs out or the
 * call's signal aborts is cancelled (rejected with ECANCELLED), so a silent resolver cannot
 * hold the call. Close it when the call is done.
 *
 * @example
 * const dnsCall = new CallResolver({ servers: ['127.0.0.1:5353'], budgetMs: 2000, signal });
 * try { await dnsCall.ask((r) => r.resolveMx('example.com')); } finally { dnsCall.close(); }
 */
export class CallResolver {
  readonly #resolver: dns.promises.Resolver;
  readonly #timer: NodeJS.Timeout;
  readonly #signal: AbortSignal;
  readonly #onAbort = (): void => this.#resolver.cancel();

  constructor(options: { readonly servers: readonly string[]; readonly budgetMs: number; readonly signal: AbortSignal }) {
    // Two tries per server within the budget; the cancel timer is the hard stop.
    this.#resolver = new dns.promises.Resolver({ timeout: Math.max(50, Math.floor(options.budgetMs / 2)), tries: 2 });
    if (options.servers.length > 0) this.#resolver.setServers([...options.servers]);
    this.#timer = setTimeout(this.#onAbort, options.budgetMs);
    this.#signal = options.signal;
    if (options.signal.aborted) this.#resolver.cancel();
    else options.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Runs one question and sorts its outcome; never throws. */
  async ask<T>(question: (resolver: dns.promises.Resolver) => Promise<T[]>): Promise<DnsAnswer<T>> {
    try {
      const records = await question(this.#resolver);
      return records.length > 0 ? { kind: 'records', records } : { kind: 'nodata' };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // c-ares reports NXDOMAIN as ENOTFOUND and an empty NOERROR answer as ENODATA.
      if (code === 'ENOTFOUND') return { kind: 'nxdomain' };
      if (code === 'ENODATA') return { kind: 'nodata' };
      return { kind: 'failed', error: err };
    }
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#signal.removeEventListener('abort', this.#onAbort);
  }
}

/** The records of an answer, or none. */
export function recordsOf<T>(answer: DnsAnswer<T>): readonly T[] {
  return answer.kind === 'records' ? answer.records : [];
}

/** Any DNS answer (NXDOMAIN included) proves the resolver works; silence or refusal does not. */
export async function probeResolver(servers: readonly string[], timeoutMs: number, signal: AbortSignal): Promise<void> {
  const call = new CallResolver({ servers, budgetMs: timeoutMs, signal });
  try {
    // example.com is reserved by RFC 2606 and always delegated, so a working resolver answers.
    const answer = await call.ask((r) => r.resolve4('example.com'));
    if (answer.kind === 'failed') throw answer.error;
  } finally {
    call.close();
  }
}
