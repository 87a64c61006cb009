import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

/** One span as a collector sees it, with its attributes decoded from OTLP AnyValues. */
export interface CollectedSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly status: { readonly code: number; readonly message: string };
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly resource: Readonly<Record<string, unknown>>;
  readonly scope: string;
}

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
}
interface KeyValue {
  key: string;
  value: AnyValue;
}
interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind?: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: KeyValue[];
  status?: { code?: number; message?: string };
}
interface ExportTraceServiceRequest {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { scope?: { name?: string }; spans?: JsonSpan[] }[] }[];
}

/**
 * A loopback OpenTelemetry collector speaking OTLP/HTTP with the JSON encoding (the protocol
 * spec's `application/json` variant: POST /v1/traces, an ExportTraceServiceRequest whose ids
 * are hex strings and whose int64 values may be strings; answer 200 with an
 * ExportTraceServiceResponse). Anything else is refused as a real collector would: another
 * path 404, another content type 415, a body that is not the message 400.
 */
export class FakeOtlpCollector {
  readonly spans: CollectedSpan[] = [];
  /** Every accepted body as received (decompressed), for "this never left" assertions. */
  readonly rawBodies: string[] = [];
  readonly requestHeaders: http.IncomingHttpHeaders[] = [];
  readonly #server: http.Server;

  private constructor(server: http.Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeOtlpCollector> {
    const collector = new FakeOtlpCollector(http.createServer());
    collector.#server.on('request', (req, res) => void collector.#handle(req, res));
    await new Promise<void>((resolve) => collector.#server.listen(0, '127.0.0.1', resolve));
    return collector;
  }

  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const reply = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== '/v1/traces') return reply(404, { code: 5, message: 'not found' });
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return reply(415, { code: 3, message: 'only application/json here' });
    let raw = Buffer.concat(chunks);
    if (req.headers['content-encoding'] === 'gzip') raw = zlib.gunzipSync(raw);
    let message: ExportTraceServiceRequest;
    try {
      message = JSON.parse(raw.toString('utf8')) as ExportTraceServiceRequest;
      this.spans.push(...decodeRequest(message));
    } catch (err) {
      return reply(400, { code: 3, message: `not an ExportTraceServiceRequest: ${(err as Error).message}` });
    }
    this.rawBodies.push(raw.toString('utf8'));
    this.requestHeaders.push(req.headers);
    reply(200, {});
  }
}

function decodeRequest(message: ExportTraceServiceRequest): CollectedSpan[] {
  if (!Array.isArray(message.resourceSpans)) throw new Error('resourceSpans missing');
  const out: CollectedSpan[] = [];
  for (const rs of message.resourceSpans) {
    const resource = decodeAttributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        if (!/^[0-9a-f]{32}$/.test(s.traceId) || !/^[0-9a-f]{16}$/.test(s.spanId)) throw new Error(`span ${s.name}: ids are not hex`);
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
          name: s.name,
          kind: s.kind ?? 0,
          attributes: decodeAttributes(s.attributes),
          status: { code: s.status?.code ?? 0, message: s.status?.message ?? '' },
          startTimeUnixNano: BigInt(s.startTimeUnixNano),
          endTimeUnixNano: BigInt(s.endTimeUnixNano),
          resource,
          scope: ss.scope?.name ?? '',
        });
      }
    }
  }
  return out;
}

function decodeAttributes(list: readonly KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, decodeValue(kv.value)]));
}

function decodeValue(value: AnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  // int64 travels as a JSON string or number (protobuf JSON mapping).
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue);
  if (value.kvlistValue !== undefined) return decodeAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return Buffer.from(value.bytesValue, 'base64');
  return null;
}
