import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { ENGINE_VERSION } from '../src/engine/engine.ts';
import { flushTracing, shutdownTracing } from '../src/observability/tracing.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';
import { type CollectedSpan, FakeOtlpCollector } from './helpers/fake-otlp-collector.ts';
import { testPublicKeyPem } from './helpers/public-key.ts';

const PHONE = '+33612345678';
const EMAIL = 'jeanne.martin@example.org';
// What a caller might send: its own trace (W3C trace context), which the request span joins.
const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

const one = (spans: readonly CollectedSpan[], predicate: (s: CollectedSpan) => boolean, what: string): CollectedSpan => {
  const found = spans.filter(predicate);
  assert.equal(found.length, 1, `expected one ${what} span, got ${found.length}: ${spans.map((s) => s.name).join(', ')}`);
  return found[0]!;
};

describe('OpenTelemetry export over OTLP/HTTP', () => {
  let collector: FakeOtlpCollector;
  let t: TestEngine;
  let analyst: string;
  before(async () => {
    collector = await FakeOtlpCollector.start();
    t = await startTestEngine({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
        OTEL_SERVICE_NAME: 'cairn-under-test',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-collector-token=s3cret%20value',
      },
    });
    analyst = (await t.createKey(['analyst'])).key;
  });
  after(async () => {
    await t.close();
    await shutdownTracing();
    await collector.close();
  });

  it('exports the spans of one lookup, nested request → lookup → connector, signing, write', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/v1/lookup',
      headers: { 'x-api-key': analyst, traceparent: `00-${CALLER_TRACE}-${CALLER_SPAN}-01` },
      payload: { identifiers: [{ type: 'phone', value: PHONE }, { type: 'email', value: EMAIL }] },
    });
    assert.equal(res.statusCode, 200, res.body);
    const requestId = res.json().request_id as string;
    await flushTracing();

    const spans = collector.spans.filter((s) => s.traceId === CALLER_TRACE);
    const request = one(spans, (s) => s.name === 'POST /v1/lookup', 'HTTP request');
    assert.equal(request.kind, 2, 'SERVER');
    assert.equal(request.parentSpanId, CALLER_SPAN);
    assert.deepEqual(request.attributes, {
      'http.request.method': 'POST',
      'http.route': '/v1/lookup',
      'http.response.status_code': 200,
      'cairn.request_id': requestId,
    });

    const lookup = one(spans, (s) => s.name === 'lookup', 'lookup');
    assert.equal(lookup.parentSpanId, request.spanId);
    assert.equal(lookup.attributes['cairn.request_id'], requestId);
    assert.equal(lookup.attributes['cairn.lookup.depth'], 'standard');
    assert.equal(lookup.attributes['cairn.lookup.identifier_count'], 2);
    assert.deepEqual(lookup.attributes['cairn.lookup.identifier_types'], ['email', 'phone']);
    assert.equal(lookup.attributes['cairn.resolution.status'], res.json().resolution.status);
    assert.equal(lookup.attributes['cairn.lookup.entity_count'], res.json().entities.length);

    const connector = one(spans, (s) => s.name === 'connector.run', 'connector');
    assert.equal(connector.parentSpanId, lookup.spanId);
    assert.equal(connector.attributes['cairn.connector.id'], 'phone_metadata');
    assert.equal(connector.attributes['cairn.connector.outcome'], 'ok');
    assert.equal(connector.attributes['cairn.connector.wave'], 'query');
    assert.equal(typeof connector.attributes['cairn.connector.duration_ms'], 'number');
    assert.ok(connector.endTimeUnixNano >= connector.startTimeUnixNano);

    const sign = one(spans, (s) => s.name === 'report.sign', 'signing');
    assert.equal(sign.parentSpanId, lookup.spanId);
    assert.equal(sign.attributes['cairn.signing.key_id'], t.engine.signer.keyId);
    const store = one(spans, (s) => s.name === 'lookup.store', 'database write');
    assert.equal(store.parentSpanId, lookup.spanId);
    assert.equal(store.kind, 3, 'CLIENT');
    assert.equal(store.attributes['cairn.lookup.retained'], true);
    // Span clocks are anchored per span; allow a millisecond of skew when comparing two of them.
    assert.ok(store.startTimeUnixNano + 1_000_000n >= sign.endTimeUnixNano, 'the write follows the signature');

    for (const span of spans) {
      assert.equal(span.scope, 'cairn');
      assert.equal(span.resource['service.name'], 'cairn-under-test');
      assert.equal(span.resource['service.version'], ENGINE_VERSION);
    }
    assert.equal(collector.requestHeaders.at(-1)?.['x-collector-token'], 's3cret value');
  });

  it('never exports an identifier value or a credential', async () => {
    const res = await t.inject({
      method: 'POST',
      url: `/v1/lookup?note=${encodeURIComponent(EMAIL)}`,
      headers: { 'x-api-key': analyst },
      payload: { identifiers: [{ type: 'phone', value: PHONE }, { type: 'email', value: EMAIL }] },
    });
    assert.equal(res.statusCode, 200, res.body);
    await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': 'cairn_wrong_key_0123456789' }, payload: { identifiers: [{ type: 'email', value: EMAIL }] } });
    await flushTracing();
    const sent = collector.rawBodies.join('\n');
    assert.ok(sent.includes(res.json().request_id), 'the exported spans are the ones of these requests');
    for (const secret of [PHONE, PHONE.slice(1), '0612345678', EMAIL, 'jeanne.martin', analyst, 'cairn_wrong_key_0123456789']) {
      assert.ok(!sent.includes(secret), `${secret} was exported`);
    }
  });

  it('names the span of a request without a route by its method, and a 401 is not a server error', async () => {
    await t.inject({ method: 'GET', url: `/v1/no-such-route/${encodeURIComponent(EMAIL)}` });
    const unauthorized = await t.inject({ method: 'GET', url: '/v1/connectors' });
    assert.equal(unauthorized.statusCode, 401);
    await flushTracing();
    const notFound = one(collector.spans, (s) => s.attributes['http.response.status_code'] === 404, '404');
    assert.equal(notFound.name, 'GET');
    assert.equal(notFound.attributes['http.route'], undefined);
    const denied = one(collector.spans, (s) => s.name === 'GET /v1/connectors', '401');
    assert.equal(denied.attributes['http.response.status_code'], 401);
    assert.equal(denied.status.code, 0, 'UNSET');
  });

  it('loads the SDK once tracing is on (the disabled test relies on seeing this)', () => {
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes('/@opentelemetry/sdk-node/'));
    assert.ok(loaded.length > 0);
  });
});

