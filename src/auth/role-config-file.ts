import fs from 'node:fs/promises';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../config/config.ts';
import type { RateLimitOverride } from './principal.ts';
import type { PrincipalOverride, RoleConfig } from './role-config.ts';
import { DEFAULT_ROLES, isScope, SCOPES, type Scope } from './scopes.ts';

const roleName = z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/, 'a role name is 1-64 characters of a-z 0-9 _ - starting with a letter');
const scope = z.string().refine(isScope, { error: (issue) => `unknown scope "${String(issue.input)}" (known: ${SCOPES.join(', ')})` });
const perMinute = z.number().int().min(1).max(1_000_000);
const rateLimitSchema = z.strictObject({
  requests_per_minute: perMinute.optional(),
  burst: z.number().int().min(0).max(1_000_000).optional(),
  deep_lookups_per_minute: perMinute.optional(),
});

const fileSchema = z
  .strictObject({
    roles: z.record(roleName, z.array(scope)).optional(),
    group_mappings: z.record(z.string().min(1).max(512), z.union([roleName, z.array(roleName).min(1)])).optional(),
    default_user_roles: z.array(roleName).optional(),
    principals: z
      .record(
        z.string().regex(/^(user|key):\S{1,512}$/, 'a principal is "user:<IdP subject>" or "key:<api_key_id>"'),
        z.strictObject({
          roles: z.array(roleName).optional(),
          rate_limit: rateLimitSchema.optional(),
        }),
      )
      .optional(),
  })
  .nullable();

type RoleFile = NonNullable<z.output<typeof fileSchema>>;
type Path = readonly (string | number)[];

/** A problem in the roles file, located by line (1-based) when it can be. */
class RoleFileProblem extends Error {
  constructor(
    readonly line: number | null,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Reads and validates the roles file (YAML, SPEC §5). Every mistake stops the start with one
 * line, `ROLE_CONFIG_PATH: line N: reason`: unknown keys, unknown scopes, a group mapped to a
 * role that does not exist, malformed rate limits. Roles in the file are added to the built-in
 * `analyst`, `audit` and `admin` (and may redefine them).
 *
 * @example
 * const config = await loadRoleConfigFile('/etc/cairn/roles.yaml');
 * config.groupMappings['cairn-auditors']; // ['audit']
 */
export async function loadRoleConfigFile(file: string): Promise<RoleConfig> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError('ROLE_CONFIG_PATH', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return parseRoleConfig(text);
  } catch (err) {
    if (!(err instanceof RoleFileProblem)) throw err;
    throw new ConfigError('ROLE_CONFIG_PATH', err.line === null ? err.message : `line ${err.line}: ${err.message}`);
  }
}

/** Parses roles-file text; throws RoleFileProblem with the line at fault. */
function parseRoleConfig(text: string): RoleConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    throw new RoleFileProblem(syntax.linePos?.[0].line ?? null, syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''));
  }
  const lineOf = (path: Path): number | null => lineOfPath(doc, lines, path);
  const parsed = fileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // A bad record key reports "Invalid key in record"; the key's own rule says more.
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    throw new RoleFileProblem(lineOf(path), `${describePath(path)}${message}`);
  }
  return buildRoleConfig(parsed.data ?? {}, lineOf);
}

/** The line of the deepest node of `path` that exists: a map entry's key, a sequence item. */
function lineOfPath(doc: Document, lines: LineCounter, path: Path): number | null {
  let node: unknown = doc.contents;
  let offset: number | null = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as { range?: [number, number, number] } | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else break;
  }
  return offset === null ? null : lines.linePos(offset).line;
}

function describePath(path: Path): string {
  if (path.length === 0) return '';
  return `${path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')}: `;
}

/** Cross-checks names (every role referred to must exist) and builds the RoleConfig. */
function buildRoleConfig(file: RoleFile, lineOf: (path: Path) => number | null): RoleConfig {
  const roles: Record<string, readonly Scope[]> = { ...DEFAULT_ROLES };
  for (const [name, scopes] of Object.entries(file.roles ?? {})) roles[name] = [...new Set(scopes as Scope[])];
  const known = (role: string, path: Path): string => {
    if (!Object.hasOwn(roles, role)) throw new RoleFileProblem(lineOf(path), `${describePath(path)}unknown role "${role}" (known: ${Object.keys(roles).join(', ')})`);
    return role;
  };
  const groupMappings: Record<string, readonly string[]> = {};
  for (const [group, mapped] of Object.entries(file.group_mappings ?? {})) {
    groupMappings[group] = (Array.isArray(mapped) ? mapped : [mapped]).map((r, i) => known(r, ['group_mappings', group, ...(Array.isArray(mapped) ? [i] : [])]));
  }
  const defaultUserRoles = (file.default_user_roles ?? ['analyst']).map((r, i) => known(r, ['default_user_roles', i]));
  const principals: Record<string, PrincipalOverride> = {};
  for (const [subject, entry] of Object.entries(file.principals ?? {})) {
    const rateLimit = rateLimitOf(entry.rate_limit);
    principals[subject] = {
      ...(entry.roles ? { roles: entry.roles.map((r, i) => known(r, ['principals', subject, 'roles', i])) } : {}),
      ...(rateLimit ? { rateLimit } : {}),
    };
  }
  return { roles, groupMappings, defaultUserRoles, principals };
}

function rateLimitOf(raw: z.output<typeof rateLimitSchema> | undefined): RateLimitOverride | undefined {
  if (!raw) return undefined;
  return {
    ...(raw.requests_per_minute !== undefined ? { requestsPerMinute: raw.requests_per_minute } : {}),
    ...(raw.burst !== undefined ? { burst: raw.burst } : {}),
    ...(raw.deep_lookups_per_minute !== undefined ? { deepLookupsPerMinute: raw.deep_lookups_per_minute } : {}),
  };
}
