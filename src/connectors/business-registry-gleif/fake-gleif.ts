import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Hand-made LEI records in the shape of GLEIF's API v1 (JSON:API `lei-records`). */
const RECORDS = [
  record('HWUPKR0MPOU8FGXBT394', 'APPLE INC.', {
    jurisdiction: 'US-CA',
    registeredAs: 'C0806592',
    registeredAt: 'RA000598',
    legalForm: 'H1UM',
    creationDate: '1977-01-03T00:00:00Z',
    legal: { addressLines: ['C/O C T CORPORATION SYSTEM', '330 N BRAND BLVD', 'STE 700'], city: 'GLENDALE', region: 'US-CA', country: 'US', postalCode: '91203-2336' },
    hq: { addressLines: ['ONE APPLE PARK WAY'], city: 'CUPERTINO', region: 'US-CA', country: 'US', postalCode: '95014' },
    ocid: 'us_ca/C0806592',
  }),
  record('549300ICZXQFXSYPIJ58', 'APPLE HOSPITALITY REIT, INC.', {
    jurisdiction: 'US-VA',
    registeredAs: '07176063',
    registeredAt: 'RA000624',
    legalForm: 'W8GB',
    creationDate: '2007-11-09T00:00:00Z',
    legal: { addressLines: ['814 EAST MAIN STREET'], city: 'RICHMOND', region: 'US-VA', country: 'US', postalCode: '23219' },
  }),
  record('W38RGI023J3WT1HWRP32', 'Siemens Aktiengesellschaft', {
    jurisdiction: 'DE',
    registeredAs: 'HRB 6684',
    registeredAt: 'RA000390',
    legalForm: '8Z6G',
    creationDate: '1966-09-28T00:00:00Z',
    legal: { addressLines: ['Werner-von-Siemens-Straße 1'], city: 'München', region: 'DE-BY', country: 'DE', postalCode: '80333' },
    otherNames: ['Siemens AG'],
  }),
  record('213800ACMEWIDGET0042', 'ACME WIDGETS LIMITED', {
    jurisdiction: 'GB',
    registeredAs: '01234567',
    registeredAt: 'RA000585',
    legalForm: 'H0PO',
    creationDate: '1998-03-17T00:00:00Z',
    legal: { addressLines: ['1 Example Street'], city: 'LONDON', country: 'GB', postalCode: 'EC1A 1AA' },
    status: 'INACTIVE',
  }),
];

interface Address {
  addressLines: string[];
  city: string;
  region?: string;
  country: string;
  postalCode: string;
}

function record(
  lei: string,
  name: string,
  o: { jurisdiction: string; registeredAs: string; registeredAt: string; legalForm: string; creationDate: string; legal: Address; hq?: Address; ocid?: string; otherNames?: string[]; status?: string },
) {
  const address = (a: Address) => ({ language: 'en', addressLines: a.addressLines, addressNumber: null, addressNumberWithinBuilding: null, mailRouting: null, city: a.city, region: a.region ?? null, country: a.country, postalCode: a.postalCode });
  return {
    type: 'lei-records',
    id: lei,
    attributes: {
      lei,
      entity: {
        legalName: { name, language: 'en' },
        otherNames: (o.otherNames ?? []).map((n) => ({ name: n, language: 'en', type: 'ALTERNATIVE_LANGUAGE_LEGAL_NAME' })),
        transliteratedOtherNames: [],
        legalAddress: address(o.legal),
        headquartersAddress: address(o.hq ?? o.legal),
        registeredAt: { id: o.registeredAt, other: null },
        registeredAs: o.registeredAs,
        jurisdiction: o.jurisdiction,
        category: 'GENERAL',
        legalForm: { id: o.legalForm, other: null },
        associatedEntity: { lei: null, name: null },
        status: o.status ?? 'ACTIVE',
        expiration: { date: null, reason: null },
        successorEntity: { lei: null, name: null },
        successorEntities: [],
        creationDate: o.creationDate,
        subCategory: null,
        otherAddresses: [],
        eventGroups: [],
      },
      registration: {
        initialRegistrationDate: '2012-06-06T15:53:00Z',
        lastUpdateDate: '2026-06-10T08:40:00Z',
        status: 'ISSUED',
        nextRenewalDate: '2027-06-11T00:00:00Z',
        managingLou: 'EVK05KS7XY1DEII3R011',
        corroborationLevel: 'FULLY_CORROBORATED',
        validatedAt: { id: o.registeredAt, other: null },
        validatedAs: o.registeredAs,
        otherValidationAuthorities: [],
      },
      bic: null,
      mic: null,
      ocid: o.ocid ?? null,
      spglobal: [],
      conformityFlag: 'CONFORMING',
    },
    relationships: {},
    links: { self: `https://api.gleif.org/api/v1/lei-records/${lei}` },
  };
}

export type GleifBehaviour = 'ok' | 'rate_limited' | 'hang' | 'server_error';

/** A loopback GLEIF API v1: full-text and LEI filters, fuzzy completions, JSON:API envelopes. */
export class FakeGleif {
  behaviour: GleifBehaviour = 'ok';
  readonly requests: string[] = [];
  readonly #server: http.Server;

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeGleif> {
    const fake = new FakeGleif(http.createServer());
    fake.#server.on('request', (req, res) => fake.#handle(req, res));
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/v1`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests.push(req.url ?? '');
    if (this.behaviour === 'hang') return;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/vnd.api+json', ...headers }).end(JSON.stringify(body));
    if (this.behaviour === 'rate_limited') return void send(429, { errors: [{ status: '429', title: 'Too Many Requests' }] }, { 'retry-after': '60' });
    if (this.behaviour === 'server_error') return void send(500, { errors: [{ status: '500', title: 'Internal Server Error' }] });
    const url = new URL(req.url ?? '/', 'http://fake');
    const size = Number(url.searchParams.get('page[size]') ?? '10');
    if (url.pathname === '/api/v1/lei-records') {
      const text = url.searchParams.get('filter[fulltext]');
      const leis = url.searchParams.get('filter[lei]')?.split(',');
      const matched = RECORDS.filter((r) => {
        if (leis) return leis.includes(r.id);
        if (text === null) return true;
        const words = text.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
        const names = [r.attributes.entity.legalName.name, ...r.attributes.entity.otherNames.map((n) => n.name)].join(' ').toLowerCase();
        return words.every((w) => names.includes(w));
      });
      return void send(200, { meta: { goldenCopy: { publishDate: '2026-11-25T08:00:00Z' }, pagination: { currentPage: 1, perPage: size, from: 1, to: matched.length, total: matched.length, lastPage: 1 } }, links: {}, data: matched.slice(0, size) });
    }
    if (url.pathname === '/api/v1/fuzzycompletions') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase().replace(/[^a-z]/g, '');
      const hits = RECORDS.filter((r) => q.length >= 4 && r.attributes.entity.legalName.name.toLowerCase().replace(/[^a-z]/g, '').startsWith(q.slice(0, 4)));
      return void send(200, {
        data: hits.map((r) => ({ type: 'fuzzycompletions', attributes: { value: r.attributes.entity.legalName.name }, relationships: { 'lei-records': { data: { type: 'lei-records', id: r.id }, links: { related: `https://api.gleif.org/api/v1/lei-records/${r.id}` } } } })),
      });
    }
    send(404, { errors: [{ status: '404', title: 'Not Found' }] });
  }
}
