import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

type Detail = { field: string; issue: string };

describe('POST /v1/lookup validation: every 400/422 code over HTTP', () => {
  let t: TestEngine;
  let key: string;
  before(async () => {
    t = await startTestEngine({ listen: true, env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '100000' } });
    key = (await t.createKey(['analyst'])).key;
  });
  after(() => t.close());

  /** Sends a raw body over a real socket and checks the envelope every error must have. */
  async function post(body: string, contentType = 'application/json') {
    const res = await fetch(`${t.url}/v1/lookup`, { method: 'POST', headers: { 'x-api-key': key, 'content-type': contentType }, body });
    const json = (await res.json()) as { error: { code: string; message: string; details?: Detail[] }; request_id: string };
    const requestId = res.headers.get('x-request-id');
    assert.match(requestId ?? '', /^req_[0-9A-Z]{26}$/);
    assert.equal(json.request_id, requestId);
    assert.equal(typeof json.error.message, 'string');
    assert.doesNotMatch(JSON.stringify(json), /at .*\.ts:\d+|node_modules|Error:/, 'no stack trace leaks');
    return { status: res.status, error: json.error };
  }

  const expectError = async (body: unknown, status: number, code: string, field?: string) => {
    const { status: got, error } = await post(typeof body === 'string' ? body : JSON.stringify(body));
    assert.equal(got, status, JSON.stringify(error));
    assert.equal(error.code, code);
    if (field !== undefined) assert.ok(error.details?.some((d) => d.field === field), `details name ${field}: ${JSON.stringify(error.details)}`);
    return error;
  };

  it('400 request_malformed for a body that is not JSON', async () => {
    await expectError('{"identifiers": [', 400, 'request_malformed');
    await expectError('', 400, 'request_malformed');
    const { status, error } = await post('identifiers=1', 'text/plain');
    assert.equal(status, 400);
    assert.equal(error.code, 'request_malformed');
  });

  it('400 field_required names the missing field', async () => {
    await expectError({}, 400, 'field_required', 'identifiers');
    await expectError({ identifiers: [{ value: 'a@b.example' }] }, 400, 'field_required', 'identifiers[0].type');
    await expectError({ identifiers: [{ type: 'email' }] }, 400, 'field_required', 'identifiers[0].value');
  });

  it('400 field_invalid names the field and the constraint', async () => {
    await expectError({ identifiers: 'a@b.example' }, 400, 'field_invalid', 'identifiers');
    await expectError({ identifiers: [{ type: 'email', value: 42 }] }, 400, 'field_invalid', 'identifiers[0].value');
    await expectError({ identifiers: [{ type: 7, value: 'x' }] }, 400, 'field_invalid', 'identifiers[0].type');
    await expectError({ identifiers: ['x'] }, 400, 'field_invalid', 'identifiers[0]');
    await expectError({ identifiers: [{ type: 'username', value: 'x' }], options: { depth: 'deepest' } }, 400, 'field_invalid', 'options.depth');
    await expectError({ identifiers: [{ type: 'username', value: 'x' }], options: { requester_reference: 'x'.repeat(257) } }, 400, 'field_invalid', 'options.requester_reference');
    await expectError({ identifiers: [{ type: 'username', value: 'x' }], options: 'deep' }, 400, 'field_invalid', 'options');
    await expectError([1, 2], 400, 'field_invalid', 'body');
  });

  it('422 invalid_identifier_type lists the allowed types', async () => {
    const error = await expectError({ identifiers: [{ type: 'email', value: 'a@b.example' }, { type: 'crypto_address', value: 'x' }] }, 422, 'invalid_identifier_type', 'identifiers[1].type');
    assert.match(error.details![0]!.issue, /email, phone, username, ip, domain, name, url, address, company_name, social_url/);
  });

  it('422 identifier_format_invalid for each format rule', async () => {
    const cases: [string, string][] = [
      ['phone', '555-123-4567'],
      ['phone', '+0155512345'],
      ['phone', '+1555123456789012'],
      ['email', 'not-an-email'],
      ['email', 'a@b'],
      ['email', `${'x'.repeat(65)}@example.com`],
      ['ip', '256.1.1.1'],
      ['ip', '01.2.3.4'],
      ['ip', 'fe80::1%eth0'],
      ['domain', 'localhost'],
      ['domain', '-bad-.example'],
      ['domain', 'exa mple.com'],
      ['url', 'ftp://example.com/file'],
      ['url', 'not a url'],
      ['url', 'https://user:pass@example.com/'],
      ['social_url', 'javascript:alert(1)'],
      ['username', 'two words'],
      ['name', '   '],
      ['company_name', 'ACME\u0000Corp'],
    ];
    for (const [type, value] of cases) {
      const error = await expectError({ identifiers: [{ type: 'email', value: 'ok@example.com' }, { type, value }] }, 422, 'identifier_format_invalid', 'identifiers[1].value');
      assert.equal(error.details!.length, 1, `${type} ${value}`);
    }
  });

  it('422 no_identifiers and too_many_identifiers', async () => {
    await expectError({ identifiers: [] }, 422, 'no_identifiers', 'identifiers');
    const many = Array.from({ length: 21 }, (_, i) => ({ type: 'username', value: `user${i}` }));
    await expectError({ identifiers: many }, 422, 'too_many_identifiers', 'identifiers');
  });

  it('accepts exactly 20 identifiers and a 256-character reference', async () => {
    const twenty = Array.from({ length: 20 }, (_, i) => ({ type: 'username', value: `user${i}` }));
    const res = await fetch(`${t.url}/v1/lookup`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ identifiers: twenty, options: { requester_reference: 'r'.repeat(256) } }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { audit: { identifiers_queried: number; requester_reference: string }; resolution: { status: string } };
    assert.equal(body.audit.identifiers_queried, 20);
    assert.equal(body.audit.requester_reference, 'r'.repeat(256));
    assert.equal(body.resolution.status, 'no_match');
  });

  it('accepts every valid format, normalised', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/v1/lookup',
      headers: { 'x-api-key': key },
      payload: {
        identifiers: [
          { type: 'email', value: 'Jane.Doe+tag@Example.COM' },
          { type: 'email', value: '"john doe"@example.com' },
          { type: 'email', value: 'user@[192.0.2.1]' },
          { type: 'phone', value: '+15551234567' },
          { type: 'ip', value: '2001:DB8::1' },
          { type: 'ip', value: '192.0.2.1' },
          { type: 'domain', value: 'München.de' },
          { type: 'url', value: 'https://example.com/a?b=c' },
          { type: 'social_url', value: 'https://linkedin.com/in/jdoe' },
          { type: 'username', value: '@handle123' },
          { type: 'name', value: 'Zoë  Ådahl-Łukasz 王小明' },
          { type: 'address', value: '123 Main St, Springfield, IL 62704' },
          { type: 'company_name', value: 'Acme Corp' },
        ],
        options: { depth: 'standard' },
      },
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('a 500 never shows a stack: unknown routes are 404 not_found in the envelope', async () => {
    const res = await fetch(`${t.url}/v1/nope`, { headers: { 'x-api-key': key } });
    assert.equal(res.status, 404);
    const body = (await res.json()) as { error: { code: string }; request_id: string };
    assert.equal(body.error.code, 'not_found');
    assert.equal(body.request_id, res.headers.get('x-request-id'));
  });
});
