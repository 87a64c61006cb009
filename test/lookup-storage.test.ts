import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { lookupResponseSchema } from '../src/contract/lookup.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

const body = { identifiers: [{ type: 'phone', value: '+5511987654321' }] };

describe('result and audit are written in one transaction', () => {
  let t: TestEngine;
  let key: string;
  before(async () => {
    t = await startTestEngine();
    key = (await t.createKey(['analyst'])).key;
  });
  after(() => t.close());

  it('a failing audit write gives 500 database_error and leaves no half', async () => {
    const db = t.engine.database.db;
    await sql`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (simulated)'; END $$`.execute(db);
    await sql`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_records FOR EACH ROW EXECUTE FUNCTION fail_audit()`.execute(db);
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: body });
    assert.equal(res.statusCode, 500);
    assert.equal(res.json().error.code, 'database_error');
    assert.equal(res.json().request_id, res.headers['x-request-id']);
    assert.equal((await db.selectFrom('lookup_results').selectAll().execute()).length, 0, 'no result without its audit record');
    assert.equal((await db.selectFrom('lookup_entities').selectAll().execute()).length, 0);
    await sql`DROP TRIGGER fail_audit ON audit_records`.execute(db);
    const ok = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: body });
    assert.equal(ok.statusCode, 200, 'recovers once the fault is gone');
  });

  it('a failing result write gives 500 database_error and no audit record', async () => {
    const db = t.engine.database.db;
    const before = (await db.selectFrom('audit_records').selectAll().execute()).length;
    await sql`CREATE FUNCTION fail_result() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no space left (simulated)'; END $$`.execute(db);
    await sql`CREATE TRIGGER fail_result BEFORE INSERT ON lookup_results FOR EACH ROW EXECUTE FUNCTION fail_result()`.execute(db);
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: body });
    assert.equal(res.json().error.code, 'database_error');
    assert.equal((await db.selectFrom('audit_records').selectAll().execute()).length, before);
    await sql`DROP TRIGGER fail_result ON lookup_results`.execute(db);
  });

  it('responses match the contract schema, and GET returns the same bytes', async () => {
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { ...body, options: { depth: 'deep' } } });
    const parsed = lookupResponseSchema.safeParse(res.json());
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const again = await t.inject({ method: 'GET', url: `/v1/lookup/${res.json().request_id}`, headers: { 'x-api-key': key } });
    assert.equal(again.body, res.body);
    assert.equal((await t.inject({ method: 'GET', url: '/v1/lookup/req_unknown', headers: { 'x-api-key': key } })).statusCode, 404);
  });
});

describe('RESULT_RETENTION_DAYS=0', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ env: { RESULT_RETENTION_DAYS: '0' } });
  });
  after(() => t.close());

  it('answers the lookup, audits it, and never returns it again', async () => {
    const { key } = await t.createKey(['admin']);
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: body });
    assert.equal(res.statusCode, 200);
    const id = res.json().request_id;
    const get = await t.inject({ method: 'GET', url: `/v1/lookup/${id}`, headers: { 'x-api-key': key } });
    assert.equal(get.statusCode, 404);
    assert.equal(get.json().error.code, 'not_found');
    assert.equal((await t.inject({ method: 'GET', url: `/v1/audit/${id}`, headers: { 'x-api-key': key } })).statusCode, 200);
  });
});

describe('results past their retention', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ env: { RESULT_RETENTION_DAYS: '1' } });
  });
  after(() => t.close());

  it('are 404 as soon as they expire, before any purge', async () => {
    const { key } = await t.createKey(['admin']);
    const id = (await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: body })).json().request_id;
    await sql`UPDATE lookup_results SET expires_at = now() - interval '1 second' WHERE request_id = ${id}`.execute(t.engine.database.db);
    assert.equal((await t.inject({ method: 'GET', url: `/v1/lookup/${id}`, headers: { 'x-api-key': key } })).statusCode, 404);
  });
});
