import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { LookupResponse } from '../src/contract/lookup.ts';
import { purgeExpiredLineage } from '../src/store/lineage-repository.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';
import { type GroundTruth, syntheticConnectors } from './resolution/synthetic-providers.ts';
import { generateWorld, type Person } from './resolution/synthetic-world.ts';

describe('lineage endpoints', () => {
  let t: TestEngine;
  let analyst: { id: string; key: string };
  let other: string;
  let person: Person;
  let lookup: LookupResponse;
  const truth: GroundTruth = new Map();
  const get = (url: string, key = analyst.key) => t.inject({ method: 'GET', url, headers: { 'x-api-key': key } });

  before(async () => {
    const world = generateWorld(4, { people: 40, organizations: 4 });
    t = await startTestEngine({ connectorDefinitions: syntheticConnectors(world, truth), env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '1000' } });
    analyst = await t.createKey(['analyst'], 'lineage-analyst');
    other = (await t.createKey(['analyst'], 'someone-else')).key;
    for (const candidate of world.people) {
      const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': analyst.key }, payload: { identifiers: [{ type: 'email', value: candidate.emails[0]!.value }] } });
      const body = res.json() as LookupResponse;
      if (body.resolution.status === 'resolved' && body.entities[0]!.explanation!.records >= 3) {
        person = candidate;
        lookup = body;
        break;
      }
    }
    assert.ok(lookup, 'a person found by several sources');
  });
  after(() => t.close());

  it('gives every profile entry a lineage record id', () => {
    const entity = lookup.entities[0]!;
    const ids = entity.traceability.record_ids!;
    assert.ok(ids['profile.person']);
    entity.profile.phones!.forEach((_, i) => assert.match(ids[`profile.phones[${i}]`]!, /^lin_/));
  });

  it("shows an entity's origin and the merge of the upstream records it was built from", async () => {
    const entity = lookup.entities[0]!;
    const res = await get(`/api/provenance/${entity.entity_id}/lineage`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.record_type, 'entity');
    assert.equal(body.request_id, lookup.request_id);
    assert.equal(body.origin.origin_feature, 'entity_resolution');
    assert.equal(body.origin.created_by, analyst.id);
    assert.deepEqual(body.transitions, []);
    assert.deepEqual(body.updates, []);
    assert.equal(body.merges.length, 1);
    assert.deepEqual([...body.merges[0].merged_record_ids].sort(), body.parent_ids);
    assert.equal(body.parent_ids.length, entity.explanation!.records);
    // Each upstream record names its connector and the provider's own record, which is the person's.
    for (const parent of body.parent_ids as string[]) {
      const source = (await get(`/api/provenance/${parent}/lineage`)).json();
      assert.equal(source.record_type, 'source_record');
      assert.equal(source.origin.origin_feature, 'lookup');
      assert.equal(source.origin.created_by_name, 'lineage-analyst');
      const run = source.transforms.find((e: { transform_name: string }) => e.transform_name === 'connector_run');
      assert.ok(run.connector_name && run.executed_at && run.executed_by === analyst.id, JSON.stringify(run));
      const owners = truth.get(`${source.origin.origin_source_id}|${source.origin.source_details.record_ref}`);
      assert.ok(owners?.includes(person.id), `${source.origin.origin_source_id} record describes ${String(owners)}`);
    }
  });

  it('walks a profile entry back to the connector runs: chain, timeline, merge history', async () => {
    const entity = lookup.entities[0]!;
    const ids = entity.traceability.record_ids!;
    const path = Object.keys(ids).find((p) => (entity.traceability.data_lineage[`${p}.${p.startsWith('profile.phones') ? 'number' : 'email'}`]?.length ?? 0) > 1);
    assert.ok(path, 'an entry asserted by two sources');
    const res = await get(`/api/provenance/${ids[path]}/full-lineage?max_depth=50`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.record_type, 'data_point');
    assert.equal(body.truncated, false);
    assert.equal(body.chain[body.chain.length - 1].record_id, ids[path]);
    assert.ok(body.chain.slice(0, -1).every((step: { depth: number; record_type: string }) => step.depth === 1 && step.record_type === 'source_record'));
    const times = body.timeline.map((e: { occurred_at: string }) => e.occurred_at);
    assert.deepEqual(times, [...times].sort());
    assert.equal(body.merge_history.length, 1);
    assert.equal(body.merge_history[0].merge_reason, 'same_data_point');
  });

  it('validates max_depth and checks who is asking', async () => {
    const entityId = lookup.entities[0]!.entity_id;
    for (const bad of ['0', '501', 'abc']) {
      const res = await get(`/api/provenance/${entityId}/full-lineage?max_depth=${bad}`);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'field_invalid');
      assert.equal(res.json().error.details[0].field, 'max_depth', res.body);
    }
    assert.equal((await get(`/api/provenance/${entityId}/full-lineage?max_depth=1`)).json().truncated, false);
    assert.equal((await get(`/api/provenance/${entityId}/lineage`, other)).statusCode, 403);
    assert.equal((await get('/api/provenance/lin_unknown/lineage')).statusCode, 404);
    assert.equal((await t.inject({ method: 'GET', url: `/api/provenance/${entityId}/lineage` })).statusCode, 401);
  });

  it('refuses to edit or delete lineage, except the retention purge', async () => {
    const db = t.engine.database.db;
    await assert.rejects(sql`UPDATE lineage_events SET record_type = 'entity'`.execute(db), /append-only/);
    await assert.rejects(sql`DELETE FROM lineage_events`.execute(db), /append-only/);
    await assert.rejects(sql`TRUNCATE lineage_events`.execute(db), /append-only/);
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM lineage_events`.execute(db)).rows[0]!.n);
    assert.equal(await purgeExpiredLineage(db, new Date()), 0, 'nothing is past retention yet');
    assert.equal(await purgeExpiredLineage(db, new Date(Date.now() + 400 * 86_400_000)), before);
    assert.equal((await get(`/api/provenance/${lookup.entities[0]!.entity_id}/lineage`)).statusCode, 404);
  });
});
