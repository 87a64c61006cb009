import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError } from '../config/config.ts';
import { tracesUrlOf } from './tracing.ts';
import { tracingSettingsOf } from './tracing-settings.ts';

describe('tracing settings', () => {
  it('defaults the service name to cairn and sends no extra header', () => {
    assert.deepEqual(tracingSettingsOf({ env: {} }), { OTEL_SERVICE_NAME: 'cairn', OTEL_EXPORTER_OTLP_HEADERS: {} });
    assert.equal(tracingSettingsOf({ env: { OTEL_SERVICE_NAME: '  ' } }).OTEL_SERVICE_NAME, 'cairn');
  });

  it('reads OTEL_EXPORTER_OTLP_HEADERS as the OTLP spec writes it: name=value pairs, percent-encoded values', () => {
    const { OTEL_EXPORTER_OTLP_HEADERS: headers } = tracingSettingsOf({ env: { OTEL_EXPORTER_OTLP_HEADERS: 'Authorization=Bearer%20abc=, x-tenant = eu-1 ,' } });
    assert.deepEqual(headers, { authorization: 'Bearer abc=', 'x-tenant': 'eu-1' });
  });

  it('refuses a malformed header list, naming the variable (not the value)', () => {
    for (const bad of ['no-equals-sign', '=value', 'bad name=x', 'token=%E0%A4%A']) {
      assert.throws(
        () => tracingSettingsOf({ env: { OTEL_EXPORTER_OTLP_HEADERS: bad } }),
        (err: unknown) => err instanceof ConfigError && err.variable === 'OTEL_EXPORTER_OTLP_HEADERS' && !err.message.includes('%E0'),
        bad,
      );
    }
  });

  it('sends traces to <endpoint>/v1/traces', () => {
    assert.equal(tracesUrlOf('http://collector:4318'), 'http://collector:4318/v1/traces');
    assert.equal(tracesUrlOf('https://otel.example.org/otlp/'), 'https://otel.example.org/otlp/v1/traces');
  });
});
