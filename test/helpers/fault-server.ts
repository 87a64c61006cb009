import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';

/**
 * How a broken upstream misbehaves. Each is a failure seen in the wild from data sources:
 * - `hang`: accepts the request and never answers.
 * - `stall`: sends headers and part of the promised body, then goes silent.
 * - `drip`: sends one byte every 100 ms forever (defeats an idle timeout, not a deadline).
 * - `reset`: drops the connection as soon as the request arrives.
 * - `garbage`: 200 with the declared content type and random bytes as the body.
 * - `not_http`: answers with random bytes where the status line should be.
 * - `gigabytes`: 200 with a 4 GiB Content-Length, streamed as fast as the client reads.
 */
export type FaultMode = 'hang' | 'stall' | 'drip' | 'reset' | 'garbage' | 'not_http' | 'gigabytes';

export const FAULT_MODES: readonly FaultMode[] = ['hang', 'stall', 'drip', 'reset', 'garbage', 'not_http', 'gigabytes'];

const GIGABYTES = 4 * 1024 ** 3;

/**
 * A loopback upstream that fails on purpose, for HTTP (any path) and raw TCP (WHOIS, TLS). The
 * mode is switched between test cases; the server counts what it sent so a test can show that
 * a client stopped reading a gigabyte stream at its cap.
 */
export class FaultServer {
  mode: FaultMode = 'hang';
  /** Body bytes written per request path since the last reset of the counters. */
  readonly bytesSent = new Map<string, number>();
  /** Paths requested, in order (connectors sometimes fetch more than one). */
  readonly requested: string[] = [];
  readonly #http: http.Server;
  readonly #tcp: net.Server;
  readonly #sockets = new Set<Socket>();
  // What each socket is doing: a request path while it is answered, `idle` between requests.
  readonly #state = new WeakMap<Socket, string>();
  readonly #timers = new Set<NodeJS.Timeout>();

  private constructor() {
    this.#http = http.createServer((req, res) => this.#answerHttp(req, res));
    this.#tcp = net.createServer((socket) => this.#answerTcp(socket));
    for (const server of [this.#http, this.#tcp]) {
      server.on('connection', (socket: Socket) => {
        this.#sockets.add(socket);
        this.#state.set(socket, server === this.#tcp ? 'tcp' : 'idle');
        socket.on('error', () => undefined);
        socket.on('close', () => this.#sockets.delete(socket));
      });
    }
  }

  static async start(): Promise<FaultServer> {
    const server = new FaultServer();
    await Promise.all([server.#http, server.#tcp].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
    return server;
  }

  /** http://127.0.0.1:port: every path answers in the current mode. */
  get url(): string {
    return `http://127.0.0.1:${(this.#http.address() as AddressInfo).port}`;
  }

  /** A raw TCP port (for WHOIS and TLS handshakes) that misbehaves in the current mode. */
  get tcpPort(): number {
    return (this.#tcp.address() as AddressInfo).port;
  }

  /**
   * Switches the mode and clears the counters. Open connections are left alone: a client's idle
   * keep-alive connections stay usable, and any still busy is the client's to drop (tests check).
   */
  reset(mode: FaultMode): void {
    this.mode = mode;
    this.bytesSent.clear();
    this.requested.length = 0;
  }

  /**
   * Connections on which a request is still being answered (its path, or `tcp`), i.e. calls a
   * client has not given up on. Idle keep-alive connections of a client's pool are not counted.
   */
  busyConnections(): string[] {
    return [...this.#sockets].map((socket) => this.#state.get(socket) ?? 'idle').filter((state) => state !== 'idle');
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    for (const socket of this.#sockets) socket.destroy();
    await Promise.all([this.#http, this.#tcp].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }

  #count(path: string, bytes: number): void {
    this.bytesSent.set(path, (this.bytesSent.get(path) ?? 0) + bytes);
  }

  #answerHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = new URL(req.url ?? '/', 'http://fault').pathname;
    this.requested.push(path);
    const socket = req.socket;
    this.#state.set(socket, path);
    res.once('finish', () => this.#state.set(socket, 'idle'));
    const contentType = path.includes('page') ? 'text/html; charset=utf-8' : 'application/json';
    switch (this.mode) {
      case 'hang':
        return;
      case 'stall':
        res.writeHead(200, { 'content-type': contentType, 'content-length': '100000' });
        res.write('{"data": [');
        return;
      case 'drip': {
        res.writeHead(200, { 'content-type': contentType });
        const timer = setInterval(() => {
          if (res.destroyed) {
            clearInterval(timer);
            this.#timers.delete(timer);
            return;
          }
          res.write(' ');
          this.#count(path, 1);
        }, 100);
        this.#timers.add(timer);
        return;
      }
      case 'reset':
        req.socket.destroy();
        return;
      case 'garbage': {
        const body = randomBytes(4096);
        res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length) });
        res.end(body);
        return;
      }
      case 'not_http':
        req.socket.end(randomBytes(2048));
        return;
      case 'gigabytes':
        res.writeHead(200, { 'content-type': contentType, 'content-length': String(GIGABYTES) });
        this.#stream(res, path, GIGABYTES);
        return;
    }
  }

  /** Raw TCP: WHOIS expects a query line then text; TLS expects a handshake. */
  #answerTcp(socket: Socket): void {
    // Read (and drop) what the client sends, so its hang-up is seen and the socket closes.
    socket.resume();
    switch (this.mode) {
      case 'hang':
      case 'stall':
        return;
      case 'drip': {
        const timer = setInterval(() => {
          if (!socket.destroyed) return socket.write('%');
          clearInterval(timer);
          this.#timers.delete(timer);
        }, 100);
        this.#timers.add(timer);
        return;
      }
      case 'reset':
        socket.resetAndDestroy();
        return;
      case 'garbage':
      case 'not_http':
        socket.end(randomBytes(2048));
        return;
      case 'gigabytes':
        this.#stream(socket, 'tcp', GIGABYTES);
        return;
    }
  }

  /** Writes `total` bytes of filler, only as fast as the peer reads (backpressure), until it hangs up. */
  #stream(out: NodeJS.WritableStream & { destroyed: boolean }, path: string, total: number): void {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = (): void => {
      while (sent < total && !out.destroyed) {
        sent += chunk.length;
        this.#count(path, chunk.length);
        if (!out.write(chunk)) {
          out.once('drain', pump);
          return;
        }
      }
    };
    pump();
  }
}
