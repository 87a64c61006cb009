import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { defineConnector, defineManifest, found } from '../src/connectors/sdk.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';
import { type GroundTruth, syntheticConnectors } from './resolution/synthetic-providers.ts';
import { generateWorld } from './resolution/synthetic-world.ts';

// A source that names a person at an address and nothing else: an entity without identifiers.
const addressOnlyManifest = defineManifest({
  id: 'address_register',
  name: 'Address register',
  description: 'Test source: residents of an address.',
  category: 'public_records',
  tier: 'primary',
  accepts: ['address'],
  credential_mode: 'intrace_managed',
  reliability: 0.8,
});
const addressOnly = defineConnector({
  manifest: addressOnlyManifest,
  settings: z.object({}),
  create: () => ({
    manifest: addressOnlyManifest,
    egress: [],
    run: async (input) =>
      found(input.identifiers.map((i) => ({ kind: 'person' as const, data: { full_name: 'Resident Person' }, confidence: 0.9, about: [{ type: i.type, normalized: i.normalized }] }))),
    health: async () => ({ status: 'reachable' as const, latency_ms: 0, error: null }),
  }),
});

describe('Analysis API', () => {
  let t: TestEngine;
  let analyst: string;
  let other: string;
  let auditor: string;
  let subject: string; // an entity found by its email, whose holder shares a landline
  let housemate: string; // the other holder of that landline, in another lookup

  const post = (key: string, payload: unknown) => t.inject({ method: 'POST', url: '/v1/analysis', headers: { 'x-api-key': key }, payload: payload as Record<string, unknown> });
  const lookup = async (key: string, identifiers: { type: string; value: string }[]) => {
    const res = await t.inject({ method: 'POST', url: '/v1/lookup', headers: { 'x-api-key': key }, payload: { identifiers } });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  before(async () => {
    const world = generateWorld(3, { people: 60, organizations: 6 });
    const truth: GroundTruth = new Map();
    t = await startTestEngine({ connectorDefinitions: [...syntheticConnectors(world, truth), addressOnly], env: { RATE_LIMIT_REQUESTS_PER_MINUTE: '1000' } });
    analyst = (await t.createKey(['analyst'], 'analyst-one')).key;
    other = (await t.createKey(['analyst'], 'analyst-two')).key;
    auditor = (await t.createKey(['audit'], 'auditor')).key;
    const landlines = [...new Set(world.people.map((p) => p.landline).filter((l): l is string => l !== null))];
    for (const landline of landlines) {
      const shared = await lookup(analyst, [{ type: 'phone', value: landline }]);
      if (shared.resolution.status !== 'ambiguous' || shared.entities.length < 2) continue;
      const email = shared.entities[0].profile.emails?.[0]?.email;
      if (!email) continue;
      const own = await lookup(analyst, [{ type: 'email', value: email }]);
      if (own.resolution.status !== 'resolved') continue;
      subject = own.entities[0].entity_id;
      housemate = shared.entities[1].entity_id;
      break;
    }
    assert.ok(subject && housemate, 'the synthetic world has a shared landline to analyse');
  });
  after(() => t.close());

  it('lists the catalogue and serves each type its parameter schema', async () => {
    const list = await t.inject({ method: 'GET', url: '/v1/analysis/types', headers: { 'x-api-key': analyst } });
    assert.equal(list.statusCode, 200);
    const types = list.json().types as { type: string; status: string; parameters_schema_url: string }[];
    assert.deepEqual(types.map((x) => x.type), ['network_centrality', 'timeline', 'community_detection']);
    assert.equal(types[0]!.parameters_schema_url, '/v1/analysis/types/network_centrality');
    const detail = await t.inject({ method: 'GET', url: '/v1/analysis/types/network_centrality', headers: { 'x-api-key': analyst } });
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().parameters.type, 'object');
    assert.equal(detail.json().parameters.properties.max_hops.default, 2);
    assert.match(detail.json().result_description, /betweenness/);
    const missing = await t.inject({ method: 'GET', url: '/v1/analysis/types/nope', headers: { 'x-api-key': analyst } });
    assert.equal(missing.statusCode, 404);
    assert.equal((await t.inject({ method: 'GET', url: '/v1/analysis/types' })).statusCode, 401);
  });

  it('names the faulty field of a bad request', async () => {
    const cases: [unknown, number, string, string][] = [
      [{ analysis_type: 'timeline' }, 400, 'field_required', 'subject'],
      [{ subject: { type: 'entity' }, analysis_type: 'timeline' }, 400, 'field_required', 'subject.entity_id'],
      [{ subject: { type: 'case', entity_id: subject }, analysis_type: 'timeline' }, 400, 'field_invalid', 'subject.type'],
      [{ subject: { type: 'entity', entity_id: subject } }, 400, 'field_required', 'analysis_type'],
      [{ subject: { type: 'entity', entity_id: subject }, analysis_type: 'astrology' }, 400, 'field_invalid', 'analysis_type'],
      [{ subject: { type: 'entity', entity_id: subject }, analysis_type: 'network_centrality', parameters: { max_hops: 'far' } }, 400, 'field_invalid', 'parameters.max_hops'],
      [{ subject: { type: 'entity', entity_id: subject }, analysis_type: 'timeline', options: { requester_reference: 'x'.repeat(257) } }, 400, 'field_invalid', 'options.requester_reference'],
    ];
    for (const [payload, status, code, field] of cases) {
      const res = await post(analyst, payload);
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().error.code, code, res.body);
      assert.ok(res.json().error.details.some((d: { field: string }) => d.field === field), res.body);
    }
  });

  it('answers 501 for a listed type that is not deployed, 404 for an unknown entity, 403 for another analyst', async () => {
    const undeployed = await post(analyst, { subject: { type: 'entity', entity_id: subject }, analysis_type: 'community_detection' });
    assert.equal(undeployed.statusCode, 501);
    assert.equal(undeployed.json().error.code, 'analysis_type_not_available');
    const unknown = await post(analyst, { subject: { type: 'entity', entity_id: 'ent_00000000000000000000000000' }, analysis_type: 'timeline' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'not_found');
    const foreign = await post(other, { subject: { type: 'entity', entity_id: subject }, analysis_type: 'timeline' });
    assert.equal(foreign.statusCode, 403);
  });

  it('computes centrality across the stored lookups that share identifiers, and stores and audits it', async () => {
    const res = await post(analyst, { subject: { type: 'entity', entity_id: subject }, analysis_type: 'network_centrality', options: { requester_reference: 'CASE-7' } });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'complete');
    assert.match(body.analysis_id, /^ana_/);
    assert.equal(body.parameters.max_hops, 2);
    const data = body.result.data;
    assert.ok(data.graph.lookups >= 2, JSON.stringify(data.graph));
    const mate = data.connected_entities.find((e: { entity_id: string }) => e.entity_id === housemate);
    assert.ok(mate, 'the housemate is reached through the shared landline');
    assert.equal(mate.hops, 1);
    assert.ok(mate.shared_with_subject.some((k: { kind: string }) => k.kind === 'phone'), JSON.stringify(mate));
    assert.ok(data.subject.betweenness > 0 && data.subject.degree > 0);
    assert.equal(body.audit.identifiers_queried, 1);
    assert.equal(body.audit.requester_reference, 'CASE-7');

    const again = await t.inject({ method: 'GET', url: `/v1/analysis/${body.analysis_id}`, headers: { 'x-api-key': analyst } });
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, res.body);
    assert.equal((await t.inject({ method: 'GET', url: `/v1/analysis/${body.analysis_id}`, headers: { 'x-api-key': other } })).statusCode, 403);
    assert.equal((await t.inject({ method: 'GET', url: '/v1/analysis/ana_missing', headers: { 'x-api-key': analyst } })).statusCode, 404);
    const audit = await t.inject({ method: 'GET', url: `/v1/audit/${body.audit.request_id}`, headers: { 'x-api-key': auditor } });
    assert.equal(audit.statusCode, 200);
    assert.equal(audit.json().requester_reference, 'CASE-7');
  });

  it('shows another analyst only their own lookups in the graph', async () => {
    const mine = await t.inject({ method: 'GET', url: `/v1/lookup/${(await lookupOfEntity(t, analyst, subject))}`, headers: { 'x-api-key': analyst } });
    const email = mine.json().entities[0].profile.emails[0].email as string;
    const theirs = await lookup(other, [{ type: 'email', value: email }]);
    const res = await post(other, { subject: { type: 'entity', entity_id: theirs.entities[0].entity_id }, analysis_type: 'network_centrality' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().result.data.graph.lookups, 1);
  });

  it('orders every dated fact with its sources in a timeline', async () => {
    const res = await post(analyst, { subject: { type: 'entity', entity_id: subject }, analysis_type: 'timeline' });
    assert.equal(res.statusCode, 200, res.body);
    const events = res.json().result.data.events as { date: string; path: string; field: string; sources: { id: string }[] }[];
    assert.ok(events.length > 3);
    assert.deepEqual(events.map((e) => e.date), [...events.map((e) => e.date)].sort());
    assert.ok(events.some((e) => e.field === 'retrieved_at'));
    for (const e of events) assert.ok(e.sources.length > 0, `${e.path} has sources`);
    const filtered = await post(analyst, { subject: { type: 'entity', entity_id: subject }, analysis_type: 'timeline', parameters: { from: '2100', include_retrievals: false } });
    assert.equal(filtered.json().result.data.count, 0);
  });

  it('reports an analysis that cannot complete as a 200 with status failed', async () => {
    const bare = await lookup(analyst, [{ type: 'address', value: '1 Nowhere Lane' }]);
    const res = await post(analyst, { subject: { type: 'entity', entity_id: bare.entities[0].entity_id }, analysis_type: 'network_centrality' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'failed');
    assert.equal(res.json().result, null);
    assert.equal(res.json().error.code, 'analysis_failed');
    assert.match(res.json().error.message, /Insufficient graph data/);
  });
});

async function lookupOfEntity(t: TestEngine, key: string, entityId: string): Promise<string> {
  const res = await t.inject({ method: 'GET', url: `/api/provenance/${entityId}/lineage`, headers: { 'x-api-key': key } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().request_id as string;
}
