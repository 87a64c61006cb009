import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connectorOf, runConnectorOnce } from '../../../test/helpers/connector-run.ts';
import { startTestEngine, type TestEngine } from '../../../test/helpers/engine.ts';
import type { PhoneData } from '../sdk.ts';
import { phoneMetadata } from './phone-metadata.ts';

describe('phone_metadata connector', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ connectorDefinitions: [phoneMetadata] });
  });
  after(() => t.close());

  const phone = async (value: string): Promise<{ outcome: string; data: PhoneData | undefined; confidence: number | undefined }> => {
    const run = await runConnectorOnce(t, 'phone_metadata', [{ type: 'phone', value }]);
    const finding = run.findings[0];
    return { outcome: run.outcome, data: finding?.kind === 'phone' ? finding.data : undefined, confidence: finding?.confidence };
  };

  it('known hit: a valid French mobile with carrier, region, zones and every format', async () => {
    const { outcome, data, confidence } = await phone('+33612345678');
    assert.equal(outcome, 'ok');
    assert.equal(data?.number, '+33612345678');
    assert.equal(data?.valid, true);
    assert.equal(data?.possible, true);
    assert.equal(data?.type, 'mobile');
    assert.equal(data?.carrier, 'SFR');
    assert.equal(data?.country, 'FR');
    assert.deepEqual(data?.time_zones, ['Europe/Paris']);
    assert.deepEqual(data?.formats, {
      e164: '+33612345678',
      international: '+33 6 12 34 56 78',
      national: '06 12 34 56 78',
      rfc3966: 'tel:+33612345678',
    });
    assert.equal(confidence, 0.95);
  });

  it('tells a possible number from a valid one (the US 555-01xx fictional range)', async () => {
    const { outcome, data, confidence } = await phone('+15550100100');
    assert.equal(outcome, 'ok');
    assert.equal(data?.possible, true);
    assert.equal(data?.valid, false);
    assert.equal(data?.formats && (data.formats as Record<string, string>).international, '+1 555 010 0100');
    assert.equal(confidence, 0.4);
  });

  it('a number neither possible nor valid is reported as such', async () => {
    const { data } = await phone('+8001234');
    assert.equal(data?.possible, false);
    assert.equal(data?.valid, false);
  });

  it('known miss: an unassigned country calling code gives no data, not an error', async () => {
    const run = await runConnectorOnce(t, 'phone_metadata', [{ type: 'phone', value: '+999123456' }]);
    assert.equal(run.outcome, 'no_data');
    assert.deepEqual(run.findings, []);
  });

  it('health reads the bundled numbering metadata', async () => {
    const health = await connectorOf(t, 'phone_metadata').health(AbortSignal.timeout(5000));
    assert.equal(health.status, 'reachable', health.error ?? '');
  });
});
