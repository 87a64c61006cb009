/**
 * A DNS server for tests: real DNS packets (dns-packet) over UDP on 127.0.0.1, answering from a
 * zone table. A name not in the zone gets NXDOMAIN; a name in it without records of the asked
 * type gets an empty NOERROR answer; names listed in `hang` are never answered and names in
 * `servfail` get SERVFAIL. Resolvers point at it with `setServers(['127.0.0.1:<port>'])`.
 */
import dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';

export interface FakeZoneRecords {
  readonly A?: readonly string[];
  readonly AAAA?: readonly string[];
  readonly MX?: readonly { readonly preference: number; readonly exchange: string }[];
  readonly NS?: readonly string[];
  /** One string per record (split into 255-byte chunks on the wire). */
  readonly TXT?: readonly string[];
  readonly CAA?: readonly { readonly flags?: number; readonly tag: 'issue' | 'issuewild' | 'iodef'; readonly value: string }[];
  readonly PTR?: readonly string[];
}

export interface FakeDnsOptions {
  readonly zone: Readonly<Record<string, FakeZoneRecords>>;
  readonly hang?: readonly string[];
  readonly servfail?: readonly string[];
}

const RCODE_SERVFAIL = 2;
const RCODE_NXDOMAIN = 3;

export class FakeDnsServer {
  readonly #socket: dgram.Socket;
  readonly #zone = new Map<string, FakeZoneRecords>();
  readonly #hang: Set<string>;
  readonly #servfail: Set<string>;
  /** Every question received, in order (`name/TYPE`). */
  readonly queries: string[] = [];

  private constructor(socket: dgram.Socket, options: FakeDnsOptions) {
    this.#socket = socket;
    for (const [name, records] of Object.entries(options.zone)) this.#zone.set(name.toLowerCase(), records);
    this.#hang = new Set((options.hang ?? []).map((n) => n.toLowerCase()));
    this.#servfail = new Set((options.servfail ?? []).map((n) => n.toLowerCase()));
  }

  static async start(options: FakeDnsOptions): Promise<FakeDnsServer> {
    const socket = dgram.createSocket('udp4');
    const server = new FakeDnsServer(socket, options);
    socket.on('message', (message, remote) => server.#answer(message, remote));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return server;
  }

  /** `127.0.0.1:<port>`, as `Resolver.setServers` and OUTBOUND_DNS_SERVERS take it. */
  get address(): string {
    return `127.0.0.1:${this.#socket.address().port}`;
  }

  setRecords(name: string, records: FakeZoneRecords): void {
    this.#zone.set(name.toLowerCase(), records);
  }

  #answer(message: Buffer, remote: dgram.RemoteInfo): void {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    if (question === undefined) return;
    const name = question.name.toLowerCase();
    this.queries.push(`${name}/${question.type}`);
    if (this.#hang.has(name)) return;
    const records = this.#zone.get(name);
    const rcode = this.#servfail.has(name) ? RCODE_SERVFAIL : records === undefined ? RCODE_NXDOMAIN : 0;
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
      questions: [question],
      answers: rcode === 0 && records !== undefined ? answersFor(question.name, question.type, records) : [],
    });
    this.#socket.send(response, remote.port, remote.address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#socket.close(() => resolve()));
  }
}

function answersFor(name: string, type: string, records: FakeZoneRecords): dnsPacket.Answer[] {
  const base = { name, ttl: 300, class: 'IN' as const };
  switch (type) {
    case 'A':
      return (records.A ?? []).map((data) => ({ ...base, type: 'A' as const, data }));
    case 'AAAA':
      return (records.AAAA ?? []).map((data) => ({ ...base, type: 'AAAA' as const, data }));
    case 'NS':
      return (records.NS ?? []).map((data) => ({ ...base, type: 'NS' as const, data }));
    case 'PTR':
      return (records.PTR ?? []).map((data) => ({ ...base, type: 'PTR' as const, data }));
    case 'MX':
      return (records.MX ?? []).map((data) => ({ ...base, type: 'MX' as const, data: { ...data } }));
    case 'TXT':
      return (records.TXT ?? []).map((text) => ({ ...base, type: 'TXT' as const, data: chunks(text) }));
    case 'CAA':
      return (records.CAA ?? []).map((c) => ({ ...base, type: 'CAA' as const, data: { flags: c.flags ?? 0, tag: c.tag, value: c.value } }));
    default:
      return [];
  }
}

// RFC 1035 §3.3.14: a TXT record is a sequence of character-strings of at most 255 bytes.
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += 255) out.push(text.slice(i, i + 255));
  return out.length > 0 ? out : [''];
}
