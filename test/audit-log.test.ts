import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../src/audit/verify-chain.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

describe('audit log: records, listing, append-only, hash chain', () => {
  let t: TestEngine;
  let analyst: string;
  let auditor: string;
  const ids: string[] = [];
  before(async () => {
    t = await startTestEngine();
    analyst = (await t.createKey(['analyst'], 'svc-analyst')).key;
    auditor = (await t.createKey(['audit'], 'svc-audit')).key;
    for (let i = 0; i < 5; i++) {
      const res = await t.inject({
        method: 'POST',
        url: '/v1/lookup',
        headers: { 'x-api-key': analyst },
        payload: { identifiers: [{ type: 'phone', value: '+33612345678' }, { type: 'email', value: `secret${i}@example.com` }], options: { requester_reference: `CASE-${i}` } },
      });
      ids.push(res.json().request_id);
    }
  });
  after(() => t.close());

  it('records the principal, counts and never the identifier values', async () => {
    const res = await t.inject({ method: 'GET', url: `/v1/audit/${ids[0]}`, headers: { 'x-api-key': auditor } });
    assert.equal(res.statusCode, 200);
    const record = res.json();
    assert.equal(record.request_id, ids[0]);
    assert.equal(record.principal.type, 'service_account');
    assert.equal(record.principal.service_account_name, 'svc-analyst');
    assert.equal(record.principal.user_id, null);
    assert.equal(record.identifiers_queried, 2);
    assert.equal(record.requester_reference, 'CASE-0');
    assert.equal(record.source_ip, '127.0.0.1');
    assert.match(record.organization_id, /^org_/);
    const rows = await t.engine.database.db.selectFrom('audit_records').selectAll().execute();
    assert.ok(!JSON.stringify(rows).includes('secret0@example.com'));
  });

  it('lists with total, limit and an opaque cursor that walks every record once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/v1/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.inject({ method: 'GET', url, headers: { 'x-api-key': auditor } });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as { records: { request_id: string }[]; total: number; next_cursor: string | null };
      assert.equal(page.total, 5);
      assert.ok(page.records.length <= 2);
      seen.push(...page.records.map((r) => r.request_id));
      cursor = page.next_cursor;
    } while (cursor !== null);
    assert.deepEqual([...seen].sort(), [...ids].sort());
  });

  it('filters by time and user, and rejects bad parameters with details', async () => {
    const future = await t.inject({ method: 'GET', url: '/v1/audit?from=2999-01-01T00:00:00Z', headers: { 'x-api-key': auditor } });
    assert.equal(future.json().total, 0);
    const byUser = await t.inject({ method: 'GET', url: '/v1/audit?user_id=nobody', headers: { 'x-api-key': auditor } });
    assert.equal(byUser.json().total, 0);
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=abc', 'limit'],
      ['from=yesterday', 'from'],
      ['cursor=%%%', 'cursor'],
    ] as const) {
      const res = await t.inject({ method: 'GET', url: `/v1/audit?${query}`, headers: { 'x-api-key': auditor } });
      assert.equal(res.statusCode, 400, query);
      assert.equal(res.json().error.code, 'field_invalid');
      assert.ok(res.json().error.details.some((d: { field: string }) => d.field === field), `${query}: ${res.body}`);
    }
    const missing = await t.inject({ method: 'GET', url: '/v1/audit/req_unknown', headers: { 'x-api-key': auditor } });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'not_found');
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const db = t.engine.database.db;
    await assert.rejects(sql`UPDATE audit_records SET source_ip = '10.0.0.1'`.execute(db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_records`.execute(db), /append-only/);
    await assert.rejects(sql`TRUNCATE audit_records`.execute(db), /append-only/);
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('detects an edited or removed record through the hash chain', async () => {
    const db = t.engine.database.db;
    const intact = await verifyAuditChain(db);
    assert.deepEqual(intact, { ok: true, recordsChecked: 5, firstBreak: null });
    // A superuser can bypass the trigger; the chain still tells.
    await db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_records DISABLE TRIGGER audit_records_append_only`.execute(trx);
      await sql`UPDATE audit_records SET requester_reference = 'FORGED' WHERE seq = 3`.execute(trx);
      await sql`ALTER TABLE audit_records ENABLE TRIGGER audit_records_append_only`.execute(trx);
    });
    const edited = await verifyAuditChain(db);
    assert.equal(edited.ok, false);
    assert.equal(edited.firstBreak?.seq, '3');
    assert.match(edited.firstBreak!.reason, /edited/);
  });
});

describe('audit chain under concurrent writers', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '100000' } });
  });
  after(() => t.close());

  it('stays one chain without forks or gaps when lookups commit at once', async () => {
    const { key } = await t.createKey(['analyst']);
    const results = await Promise.all(
      Array.from({ length: 60 }, () => t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'phone', value: '+33612345678' }] } })),
    );
    assert.ok(results.every((r) => r.statusCode === 200));
    const report = await verifyAuditChain(t.engine.database.db);
    assert.deepEqual(report, { ok: true, recordsChecked: 60, firstBreak: null });
    const seqs = (await t.engine.database.db.selectFrom('audit_records').select('seq').orderBy('seq').execute()).map((r) => Number(r.seq));
    assert.deepEqual(seqs, Array.from({ length: 60 }, (_, i) => i + 1));
  });
});
