import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { collectEnvAreas, composeInterpolations, ENV_EXAMPLE_PATH, REPO_ROOT, renderEnvExample, variableNamesIn } from '../scripts/generate-env-example.ts';
import { ENGINE_VARIABLES } from '../src/config/config.ts';
import { sanctionsSettingsSchema } from '../src/connectors/sanctions/sanctions-settings.ts';
import { CONNECTOR_DEFINITIONS } from '../src/connectors/registry.ts';
import { tracingSettingsSchema } from '../src/observability/tracing-settings.ts';

const text = fs.readFileSync(ENV_EXAMPLE_PATH, 'utf8');
const documented = variableNamesIn(text);

const keysOf = (schema: z.ZodType<unknown>): string[] => {
  assert.ok(schema instanceof z.ZodObject, 'settings are a z.object keyed by variable name');
  return Object.keys(schema.shape);
};

/**
 * Every variable the code reads through a schema (the engine table, tracing, connectors' settings
 * and BYOK `requires`, the sanctions job), and what docker-compose.yml interpolates.
 */
function variablesReadByCode(): Set<string> {
  return new Set([
    ...composeInterpolations(fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8')).keys(),
    ...ENGINE_VARIABLES,
    ...keysOf(tracingSettingsSchema),
    ...CONNECTOR_DEFINITIONS.flatMap((d) => [...keysOf(d.settings), ...d.manifest.requires]),
    ...keysOf(sanctionsSettingsSchema),
  ]);
}

// A read that bypasses the schemas: `process.env.X`, `env.X`, `env['X']` in shipped source.
const DIRECT_READ = /\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[\s*['"`]([A-Z][A-Z0-9_]*)['"`]\s*\])/g;

function directReadsIn(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const [name, file] of directReadsIn(full)) found.set(name, file);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.startsWith('fake-')) {
      for (const m of fs.readFileSync(full, 'utf8').matchAll(DIRECT_READ)) found.set((m[1] ?? m[2])!, path.relative(REPO_ROOT, full));
    }
  }
  return found;
}

describe('.env.example', () => {
  it('is what scripts/generate-env-example.ts writes from the code today', () => {
    assert.equal(text, renderEnvExample(collectEnvAreas()), '.env.example is stale: run `node --import tsx scripts/generate-env-example.ts`');
  });

  it('names every variable the code reads, and nothing else', () => {
    const read = variablesReadByCode();
    assert.deepEqual(documented.filter((name) => !read.has(name)), [], 'named in .env.example but read by nothing');
    assert.deepEqual([...read].filter((name) => !documented.includes(name)), [], 'read by the code but missing from .env.example');
    assert.equal(new Set(documented).size, documented.length, 'a variable appears twice');
  });

  it('reads the variables docker-compose.yml interpolates, with their defaults', () => {
    const sample = 'a: ${REQUIRED:?set it} b: ${WITH_DEFAULT:-x y} c: ${EMPTY_OK-8000} d: ${PLAIN} e: $${ESCAPED}';
    assert.deepEqual([...composeInterpolations(sample)], [['REQUIRED', null], ['WITH_DEFAULT', 'x y'], ['EMPTY_OK', '8000'], ['PLAIN', null]]);
  });

  it('names every variable shipped code reads directly, outside the schemas', () => {
    assert.deepEqual([...'x = config.env.FOO_BAR; y = env["BAZ"]'.matchAll(DIRECT_READ)].map((m) => m[1] ?? m[2]), ['FOO_BAR', 'BAZ'], 'the probe finds reads');
    const missing = [...directReadsIn(path.join(REPO_ROOT, 'src'))].filter(([name]) => !documented.includes(name));
    assert.deepEqual(missing, []);
  });

  it('gives each variable a one-line comment with its default, and shows secrets as placeholders', () => {
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const m = /^#([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
      if (!m) return;
      const comment = lines[i - 1] ?? '';
      assert.match(comment, /^# \S.*\[(default: .*|no default)\]$/, `${m[1]}: its comment line`);
      if (/(SECRET|API_KEY|TOKEN|PASSWORD|HEADERS)$/.test(m[1]!) || m[1] === 'DATABASE_URL' || m[1] === 'BOOTSTRAP_API_KEY') {
        assert.match(m[2]!, /<[^>]+>/, `${m[1]} must show a placeholder, never a value`);
      }
    });
  });

  it('groups variables under area headings', () => {
    const headings = [...text.matchAll(/^# =+\n# (.+)\n/gm)].map((m) => m[1]);
    for (const area of ['Database', 'Identity: OpenID Connect (SSO)', 'Identity: SAML 2.0 (SSO)', 'Tracing (OpenTelemetry, optional)']) assert.ok(headings.includes(area), area);
    assert.ok(headings.some((h) => h?.startsWith('Sanctions lists')));
    for (const d of CONNECTOR_DEFINITIONS.filter((c) => c.manifest.requires.length > 0)) assert.ok(headings.some((h) => h?.endsWith(`(${d.manifest.id})`)), d.manifest.id);
  });
});
