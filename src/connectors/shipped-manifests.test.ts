import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../config/config.ts';
import { createConnectors } from './connector-set.ts';
import { CONNECTOR_DEFINITIONS } from './registry.ts';
import type { ConnectorServices } from './sdk.ts';

const services = { logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } } as unknown as ConnectorServices;

describe('shipped connector manifests', () => {
  it('BYOK connectors declare the keys they need, in CONNECTOR_<PROVIDER>_* form, and stay off without them', () => {
    const byok = CONNECTOR_DEFINITIONS.filter((d) => d.manifest.credential_mode === 'byok');
    assert.deepEqual(byok.map((d) => d.manifest.id).sort(), ['business_registry_opencorporates', 'hibp', 'hunter', 'people_data_labs']);
    for (const d of byok) {
      assert.ok(d.manifest.requires.length > 0, `${d.manifest.id} requires a key`);
      for (const name of d.manifest.requires) assert.match(name, /^CONNECTOR_[A-Z0-9]+_API_KEY$/);
    }
    // Creation of the keyless ones touches no service, so a stub suffices here.
    const active = createConnectors(CONNECTOR_DEFINITIONS, loadConfig({}), services).map((c) => c.manifest.id);
    for (const d of byok) assert.ok(!active.includes(d.manifest.id), `${d.manifest.id} is off without its key`);
  });

  it('sanctions connectors are primary (queried at every depth) and take names and company names', () => {
    const sanctions = CONNECTOR_DEFINITIONS.filter((d) => d.manifest.id.startsWith('sanctions_'));
    assert.deepEqual(sanctions.map((d) => d.manifest.id).sort(), ['sanctions_eu', 'sanctions_ofac', 'sanctions_uk', 'sanctions_un']);
    for (const d of sanctions) {
      assert.equal(d.manifest.tier, 'primary');
      assert.deepEqual(d.manifest.accepts, ['name', 'company_name']);
    }
  });
});
