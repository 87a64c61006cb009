/**
 * WHOIS (RFC 3912) over the guarded TCP client: send the query and CRLF on port 43, read until
 * the server closes. Used where no RDAP service exists for a TLD; IANA's WHOIS server names
 * the TLD's own server (`refer:` / `whois:`), cached for a TTL.
 */
import type { TcpClient } from '../sdk.ts';

const MAX_BYTES = 256 * 1024;

export interface WhoisQuery {
  readonly host: string;
  readonly port: number;
  readonly query: string;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

/**
 * Sends one query and returns the answer text (cut at 256 KiB). Throws on refusal, timeout or
 * a guard refusal of the host.
 *
 * @example
 * await queryWhois(tcp, { host: 'whois.iana.org', port: 43, query: 'com', signal, timeoutMs: 5000 });
 */
export async function queryWhois(tcp: TcpClient, options: WhoisQuery): Promise<string> {
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  const socket = await tcp.connect({ host: options.host, port: options.port, signal, timeoutMs: options.timeoutMs });
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err?: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err !== undefined) reject(err);
      else resolve(decodeWhois(Buffer.concat(chunks)));
    };
    const onAbort = (): void => finish(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Buffer) => {
      const room = MAX_BYTES - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      if (size >= MAX_BYTES) finish();
    });
    socket.once('end', () => finish());
    socket.once('close', () => finish());
    socket.once('error', (err) => finish(err));
    // Write without half-closing: some servers drop a connection whose client sent FIN first.
    socket.write(`${options.query}\r\n`);
  });
}

/** WHOIS has no charset negotiation: UTF-8 when the bytes are valid UTF-8, else Latin-1. */
function decodeWhois(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/i;

/**
 * The WHOIS server IANA names for a TLD (`refer:` first, else `whois:`), or null when the TLD
 * has none.
 *
 * @example
 * whoisServerInIanaAnswer('refer:        whois.nic.example\n\ndomain:       EXAMPLE\n') // 'whois.nic.example'
 */
export function whoisServerInIanaAnswer(text: string): string | null {
  for (const key of ['refer', 'whois']) {
    const match = new RegExp(`^${key}:[ \\t]*(\\S+)[ \\t]*$`, 'im').exec(text);
    if (match && HOST.test(match[1]!)) return match[1]!.toLowerCase();
  }
  return null;
}

/** IANA's WHOIS service as a directory of TLD WHOIS servers, with an in-memory TTL cache. */
export class WhoisDirectory {
  readonly #tcp: TcpClient;
  readonly #o: { readonly host: string; readonly port: number; readonly ttlMs: number; readonly now: () => Date };
  readonly #cache = new Map<string, { readonly server: string | null; readonly at: number }>();

  constructor(tcp: TcpClient, options: { host: string; port: number; ttlMs: number; now: () => Date }) {
    this.#tcp = tcp;
    this.#o = options;
  }

  async serverFor(tld: string, signal: AbortSignal, timeoutMs: number): Promise<string | null> {
    const cached = this.#cache.get(tld);
    const now = this.#o.now().getTime();
    if (cached !== undefined && now - cached.at < this.#o.ttlMs) return cached.server;
    const text = await queryWhois(this.#tcp, { host: this.#o.host, port: this.#o.port, query: tld, signal, timeoutMs });
    const server = whoisServerInIanaAnswer(text);
    this.#cache.set(tld, { server, at: now });
    return server;
  }

  /** A live query of the directory itself (health). */
  async probe(signal: AbortSignal, timeoutMs: number): Promise<void> {
    const text = await queryWhois(this.#tcp, { host: this.#o.host, port: this.#o.port, query: 'com', signal, timeoutMs });
    if (text.trim() === '') throw Object.assign(new Error('empty WHOIS answer'), { code: 'EWHOISEMPTY' });
  }
}
