import net, { type Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import type { TcpClient, TcpConnectOptions } from '../connectors/sdk.ts';
import type { GuardedResolver } from './guarded-lookup.ts';

/**
 * Raw TCP (WHOIS on port 43) and TLS (reading a served certificate chain) through the guard:
 * the host is resolved and checked, and the socket connects to the checked address.
 */
export class GuardedTcpClient implements TcpClient {
  readonly #resolver: GuardedResolver;

  constructor(resolver: GuardedResolver) {
    this.#resolver = resolver;
  }

  connect(options: TcpConnectOptions & { tls: { servername?: string } }): Promise<TLSSocket>;
  connect(options: TcpConnectOptions): Promise<Socket>;
  async connect(options: TcpConnectOptions): Promise<Socket | TLSSocket> {
    const [target] = await this.#resolver.resolve(options.host);
    const timeoutMs = options.timeoutMs ?? 10_000;
    const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const servername = options.tls?.servername ?? (net.isIP(options.host) ? undefined : options.host);
      const socket: Socket = options.tls
        ? tls.connect({
            host: target!.address,
            port: options.port,
            ...(servername !== undefined ? { servername } : {}),
            // We read certificates, we do not trust them: validity is reported, not enforced.
            rejectUnauthorized: false,
          })
        : net.connect({ host: target!.address, port: options.port });
      const onAbort = (): void => {
        socket.destroy();
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      socket.once(options.tls ? 'secureConnect' : 'connect', () => {
        signal.removeEventListener('abort', onAbort);
        resolve(socket);
      });
      socket.once('error', (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      });
    });
  }
}
