/**
 * Writes `.env.example` from the code, so it cannot drift: the engine's variables and defaults
 * (src/config/config.ts), the tracing settings, every connector's `settings` schema and BYOK
 * `requires`, the sanctions settings the sync job reads, and what docker-compose.yml
 * interpolates. The words come from one table,
 * scripts/env-example-notes.ts. A variable without a note, or a note nothing reads, stops it.
 *
 *   node --import tsx scripts/generate-env-example.ts           # (re)write .env.example
 *   node --import tsx scripts/generate-env-example.ts --check   # exit 1 if it is stale
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ENGINE_VARIABLE_DEFAULTS, ENGINE_VARIABLES } from '../src/config/config.ts';
import { sanctionsSettingsSchema } from '../src/connectors/sanctions/sanctions-settings.ts';
import { CONNECTOR_DEFINITIONS } from '../src/connectors/registry.ts';
import { tracingSettingsSchema } from '../src/observability/tracing-settings.ts';
import { ENV_NOTES, type EnvNote } from './env-example-notes.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENV_EXAMPLE_PATH = path.join(REPO_ROOT, '.env.example');

export interface EnvVariable {
  readonly name: string;
  /** The default as written in the environment; null when there is none. */
  readonly defaultText: string | null;
  readonly note: EnvNote;
}

export interface EnvArea {
  readonly title: string;
  readonly intro: string | null;
  readonly variables: EnvVariable[];
}

/** One place that reads variables: its schema fields (or the engine table) and where they go. */
interface Source {
  readonly area: string;
  readonly intro: string | null;
  readonly names: readonly string[];
  defaultOf(name: string, note: EnvNote): string | null;
}

function sources(): Source[] {
  const list: Source[] = [
    { area: 'Engine', intro: null, names: ENGINE_VARIABLES, defaultOf: (name) => ENGINE_VARIABLE_DEFAULTS[name] ?? null },
    schemaSource('Tracing', null, tracingSettingsSchema),
  ];
  for (const { manifest, settings } of CONNECTOR_DEFINITIONS) {
    const byok = manifest.requires.length > 0 ? `Bring your own key: runs only when ${manifest.requires.join(' and ')} ${manifest.requires.length > 1 ? 'are' : 'is'} set.` : null;
    const source = schemaSource(`Connector: ${manifest.name} (${manifest.id})`, byok, settings);
    list.push({ ...source, names: [...new Set([...source.names, ...manifest.requires])] });
  }
  // Read by the sanctions sync job too (src/jobs/engine-jobs.ts), not only by the connectors.
  list.push(schemaSource('Sanctions', null, sanctionsSettingsSchema));
  list.push(composeSource());
  return list;
}

export const COMPOSE_AREA = 'Docker Compose (read by docker-compose.yml when it starts the services, not by the engine)';

// Compose interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}.
const INTERPOLATION = /(?<!\$)\$\{([A-Z][A-Z0-9_]*)(?:(:?-)([^}]*)|:?\?[^}]*)?\}/g;

/** The variables docker-compose.yml interpolates, with the defaults it writes for them. */
export function composeInterpolations(text: string): Map<string, string | null> {
  const found = new Map<string, string | null>();
  for (const m of text.matchAll(INTERPOLATION)) if (!found.has(m[1]!)) found.set(m[1]!, m[2] !== undefined ? m[3]! : null);
  return found;
}

function composeSource(): Source {
  const variables = composeInterpolations(fs.readFileSync(path.join(REPO_ROOT, 'docker-compose.yml'), 'utf8'));
  return { area: COMPOSE_AREA, intro: 'Only for `docker compose`: leave them out when you run the engine another way.', names: [...variables.keys()], defaultOf: (name) => variables.get(name) ?? null };
}

function schemaSource(area: string, intro: string | null, schema: z.ZodType<unknown>): Source {
  if (!(schema instanceof z.ZodObject)) throw new Error(`${area}: settings must be a z.object keyed by variable name`);
  const shape = schema.shape as Record<string, z.ZodType>;
  return { area, intro, names: Object.keys(shape), defaultOf: (name, note) => (shape[name] ? defaultTextOf(name, shape[name], note) : null) };
}

/**
 * A field's default in written form, checked by parsing it back: what `.env.example` shows
 * must be what the engine uses when the variable is unset.
 */
