import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ENGINE_VARIABLES } from '../config/config.ts';
import { CONNECTOR_DEFINITIONS } from './registry.ts';
import { connectorManifestSchema } from './sdk.ts';

// Variables whose names the issues and DESIGN.md fix (the site catalogue's source).
const SPEC_NAMED = ['USERNAME_SITES_PATH', 'USERNAME_SITES_URL', 'USERNAME_SITES_SHA256', 'USERNAME_SITES_MAX_BYTES', 'USERNAME_SITES_REFRESH_HOURS'];

describe('connector registry', () => {
  it('has unique ids and manifests that pass the strict schema', () => {
    const ids = CONNECTOR_DEFINITIONS.map((d) => d.manifest.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const definition of CONNECTOR_DEFINITIONS) connectorManifestSchema.parse(definition.manifest);
  });

  it('every connector starts on its defaults (no variable set)', () => {
    for (const definition of CONNECTOR_DEFINITIONS) {
      const parsed = definition.settings.safeParse({});
      assert.ok(parsed.success, `${definition.manifest.id}: ${parsed.success ? '' : parsed.error.message}`);
    }
  });

  it('every setting variable is namespaced by its connector id (or is an engine variable it shares)', () => {
    for (const definition of CONNECTOR_DEFINITIONS) {
      const prefix = `CONNECTOR_${definition.manifest.id.toUpperCase()}_`;
      assert.ok(definition.settings instanceof z.ZodObject, `${definition.manifest.id} settings are a zod object`);
      for (const name of Object.keys(definition.settings.shape)) assert.ok(name.startsWith(prefix) || ENGINE_VARIABLES.includes(name) || SPEC_NAMED.includes(name), `${name} should start with ${prefix}`);
    }
  });
});
