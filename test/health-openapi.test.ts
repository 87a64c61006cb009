import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';
import { sharedReferencePath } from './helpers/shared-data.ts';

describe('/health and /openapi.json', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine();
  });
  after(() => t.close());

  it('GET /health is public and reports the database', async () => {
    const res = await t.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual({ ...(res.json() as object), version: undefined }, { status: 'ok', database: 'ok', database_kind: t.engine.database.kind, ready: true, version: undefined });
    assert.match(res.headers['x-request-id'] as string, /^req_/);
  });

  it('GET /health answers 503 while draining', async () => {
    t.engine.state.draining = true;
    const res = await t.inject({ method: 'GET', url: '/health' });
    t.engine.state.draining = false;
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().status, 'draining');
  });

  it('serves an OpenAPI 3.1 document generated from the routes, covering the contract', async () => {
    const res = await t.inject({ method: 'GET', url: '/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    const contract = parse(fs.readFileSync(sharedReferencePath('intrace-openapi.yaml'), 'utf8')) as { paths: Record<string, Record<string, { operationId: string }>> };
    const implemented = new Set(['createLookup', 'getLookup', 'listConnectors', 'getConnectorHealth', 'listAuditRecords', 'getAuditRecord', 'verifyReport']);
    for (const [p, methods] of Object.entries(contract.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!implemented.has(op.operationId)) continue;
        const ours = doc.paths[`/v1${p}`.replace(/\{(\w+)\}/g, '{$1}')];
        assert.ok(ours?.[method], `${method.toUpperCase()} /v1${p} in our document`);
        assert.equal(ours[method].operationId, op.operationId);
      }
    }
    for (const schema of ['LookupRequest', 'LookupResponse', 'Entity', 'EntityProfile', 'AuditRecord', 'Principal', 'ApiError', 'ConnectorInfo', 'ReportVerification']) {
      assert.ok(doc.components.schemas[schema], `components.schemas.${schema}`);
    }
    assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['ApiKeyAuth', 'BearerAuth']);
  });

  it('the lookup response schema carries the contract field names', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json();
    const contract = parse(fs.readFileSync(sharedReferencePath('intrace-openapi.yaml'), 'utf8')) as { components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> } };
    for (const name of ['LookupResponse', 'Entity', 'Traceability', 'SourceCoverage', 'AuditRecord', 'PhoneEntry', 'SocialProfileEntry', 'DomainRecord']) {
      const theirs = contract.components.schemas[name]!;
      const ours = doc.components.schemas[name];
      for (const field of Object.keys(theirs.properties ?? {})) assert.ok(field in ours.properties, `${name}.${field}`);
      for (const field of theirs.required ?? []) assert.ok((ours.required ?? []).includes(field), `${name}.${field} required`);
    }
  });
});
