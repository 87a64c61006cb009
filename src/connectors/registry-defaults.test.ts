import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ENGINE_VARIABLES } from '../config/config.ts';
import { CONNECTOR_DEFINITIONS } from './registry.ts';
import { connectorManifestSchema } from './sdk.ts';

// Families whose names DESIGN.md and the issues fix: the site catalogue's source
// (USERNAME_SITES_PATH / _URL …) and the sanctions lists (SANCTIONS_OFAC_URL, SANCTIONS_OFAC_PATH …).
const SPEC_NAMED = /^(USERNAME_SITES_|SANCTIONS_)[A-Z0-9_]+$/;

describe('connector registry', () => {
  it('has unique ids and manifests that pass the strict schema', () => {
    const ids = CONNECTOR_DEFINITIONS.map((d) => d.manifest.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const definition of CONNECTOR_DEFINITIONS) connectorManifestSchema.parse(definition.manifest);
  });

  it('every connector starts on its defaults (no variable set but a BYOK key)', () => {
    for (const definition of CONNECTOR_DEFINITIONS) {
      // A BYOK connector only runs with its key; everything else must work with nothing set.
      const parsed = definition.settings.safeParse(Object.fromEntries(definition.manifest.requires.map((name) => [name, 'test-value'])));
      assert.ok(parsed.success, `${definition.manifest.id}: ${parsed.success ? '' : parsed.error.message}`);
    }
  });

  it('every setting variable is a CONNECTOR_<PROVIDER>_ variable of one connector, a shared engine variable, or a spec-named family', () => {
    const owner = new Map<string, string>();
    for (const definition of CONNECTOR_DEFINITIONS) {
      assert.ok(definition.settings instanceof z.ZodObject, `${definition.manifest.id} settings are a zod object`);
      for (const name of Object.keys(definition.settings.shape)) {
        if (ENGINE_VARIABLES.includes(name)) continue;
        assert.ok(name.startsWith('CONNECTOR_') || SPEC_NAMED.test(name), `${definition.manifest.id}: ${name} is not in a connector namespace`);
        // SPEC §15 names BYOK variables by provider (CONNECTOR_OPENCORPORATES_API_KEY): one owner each.
        const previous = owner.get(name);
        assert.ok(previous === undefined || previous === definition.manifest.id || SPEC_NAMED.test(name), `${name} is read by both ${previous} and ${definition.manifest.id}`);
        owner.set(name, definition.manifest.id);
      }
    }
  });
});
