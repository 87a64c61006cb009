import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

describe('per-principal rate limits (SPEC §14)', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '5', RATE_LIMIT_BURST: '2', RATE_LIMIT_DEEP_LOOKUPS_PER_MINUTE: '1' } });
  });
  after(() => t.close());

  it('admits limit + burst in the sliding minute, then 429 with Retry-After and headers', async () => {
    const { key } = await t.createKey(['analyst']);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 9; i++) {
      last = await t.inject({ method: 'GET', url: '/v1/connectors', headers: { 'x-api-key': key } });
      statuses.push(last.statusCode);
      assert.equal(last.headers['x-ratelimit-limit'], '5');
      assert.ok(Number(last.headers['x-ratelimit-reset']) > Date.now() / 1000);
    }
    // A minute boundary inside the loop could shift one request; 7 admitted is the rule.
    assert.deepEqual(statuses.slice(0, 7), [200, 200, 200, 200, 200, 200, 200], statuses.join(','));
    assert.equal(statuses[7], 429);
    assert.equal(last!.json().error.code, 'rate_limit_exceeded');
    assert.ok(Number(last!.headers['retry-after']) >= 1);
    assert.equal(last!.headers['x-ratelimit-remaining'], '0');
  });

  it('keeps principals apart, and exempts /health', async () => {
    const { key } = await t.createKey(['analyst']);
    const res = await t.inject({ method: 'GET', url: '/v1/connectors', headers: { 'x-api-key': key } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-ratelimit-remaining'], '5');
    for (let i = 0; i < 20; i++) assert.equal((await t.inject({ method: 'GET', url: '/health' })).statusCode, 200);
  });

  it('limits deep lookups separately', async () => {
    const { key } = await t.createKey(['analyst']);
    const deep = { identifiers: [{ type: 'phone', value: '+33612345678' }], options: { depth: 'deep' } };
    const first = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: deep });
    assert.equal(first.statusCode, 200);
    const second = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: deep });
    assert.equal(second.statusCode, 429);
    assert.equal(second.json().error.code, 'rate_limit_exceeded');
    assert.ok(second.headers['retry-after']);
    const standard = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: deep.identifiers } });
    assert.equal(standard.statusCode, 200);
  });
});
