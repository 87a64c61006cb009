import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { isTracingActive } from '../src/observability/tracing.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

// The OpenTelemetry packages are CommonJS: whether loaded by require or by import(), each file
// lands in the CommonJS module cache (tracing-export.test.ts checks the same probe sees them
// once tracing is on). This file runs in a process of its own, like every test file.
const loadedSdkFiles = (): string[] =>
  Object.keys(createRequire(import.meta.url).cache).filter((file) => /\/@opentelemetry\/(sdk-|exporter-|otlp-|resources\/|context-async-hooks\/)/.test(file));

describe('OpenTelemetry off (OTEL_EXPORTER_OTLP_ENDPOINT unset)', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine();
  });
  after(() => t.close());

  it('serves lookups without ever loading the SDK or an exporter', async () => {
    assert.equal(t.engine.config.otelEndpoint, null);
    const { key } = await t.createKey(['analyst']);
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'phone', value: '+33612345678' }] } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(isTracingActive(), false);
    assert.deepEqual(loadedSdkFiles(), []);
  });
});
