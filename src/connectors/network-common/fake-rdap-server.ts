/**
 * An RDAP service for tests (RFC 7480 over HTTP on 127.0.0.1): serves IANA-style bootstrap
 * files and RDAP objects by path as `application/rdap+json`, answers unknown paths with an
 * RFC 9083 §6 error object and 404, and can stall (`'hang'`) or rate-limit a path.
 */
import http from 'node:http';

export type FakeReply =
  | { readonly status?: number; readonly json?: unknown; readonly text?: string; readonly headers?: Readonly<Record<string, string>> }
  | 'hang';

export class FakeRdapServer {
  readonly #server: http.Server;
  readonly #routes = new Map<string, FakeReply>();
  /** Paths requested, in order (with the query string). */
  readonly requests: string[] = [];

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeRdapServer> {
    const server = http.createServer();
    const fake = new FakeRdapServer(server);
    server.on('request', (req, res) => fake.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** `http://127.0.0.1:<port>` (no trailing slash). */
  get url(): string {
    const address = this.#server.address();
    if (address === null || typeof address !== 'object') throw new Error('fake RDAP server is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  route(path: string, reply: FakeReply): this {
    this.#routes.set(path.toLowerCase(), reply);
    return this;
  }

  hits(path: string): number {
    return this.requests.filter((p) => p === path).length;
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    this.requests.push(path);
    const reply = this.#routes.get(path.split('?')[0]!.toLowerCase());
    if (reply === 'hang') return; // never answered; close() drops the socket
    if (reply === undefined) {
      send(res, 404, { errorCode: 404, title: 'Not Found', description: ['The object does not exist.'], rdapConformance: ['rdap_level_0'] });
      return;
    }
    if (reply.text !== undefined) {
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/html', ...reply.headers });
      res.end(reply.text);
      return;
    }
    send(res, reply.status ?? 200, reply.json ?? {}, reply.headers);
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  res.writeHead(status, { 'content-type': 'application/rdap+json', 'access-control-allow-origin': '*', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * An RFC 9224 bootstrap file from (entries, base URL) pairs.
 *
 * @example
 * bootstrapFile([[['example'], 'http://127.0.0.1:4000/rdap/']])
 */
export function bootstrapFile(services: readonly (readonly [readonly string[], string])[]): unknown {
  return {
    version: '1.0',
    publication: '2026-06-01T00:00:00Z',
    description: 'RDAP bootstrap file for tests (shape of https://data.iana.org/rdap/)',
    services: services.map(([entries, url]) => [entries, [url]]),
  };
}
