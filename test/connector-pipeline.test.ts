import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { ConfigError } from '../src/config/config.ts';
import { phoneMetadata } from '../src/connectors/phone-metadata/phone-metadata.ts';
import { type AnyConnectorDefinition, type ConnectorResult, defineConnector, defineManifest, found, unavailable } from '../src/connectors/sdk.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

// Stand-ins for external data sources with controlled behaviour; they run through the real
// SDK, runner, planner and coverage code.
function source(id: string, options: { tier?: 'primary' | 'secondary'; accepts?: ('username' | 'email')[]; acceptsDerived?: 'username'[]; run: (values: string[], derived: boolean) => Promise<ConnectorResult> }): AnyConnectorDefinition {
  const manifest = defineManifest({
    id,
    name: `Source ${id}`,
    description: 'test source',
    category: 'web_search',
    tier: options.tier ?? 'primary',
    accepts: options.accepts ?? ['username'],
    accepts_derived: options.acceptsDerived ?? [],
    credential_mode: 'intrace_managed',
    reliability: 0.8,
  });
  return defineConnector({
    manifest,
    settings: z.object({}),
    create: () => ({
      manifest,
      egress: [{ host: `${id}.example`, port: 443, protocol: 'https' as const }],
      run: (input) => options.run(input.identifiers.map((i) => i.normalized), input.derived),
      health: async () => ({ status: 'reachable' as const, latency_ms: 1, error: null }),
    }),
  });
}

const webResult = (value: string, derived = false) =>
  found([{ kind: 'web_result', data: { title: `${value} page`, url: `https://example.com/${value}${derived ? '?derived' : ''}` }, confidence: 0.7, about: [{ type: 'username', normalized: value }] }]);

describe('connector pipeline: parallel runs, timeouts, outcomes, depth, derived identifiers', () => {
  let t: TestEngine;
  let key: string;
  const calls: string[] = [];
  before(async () => {
    t = await startTestEngine({
      env: { CONNECTOR_TIMEOUT_SECONDS: '1' },
      connectorDefinitions: [
        source('answers', { acceptsDerived: ['username'], run: async (v, derived) => (calls.push(`answers:${v.join(',')}:${derived}`), webResult(v[0]!, derived)) }),
        source('hangs', { run: () => new Promise(() => undefined) }),
        source('throws', { run: async () => { throw new Error('boom with secret token xyz'); } }),
        source('limited', { run: async () => unavailable('rate_limited', 'upstream said 429, retry after 30 s') }),
        source('empty', { run: async () => found([]) }),
        source('deep_only', { tier: 'secondary', run: async (v) => webResult(`deep-${v[0]}`) }),
        source('emails', { accepts: ['email'], run: async (v) => found([], [{ type: 'username', value: v[0]!.split('@')[0]! }]) }),
        phoneMetadata,
      ],
    });
    key = (await t.createKey(['analyst'])).key;
  });
  after(() => t.close());

  const lookup = async (payload: object) => {
    const started = Date.now();
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload });
    assert.equal(res.statusCode, 200, res.body);
    return { body: res.json(), elapsed: Date.now() - started };
  };

  it('returns by the deadline with every outcome disclosed in source_coverage', async () => {
    const { body } = await lookup({ identifiers: [{ type: 'username', value: 'jdoe' }] });
    const coverage = body.source_coverage;
    assert.deepEqual([...coverage.available].sort(), ['answers', 'empty']);
    assert.deepEqual([...coverage.unavailable].sort(), ['hangs', 'limited', 'throws']);
    const outcome = (id: string) => coverage.details.find((d: { connector_id: string }) => d.connector_id === id).outcome;
    assert.equal(outcome('hangs'), 'timeout');
    assert.equal(outcome('throws'), 'connector_error');
    assert.equal(outcome('limited'), 'rate_limited');
    assert.ok(['timeout', 'connector_error', 'rate_limited'].includes(coverage.unavailability_reason));
    assert.deepEqual(coverage.not_queried, [
      { connector_id: 'deep_only', reason: 'depth' },
      { connector_id: 'emails', reason: 'not_applicable' },
      { connector_id: 'phone_metadata', reason: 'not_applicable' },
    ]);
    assert.equal(body.resolution.status, 'resolved');
    assert.equal(body.entities[0].profile.web_results[0].url, 'https://example.com/jdoe');
    assert.ok(!JSON.stringify(body).includes('secret token'), 'connector errors are not echoed');
  });

  it('runs secondary connectors and the derived-identifier wave only at depth deep', async () => {
    calls.length = 0;
    const { body } = await lookup({ identifiers: [{ type: 'email', value: 'jane.roe@example.com' }], options: { depth: 'deep' } });
    assert.ok(calls.includes('answers:jane.roe:true'), calls.join(' '));
    assert.ok(body.entities[0].profile.web_results.some((w: { url: string }) => w.url === 'https://example.com/jane.roe?derived'));
    calls.length = 0;
    const standard = await lookup({ identifiers: [{ type: 'email', value: 'jane.roe@example.com' }] });
    assert.deepEqual(calls, []);
    assert.equal(standard.body.resolution.status, 'no_match');
    const deep = await lookup({ identifiers: [{ type: 'username', value: 'x' }], options: { depth: 'deep' } });
    assert.ok(deep.body.source_coverage.available.includes('deep_only'));
  });

  it('lists connectors with their egress and status, and probes one live', async () => {
    const list = await t.inject({ method: 'GET', url: '/v1/connectors', headers: { 'x-api-key': key } });
    const connectors = list.json().connectors as { id: string; status: string; egress: unknown[] }[];
    assert.equal(connectors.length, 8);
    assert.equal(connectors.find((c) => c.id === 'answers')!.status, 'unknown');
    const health = await t.inject({ method: 'GET', url: '/v1/connectors/answers/health', headers: { 'x-api-key': key } });
    assert.equal(health.statusCode, 200);
    assert.equal(health.json().status, 'reachable');
    const after = (await t.inject({ method: 'GET', url: '/v1/connectors', headers: { 'x-api-key': key } })).json().connectors.find((c: { id: string }) => c.id === 'answers');
    assert.equal(after.status, 'reachable');
    assert.equal(after.latency_ms, 1);
    const unknown = await t.inject({ method: 'GET', url: '/v1/connectors/nope/health', headers: { 'x-api-key': key } });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'not_found');
  });
});

