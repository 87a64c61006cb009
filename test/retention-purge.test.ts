import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { AuditRecord } from '../src/audit/audit-record.ts';
import { verifyAuditChain } from '../src/audit/verify-chain.ts';
import { retentionPurgeJob } from '../src/jobs/retention-purge-job.ts';
import { LookupService } from '../src/lookup/lookup-service.ts';
import { appendAuditRecord } from '../src/store/audit-repository.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

const DAY = 86_400_000;
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function record(id: string, loggedAt: Date): AuditRecord {
  return {
    request_id: id,
    principal: { type: 'service_account', user_id: null, user_email: null, idp_session_id: null, api_key_id: 'key_test', service_account_name: 'test' },
    organization_id: 'org_test',
    source_ip: '127.0.0.1',
    requester_reference: null,
    identifiers_queried: 1,
    logged_at: loggedAt.toISOString(),
  };
}

describe('retention purge (RESULT_RETENTION_DAYS, AUDIT_RETENTION_DAYS)', () => {
  let t: TestEngine;
  let key: string;
  before(async () => {
    t = await startTestEngine({ env: { RESULT_RETENTION_DAYS: '30', AUDIT_RETENTION_DAYS: '365' } });
    key = (await t.createKey(['admin'])).key;
  });
  after(() => t.close());

  it('removes expired results with their entities, identifier index and lineage, and keeps the rest', async () => {
    const db = t.engine.database.db;
    const lookup = async () =>
      (await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'phone', value: '+33612345678' }] } })).json().request_id as string;
    const old = await lookup();
    // A lookup stored under a longer retention (as after RESULT_RETENTION_DAYS was raised).
    const longer = new LookupService({
      db,
      connectors: t.engine.connectors,
      signer: t.engine.signer,
      organizationId: t.engine.organizationId,
      connectorTimeoutMs: 5000,
      resultRetentionDays: 90,
      redactCredentialPasswords: true,
      logger: quiet,
    });
    const principal = await t.engine.apiKeys.authenticate(key);
    const fresh = (
      await longer.lookup({ principal, request: { identifiers: [{ type: 'phone', value: '+33612345678', normalized: '+33612345678' }], depth: 'standard', requesterReference: null }, requestId: 'req_FRESH', sourceIp: '127.0.0.1' })
    ).response.request_id;
    const now = new Date(Date.now() + 31 * DAY);
    await retentionPurgeJob({ db, auditRetentionDays: 365, logger: quiet, now: () => now }).handler({}, { jobId: 'test', signal: new AbortController().signal, logger: quiet });
    const results = (await db.selectFrom('lookup_results').select('request_id').execute()).map((r) => r.request_id);
    assert.deepEqual(results, [fresh]);
    const entities = await db.selectFrom('lookup_entities').select('request_id').distinct().execute();
    assert.deepEqual(entities.map((e) => e.request_id), [fresh]);
    const identifiers = await db.selectFrom('entity_identifiers').select('request_id').distinct().execute();
    assert.ok(identifiers.every((i) => i.request_id === fresh));
    const lineage = await db.selectFrom('lineage_events').select('request_id').distinct().execute();
    assert.deepEqual(lineage.map((l) => l.request_id), [fresh]);
    // The audit records of both lookups are younger than a year: they stay.
    assert.ok(await db.selectFrom('audit_records').select('seq').where('request_id', '=', old).executeTakeFirst());
  });

});

describe('audit retention purge', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ env: { AUDIT_RETENTION_DAYS: '365' } });
  });
  after(() => t.close());

  it('purges audit records older than the audit retention as a prefix of the chain, and records the purge', async () => {
    const db = t.engine.database.db;
    const now = Date.now();
    for (let i = 0; i < 3; i++) await appendAuditRecord(db, record(`req_OLD${i}`, new Date(now - 400 * DAY + i * 1000)), 'lookup');
    await appendAuditRecord(db, record('req_RECENT', new Date(now)), 'lookup');
    // Chain order is sequence order: old records written after recent ones stay (they are not a prefix).
    await appendAuditRecord(db, record('req_OLD_LATE', new Date(now - 400 * DAY)), 'lookup');
    await retentionPurgeJob({ db, auditRetentionDays: 365, logger: quiet }).handler({}, { jobId: 'test', signal: new AbortController().signal, logger: quiet });
    const remaining = (await db.selectFrom('audit_records').select('request_id').orderBy('seq').execute()).map((r) => r.request_id);
    assert.ok(!remaining.some((id) => id.startsWith('req_OLD') && id !== 'req_OLD_LATE'), remaining.join(','));
    assert.ok(remaining.includes('req_RECENT') && remaining.includes('req_OLD_LATE'));
    assert.equal(remaining.length, 2);
    const purge = await db.selectFrom('audit_purges').selectAll().execute();
    assert.equal(purge.length, 1);
    assert.equal(purge[0]!.records_removed, 3);
    // The chain still verifies, from the recorded purge point.
    assert.deepEqual(await verifyAuditChain(db), { ok: true, recordsChecked: 2, firstBreak: null });
    await assert.rejects(sql`DELETE FROM audit_records`.execute(db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_purges`.execute(db), /append-only/);
  });
});