function defaultTextOf(name: string, field: z.ZodType, note: EnvNote): string | null {
  const unset = field.safeParse(undefined);
  if (!unset.success || unset.data === undefined) return null;
  const value = unset.data;
  // Files shipped in node_modules: shown relative to the install directory, not this machine's path.
  if (typeof value === 'string' && value.startsWith(REPO_ROOT + path.sep)) return path.relative(REPO_ROOT, value).split(path.sep).join('/');
  const shown = note.shownDefault ?? plainText(value);
  if (shown === null) throw new Error(`${name}: its default ${JSON.stringify(value)} has no plain written form; give it a shownDefault in env-example-notes.ts`);
  const back = field.safeParse(shown);
  if (!back.success || !isDeepStrictEqual(back.data, value)) throw new Error(`${name}: the shown default "${shown}" does not parse to the default ${JSON.stringify(value)}`);
  return shown;
}

function plainText(value: unknown): string | null {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(',');
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) return '';
  return null;
}

/** Every variable the code reads, by area, in the order the code declares them. */
export function collectEnvAreas(): EnvArea[] {
  const areas = new Map<string, EnvArea>();
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const source of sources()) {
    for (const name of source.names) {
      if (seen.has(name)) continue;
      seen.add(name);
      const note = ENV_NOTES[name];
      if (note === undefined) {
        missing.push(name);
        continue;
      }
      const title = note.area ?? source.area;
      if (title === 'Engine' || title === 'Tracing' || title === 'Sanctions') throw new Error(`${name}: give it an area in env-example-notes.ts`);
      const area = areas.get(title) ?? { title, intro: note.area === undefined ? source.intro : null, variables: [] };
      areas.set(title, area);
      area.variables.push({ name, defaultText: source.defaultOf(name, note), note });
    }
  }
  const unread = Object.keys(ENV_NOTES).filter((name) => !seen.has(name));
  if (missing.length > 0) throw new Error(`no line in scripts/env-example-notes.ts for: ${missing.join(', ')}`);
  if (unread.length > 0) throw new Error(`scripts/env-example-notes.ts describes variables nothing reads: ${unread.join(', ')}`);
  // The compose area first: it is what a `docker compose` install must fill in before anything else.
  return [...areas.values()].sort((a, b) => Number(b.title === COMPOSE_AREA) - Number(a.title === COMPOSE_AREA));
}

const RULE = `# ${'='.repeat(78)}`;

/** The text of `.env.example`. */
export function renderEnvExample(areas: readonly EnvArea[]): string {
  const lines = [
    '# Cairn: every environment variable the engine reads (and the few docker-compose.yml reads), with its default.',
    '# Generated from the code by `node --import tsx scripts/generate-env-example.ts`; do not edit by hand.',
    '# Every line is commented out: a variable left unset takes the default shown. Uncomment what you change.',
    '# Values in <angle brackets> are secrets: keep them in a secret store or a file only the engine reads,',
    '# never in git. The report signing key is a file (SIGNING_PRIVATE_KEY_PATH), mounted as a secret.',
  ];
  for (const area of areas) {
    lines.push('', RULE, `# ${area.title}`, ...(area.intro !== null ? [`# ${area.intro}`] : []), RULE);
    for (const v of area.variables) {
      const shownDefault = v.defaultText === null ? '[no default]' : `[default: ${v.defaultText === '' ? 'empty' : v.defaultText}]`;
      const value = v.note.secret ?? v.defaultText ?? v.note.example ?? '';
      lines.push('', `# ${v.note.text} ${shownDefault}`, `#${v.name}=${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The variable names a `.env.example` text sets (its `#NAME=value` lines). */
export function variableNamesIn(text: string): string[] {
  return [...text.matchAll(/^#([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

function main(argv: readonly string[]): void {
  const text = renderEnvExample(collectEnvAreas());
  if (argv.includes('--check')) {
    const current = fs.existsSync(ENV_EXAMPLE_PATH) ? fs.readFileSync(ENV_EXAMPLE_PATH, 'utf8') : '';
    if (current !== text) {
      process.stderr.write('.env.example is stale: run `node --import tsx scripts/generate-env-example.ts`\n');
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(ENV_EXAMPLE_PATH, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), ENV_EXAMPLE_PATH)}: ${variableNamesIn(text).length} variables\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main(process.argv.slice(2));
