import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a fake answers: a status with a JSON (or text) body and headers, or nothing at all. */
export type FakeReply = { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> } | 'hang';

export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: http.IncomingHttpHeaders;
}

/**
 * A loopback HTTP server for the fakes of external APIs: each fake supplies the route handler
 * that speaks its provider's documented protocol; this keeps the socket plumbing in one place
 * and records every request (tests assert on what was sent, e.g. that a key went in a header).
 */
export class FakeHttpServer {
  readonly requests: FakeRequest[] = [];
  readonly #server: http.Server;

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(handle: (request: FakeRequest) => FakeReply): Promise<FakeHttpServer> {
    const fake = new FakeHttpServer(http.createServer());
    fake.#server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const request = { method: req.method ?? 'GET', url: new URL(req.url ?? '/', 'http://fake'), headers: req.headers };
      fake.requests.push(request);
      const reply = handle(request);
      if (reply === 'hang') return;
      const isText = typeof reply.body === 'string';
      res.writeHead(reply.status, { 'content-type': isText ? 'text/plain' : 'application/json', ...reply.headers });
      res.end(reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body));
    });
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * A fake of one commercial provider's API: a FakeHttpServer, a switchable behaviour (`ok`,
 * `hang`, the provider's throttling answers …) and the base URL under which the provider
 * versions its API. Subclasses write only `handle`, in the provider's documented protocol.
 */
export abstract class FakeProvider<Behaviour extends string> {
  behaviour: Behaviour;
  readonly #basePath: string;
  #server: FakeHttpServer | undefined;

  protected constructor(initial: Behaviour, basePath: string) {
    this.behaviour = initial;
    this.#basePath = basePath;
  }

  /** Starts listening; `start()` of each fake is `new FakeX().listen()`. */
  protected async listen(): Promise<this> {
    this.#server = await FakeHttpServer.start((request) => (this.behaviour === 'hang' ? 'hang' : this.handle(request)));
    return this;
  }

  protected abstract handle(request: FakeRequest): FakeReply;

  get baseUrl(): string {
    return `${this.#server!.origin}${this.#basePath}`;
  }

  get requests(): readonly FakeRequest[] {
    return this.#server!.requests;
  }

  close(): Promise<void> {
    return this.#server!.close();
  }
}
