import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { IDENTIFIER_TYPES } from '../src/identifiers/identifier-types.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

const DOCUMENTED = new Set(['request_malformed', 'field_required', 'field_invalid', 'invalid_identifier_type', 'identifier_format_invalid', 'no_identifiers', 'too_many_identifiers']);

describe('POST /v1/lookup under malformed input (property-based)', () => {
  let t: TestEngine;
  let key: string;
  before(async () => {
    t = await startTestEngine({ env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000' } });
    key = (await t.createKey(['analyst'])).key;
  });
  after(() => t.close());

  async function send(payload: string): Promise<void> {
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key, 'content-type': 'application/json' }, payload });
    assert.ok(res.statusCode < 500, `5xx for ${payload.slice(0, 200)}: ${res.body}`);
    const body = res.json() as { error?: { code: string; details?: { field: string }[] }; request_id: string };
    assert.equal(body.request_id, res.headers['x-request-id']);
    if (res.statusCode !== 200) {
      assert.ok(DOCUMENTED.has(body.error!.code), `undocumented code ${body.error!.code}`);
      if (body.error!.code !== 'request_malformed') assert.ok((body.error!.details ?? []).length > 0, 'details name the field');
    }
  }

  it('never answers 5xx to arbitrary JSON values', async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (value) => send(JSON.stringify(value))), { numRuns: 150 });
  });

  it('never answers 5xx to arbitrary text', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300, unit: 'binary' }), (text) => send(text)), { numRuns: 150 });
  });

  it('never answers 5xx to well-shaped requests with hostile identifier values', async () => {
    const identifier = fc.record({
      type: fc.oneof(fc.constantFrom(...IDENTIFIER_TYPES), fc.string({ maxLength: 12 })),
      value: fc.oneof(
        fc.string({ maxLength: 80, unit: 'binary' }),
        fc.emailAddress(),
        fc.webUrl(),
        fc.domain(),
        fc.ipV4(),
        fc.ipV6(),
        fc.stringMatching(/^\+[0-9]{1,17}$/),
        fc.string({ maxLength: 3000 }),
      ),
    });
    const request = fc.record(
      {
        identifiers: fc.array(identifier, { minLength: 0, maxLength: 22 }),
        options: fc.record({ depth: fc.oneof(fc.constantFrom('standard', 'deep'), fc.string()), requester_reference: fc.string({ maxLength: 300 }) }, { requiredKeys: [] }),
      },
      { requiredKeys: ['identifiers'] },
    );
    await fc.assert(fc.asyncProperty(request, (body) => send(JSON.stringify(body))), { numRuns: 200 });
  });
});
