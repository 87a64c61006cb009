import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

describe('lookup flow over HTTP', () => {
  let t: TestEngine;
  let analyst: string;
  before(async () => {
    t = await startTestEngine();
    analyst = (await t.createKey(['analyst'])).key;
  });
  after(() => t.close());

  it('answers a phone lookup with a signed, stored, verifiable report', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/v1/lookup',
      headers: { 'x-api-key': analyst },
      payload: { identifiers: [{ type: 'phone', value: '+33612345678' }], options: { requester_reference: 'CASE-1' } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(res.headers['x-request-id'], body.request_id);
    assert.equal(body.resolution.status, 'resolved');
    assert.equal(body.entities[0].profile.phones[0].carrier, 'SFR');
    assert.deepEqual(body.source_coverage.available, ['phone_metadata']);
    assert.equal(body.audit.identifiers_queried, 1);
    assert.match(body.entities[0].traceability.report_hash, /^sha256:[0-9a-f]{64}$/);

    const again = await t.inject({ method: 'GET', url: `/v1/lookup/${body.request_id}`, headers: { 'x-api-key': analyst } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, res.body);

    const verify = await t.inject({ method: 'GET', url: `/v1/reports/${body.request_id}/verify`, headers: { 'x-api-key': analyst } });
    assert.equal(verify.statusCode, 200);
    assert.equal(verify.json().verified, true, verify.body);
  });
});