describe('OpenTelemetry: a failed signature', () => {
  let collector: FakeOtlpCollector;
  let t: TestEngine;
  before(async () => {
    collector = await FakeOtlpCollector.start();
    t = await startTestEngine({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
      signer: { keyId: 'sk_failing', publicKeyPem: testPublicKeyPem(), sign: () => Promise.reject(new Error(`key store refused ${PHONE}`)), signPkcs1: () => Promise.reject(new Error('refused')) },
    });
  });
  after(async () => {
    await t.close();
    await shutdownTracing();
    await collector.close();
  });

  it('marks report.sign, lookup and the request failed by error code, without the message', async () => {
    const { key } = await t.createKey(['analyst']);
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'phone', value: PHONE }] } });
    assert.equal(res.statusCode, 500);
    await flushTracing();
    const sign = one(collector.spans, (s) => s.name === 'report.sign', 'signing');
    assert.deepEqual(sign.status, { code: 2, message: 'signing_failed' });
    assert.equal(sign.attributes['error.type'], 'signing_failed');
    const lookup = one(collector.spans, (s) => s.name === 'lookup', 'lookup');
    assert.equal(lookup.status.code, 2);
    assert.equal(one(collector.spans, (s) => s.name === 'POST /v1/lookup', 'request').status.code, 2);
    assert.equal(collector.spans.some((s) => s.name === 'lookup.store'), false, 'nothing is written after a failed signature');
    assert.ok(!collector.rawBodies.join('\n').includes(PHONE.slice(1)));
  });
});
