import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config/config.ts';

const refuses = (env: Record<string, string>, variable: string) =>
  assert.throws(() => loadConfig(env), (err: unknown) => err instanceof ConfigError && err.variable === variable && err.message.startsWith(`${variable}: `));

describe('configuration (SPEC §15)', () => {
  it('starts with no configuration at all, on the documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.http.host, '127.0.0.1');
    assert.equal(config.http.port, 8000);
    assert.equal(config.auth.mode, 'api_key');
    assert.equal(config.database.url, null);
    assert.match(config.dataDir, /data$/);
    assert.equal(config.connectors.timeoutMs, 10_000);
    assert.deepEqual(config.rateLimit, { requestsPerMinute: 60, burst: 10, deepLookupsPerMinute: 10 });
    assert.deepEqual(config.retention, { resultDays: 365, auditDays: 2555 });
    assert.equal(config.log.level, 'info');
    assert.deepEqual(config.metrics, { enabled: true, port: 9090 });
  });

  it('names the variable of a bad value in one line', () => {
    refuses({ PORT: 'eighty' }, 'PORT');
    refuses({ PORT: '70000' }, 'PORT');
    refuses({ AUTH_MODE: 'ldap' }, 'AUTH_MODE');
    refuses({ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL');
    refuses({ AUDIT_RETENTION_DAYS: '0' }, 'AUDIT_RETENTION_DAYS');
    refuses({ AUDIT_RETENTION_DAYS: '364' }, 'AUDIT_RETENTION_DAYS');
    refuses({ RESULT_RETENTION_DAYS: '-1' }, 'RESULT_RETENTION_DAYS');
    refuses({ RATE_LIMIT_REQUESTS_PER_MINUTE: '0' }, 'RATE_LIMIT_REQUESTS_PER_MINUTE');
    refuses({ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL');
    refuses({ METRICS_ENABLED: 'maybe' }, 'METRICS_ENABLED');
    refuses({ API_KEY_HASH_SECRET: 'short' }, 'API_KEY_HASH_SECRET');
    refuses({ AUTH_MODE: 'oidc' }, 'OIDC_ISSUER_URL');
    refuses({ AUTH_MODE: 'oidc', OIDC_ISSUER_URL: 'https://idp.example' }, 'OIDC_AUDIENCE');
    refuses({ AUTH_MODE: 'saml' }, 'SAML_METADATA_URL');
    refuses({ SIGNING_KEY_ID: 'k1' }, 'SIGNING_PRIVATE_KEY_PATH');
    refuses({ CONNECTOR_TIMEOUT_SECONDS: '0' }, 'CONNECTOR_TIMEOUT_SECONDS');
  });

  it('ignores the licence variables (Cairn has no licence check)', () => {
    const config = loadConfig({ INTRACE_LICENSE_KEY: 'x', INTRACE_DEPLOYMENT_ID: 'y', INTRACE_LICENSE_CHECK_INTERVAL: 'not a number' });
    assert.equal(config.http.port, 8000);
  });
});
