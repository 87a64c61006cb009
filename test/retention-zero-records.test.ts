import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

describe('RESULT_RETENTION_DAYS=0', () => {
  let t: TestEngine;
  let key: string;
  before(async () => {
    t = await startTestEngine({ env: { RESULT_RETENTION_DAYS: '0' } });
    key = (await t.createKey(['analyst'])).key;
  });
  after(() => t.close());

  it('keeps no lineage, no identifier index and no analysis subject beyond the response', async () => {
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers: [{ type: 'phone', value: '+33612345678' }] } });
    assert.equal(res.statusCode, 200, res.body);
    const entity = res.json().entities[0];
    assert.equal(entity.traceability.record_ids, undefined);
    const db = t.engine.database.db;
    for (const table of ['lineage_events', 'entity_identifiers', 'lookup_entities']) {
      const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
      assert.equal(Number(rows[0]!.n), 0, table);
    }
    const analysis = await t.inject({ method: 'POST', url: '/v1/analysis', headers: { 'x-api-key': key }, payload: { subject: { type: 'entity', entity_id: entity.entity_id }, analysis_type: 'timeline' } });
    assert.equal(analysis.statusCode, 404);
    assert.equal((await t.inject({ method: 'GET', url: `/api/provenance/${entity.entity_id}/lineage`, headers: { 'x-api-key': key } })).statusCode, 404);
  });
});
