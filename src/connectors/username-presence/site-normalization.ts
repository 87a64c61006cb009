/**
 * What a format normaliser returns for one catalogue entry: a rule, or the reason it cannot be
 * used. The reasons are a closed list so the load report can count them.
 */
import { translatePythonRegex } from './python-regex.ts';
import { classifyErrorReason, type ErrorMarker, type SiteRule, type Template } from './site-rule.ts';
import { hasSlot, TemplateError } from './url-template.ts';

export const SKIP_REASONS = [
  /** Fails the format's strict schema (unknown key, wrong type). */
  'invalid',
  /** DNS, Tor or I2P checks: not an HTTP(S) request through the guarded client. */
  'unsupported_protocol',
  /** The site looks up another identifier (steam_id, orcid …), not a username. */
  'other_identifier_type',
  /** `regexCheck` compiles neither as translated Python nor as JavaScript. */
  'bad_regex',
  /** A message check with neither presence nor absence markers cannot decide anything. */
  'no_markers',
  /** Neither the probe URL nor the body carries the username: every name looks the same. */
  'no_username_slot',
  /** A URL template that does not parse or names an unknown field. */
  'bad_template',
  /** No detection method (`checkType`/`errorType`) at all. */
  'no_check_type',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export type SiteSkip = { readonly ok: false; readonly reason: SkipReason; readonly detail: string };

export type SiteNormalization = { readonly ok: true; readonly rule: SiteRule; readonly warnings: readonly string[] } | SiteSkip;

export function skip(reason: SkipReason, detail: string): SiteSkip {
  return { ok: false, reason, detail };
}

/** Runs a template parse and turns a TemplateError into a `bad_template` skip. */
export function tryTemplate<T>(parse: () => T): { ok: true; value: T } | { ok: false; skip: SiteNormalization } {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    if (err instanceof TemplateError) return { ok: false, skip: skip('bad_template', err.message) };
    throw err;
  }
}

/** Whether the request itself (URL before any `#`, or the body) carries the username. */
export function requestCarriesUsername(probe: Template, payload: Template | null): boolean {
  if (payload !== null && hasSlot(payload)) return true;
  return hasSlot(probe) && !probe[0]!.includes('#');
}

export function translateRegexCheck(pattern: string | undefined): { ok: true; value: SiteRule['usernamePattern'] } | { ok: false; skip: SiteNormalization } {
  if (pattern === undefined || pattern === '') return { ok: true, value: null };
  const translated = translatePythonRegex(pattern);
  return translated === null ? { ok: false, skip: skip('bad_regex', `regexCheck ${JSON.stringify(pattern)} does not compile`) } : { ok: true, value: translated };
}

export function errorMarkersOf(errors: Readonly<Record<string, string>> | undefined): ErrorMarker[] {
  return Object.entries(errors ?? {})
    .filter(([marker]) => marker !== '')
    .map(([marker, reason]) => ({ marker, reason, outcome: classifyErrorReason(reason) }));
}

/** Drops empty and repeated markers: an empty marker is found in every page. */
export function markers(...lists: readonly (readonly string[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap((list) => list ?? []).filter((m) => m !== ''))];
}

/** The first schema issue of a site as one line: `headers.x: expected string`, `unknown key foo`. */
export function issueText(issues: readonly { path: readonly PropertyKey[]; message: string; code: string; keys?: readonly string[] }[]): string {
  const first = issues[0];
  if (!first) return 'invalid';
  const where = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  return first.code === 'unrecognized_keys' && first.keys ? `${where}unknown key ${first.keys.join(', ')}` : `${where}${first.message}`;
}
