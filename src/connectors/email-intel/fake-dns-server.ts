import dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';

/** What the fake knows about one name. Names it does not know answer NXDOMAIN. */
export interface FakeZoneEntry {
  /** [preference, exchange]; an exchange of '' is the RFC 7505 null MX ("."). */
  readonly mx?: readonly (readonly [number, string])[];
  readonly a?: readonly string[];
  /** Answer this response code instead of records. */
  readonly rcode?: 'SERVFAIL' | 'REFUSED';
  /** Never answer (the resolver times out). */
  readonly silent?: boolean;
}

export interface FakeDnsServer {
  /** `127.0.0.1:<port>`, for `CONNECTOR_EMAIL_INTEL_DNS_SERVERS`. */
  readonly address: string;
  /** Questions received, as `TYPE name`. */
  readonly queries: string[];
  close(): Promise<void>;
}

const RCODES = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 } as const;

/**
 * A DNS server on 127.0.0.1 (UDP, port 0) speaking the real wire format through dns-packet, so
 * the connector's node:dns Resolver (c-ares) talks to it exactly as to a real resolver.
 *
 * @example
 * const dns = await startFakeDns({ 'example.com': { mx: [[10, 'mx.example.com']] } });
 */
export async function startFakeDns(zone: Readonly<Record<string, FakeZoneEntry>>): Promise<FakeDnsServer> {
  const socket = dgram.createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (message, remote) => {
    let query: dnsPacket.DecodedPacket;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // not DNS: a real server drops it too
    }
    const question = query.questions?.[0];
    if (!question) return;
    queries.push(`${question.type} ${question.name}`);
    const entry = zone[question.name.toLowerCase()];
    if (entry?.silent) return;
    socket.send(dnsPacket.encode(answer(query, question, entry)), remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answer(query: dnsPacket.DecodedPacket, question: dnsPacket.Question, entry: FakeZoneEntry | undefined): dnsPacket.Packet {
  const rcode = entry === undefined ? RCODES.NXDOMAIN : RCODES[entry.rcode ?? 'NOERROR'];
  const answers: dnsPacket.Answer[] = [];
  if (entry !== undefined && entry.rcode === undefined) {
    if (question.type === 'MX') {
      for (const [preference, exchange] of entry.mx ?? []) answers.push({ type: 'MX', name: question.name, ttl: 300, data: { preference, exchange } });
    }
    if (question.type === 'A') for (const address of entry.a ?? []) answers.push({ type: 'A', name: question.name, ttl: 300, data: address });
  }
  return {
    type: 'response',
    id: query.id ?? 0,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | rcode,
    questions: [question],
    answers,
  };
}
