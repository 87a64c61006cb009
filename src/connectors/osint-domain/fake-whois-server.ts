/**
 * A WHOIS server for tests (RFC 3912 on 127.0.0.1): reads one query line, writes the answer
 * `respond` gives and closes; a null answer leaves the connection open and silent (a hung
 * server).
 */
import net from 'node:net';

export class FakeWhoisServer {
  readonly #server: net.Server;
  readonly #sockets = new Set<net.Socket>();
  /** Queries received, in order. */
  readonly queries: string[] = [];

  private constructor(server: net.Server) {
    this.#server = server;
  }

  static async start(respond: (query: string) => string | null): Promise<FakeWhoisServer> {
    const server = net.createServer();
    const fake = new FakeWhoisServer(server);
    server.on('connection', (socket) => {
      fake.#sockets.add(socket);
      socket.once('close', () => fake.#sockets.delete(socket));
      let buffered = '';
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const end = buffered.indexOf('\r\n');
        if (end < 0) return;
        const query = buffered.slice(0, end).trim();
        fake.queries.push(query);
        const answer = respond(query);
        if (answer !== null) socket.end(answer.replace(/\n/g, '\r\n'));
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address !== 'object') throw new Error('fake WHOIS server is not listening');
    return address.port;
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