describe('connector configuration', () => {
  it('CONNECTOR_ENABLED selects connectors, and an unknown id stops the start', async () => {
    const t = await startTestEngine({ env: { CONNECTOR_ENABLED: 'phone_metadata' } });
    assert.deepEqual(t.engine.connectors.map((c) => c.manifest.id), ['phone_metadata']);
    await t.close();
    await assert.rejects(startTestEngine({ env: { CONNECTOR_ENABLED: 'phone_metadata,nope' } }), (err: unknown) => err instanceof ConfigError && err.variable === 'CONNECTOR_ENABLED');
  });

  it('a manifest with an unknown key or value is refused', () => {
    assert.throws(() => defineManifest({ id: 'x_y', name: 'n', description: 'd', category: 'web_search', tier: 'primary', accepts: ['email'], credential_mode: 'byok', reliability: 0.5, ...({ surprise: true } as object) }));
    assert.throws(() => defineManifest({ id: 'x_y', name: 'n', description: 'd', category: 'gossip' as 'web_search', tier: 'primary', accepts: ['email'], credential_mode: 'byok', reliability: 0.5 }));
  });
});

describe('credential passwords', () => {
  const breach = source('breach', {
    accepts: ['email'],
    run: async (v) => found([{ kind: 'credential', data: { email: v[0]!, password: 'hunter2', source_name: 'Example breach' }, confidence: 0.9, about: [{ type: 'email', normalized: v[0]! }] }]),
  });
  const payload = { identifiers: [{ type: 'email', value: 'leaked@example.com' }] };

  it('are redacted by default and kept only when REDACT_CREDENTIAL_PASSWORDS=false', async () => {
    for (const [redact, expectPassword] of [['true', false], ['false', true]] as const) {
      const t = await startTestEngine({ env: { REDACT_CREDENTIAL_PASSWORDS: redact }, connectorDefinitions: [breach] });
      const { key } = await t.createKey(['analyst']);
      const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload });
      const credential = res.json().entities[0].profile.credentials[0];
      assert.equal(credential.source_name, 'Example breach');
      assert.equal('password' in credential, expectPassword, `REDACT_CREDENTIAL_PASSWORDS=${redact}`);
      assert.equal(res.body.includes('hunter2'), expectPassword);
      await t.close();
    }
  });
});
