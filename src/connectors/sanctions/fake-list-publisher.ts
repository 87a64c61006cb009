import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListId } from './sanctions-list.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** The fixture each list is served from by default, and the path it is served at. */
const FILES: Readonly<Record<ListId, { file: string; route: string; type: string }>> = {
  ofac_sdn: { file: 'ofac-sdn.xml', route: '/api/PublicationPreview/exports/SDN.XML', type: 'text/xml' },
  ofac_consolidated: { file: 'ofac-consolidated.xml', route: '/api/PublicationPreview/exports/CONSOLIDATED.XML', type: 'text/xml' },
  un_consolidated: { file: 'un-consolidated.xml', route: '/resources/xml/en/consolidated.xml', type: 'application/xml' },
  eu_fsf: { file: 'eu-fsf.xml', route: '/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content', type: 'text/xml' },
  uk_ofsi: { file: 'uk-conlist.csv', route: '/publishlive/2022format/ConList.csv', type: 'text/csv' },
};

/**
 * How the fake answers for one list: the published file (or other bytes), or one of the ways a
 * real download goes wrong.
 */
export type PublisherBehaviour =
  | { readonly kind: 'serve'; readonly body?: Buffer }
  /** Declares the full Content-Length, sends part of the body, then drops the connection. */
  | { readonly kind: 'cut'; readonly after: number }
  | { readonly kind: 'status'; readonly status: number; readonly body?: string }
  /** Accepts the request and never answers. */
  | { readonly kind: 'hang' };

/**
 * A loopback stand-in for the four publishers' download servers, serving the fixtures in their
 * published formats at the publishers' own paths. Tests switch a list's behaviour to make a
 * download fail in the ways real ones do.
 */
export class FakeListPublisher {
  readonly #server: http.Server;
  readonly #behaviour = new Map<ListId, PublisherBehaviour>();
  readonly requests: string[] = [];

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeListPublisher> {
    const server = http.createServer();
    const publisher = new FakeListPublisher(server);
    server.on('request', (req, res) => publisher.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return publisher;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The URL a list is served at, for its SANCTIONS_*_URL variable. */
  urlOf(list: ListId): string {
    return `${this.baseUrl}${FILES[list].route}${list === 'eu_fsf' ? '?token=dG9rZW4tMjAxNw' : ''}`;
  }

  /** Every SANCTIONS_*_URL variable pointing at this fake. */
  urlSettings(): Record<string, string> {
    return {
      SANCTIONS_OFAC_URL: this.urlOf('ofac_sdn'),
      SANCTIONS_OFAC_CONSOLIDATED_URL: this.urlOf('ofac_consolidated'),
      SANCTIONS_UN_URL: this.urlOf('un_consolidated'),
      SANCTIONS_EU_URL: this.urlOf('eu_fsf'),
      SANCTIONS_UK_URL: this.urlOf('uk_ofsi'),
    };
  }

  set(list: ListId, behaviour: PublisherBehaviour): void {
    this.#behaviour.set(list, behaviour);
  }

  /** The fixture bytes of a list. */
  static fixture(list: ListId): Buffer {
    return fs.readFileSync(path.join(FIXTURES, FILES[list].file));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests.push(req.url ?? '');
    const pathname = new URL(req.url ?? '/', 'http://fake').pathname;
    const list = (Object.keys(FILES) as ListId[]).find((id) => FILES[id].route === pathname);
    if (list === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const behaviour = this.#behaviour.get(list) ?? { kind: 'serve' };
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'status') {
      res.writeHead(behaviour.status, { 'content-type': 'text/html' }).end(behaviour.body ?? `<html><body>${behaviour.status}</body></html>`);
      return;
    }
    const body = behaviour.kind === 'serve' ? (behaviour.body ?? FakeListPublisher.fixture(list)) : FakeListPublisher.fixture(list);
    res.writeHead(200, { 'content-type': `${FILES[list].type}; charset=utf-8`, 'content-length': String(body.length) });
    if (behaviour.kind === 'cut') {
      res.write(body.subarray(0, behaviour.after), () => res.socket?.destroy());
      return;
    }
    res.end(body);
  }
}
