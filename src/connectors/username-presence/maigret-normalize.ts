import { type MaigretEngine, maigretEngineSchema, type MaigretSite, maigretSiteSchema, mergeEngine } from './maigret-format.ts';
import {
  errorMarkersOf,
  issueText,
  markers,
  requestCarriesUsername,
  type SiteNormalization,
  type SiteSkip,
  skip,
  translateRegexCheck,
  tryTemplate,
} from './site-normalization.ts';
import type { HttpMethod, SiteRule, Template } from './site-rule.ts';
import { collapseSlashes, parseMaigretTemplate, payloadTemplate } from './url-template.ts';

const UNSUPPORTED_PROTOCOLS = new Set(['dns', 'tor', 'i2p']);

/** Parses the engines of a Maigret document; a bad engine fails every site that names it. */
export function parseMaigretEngines(raw: Readonly<Record<string, unknown>>): Map<string, MaigretEngine | string> {
  const engines = new Map<string, MaigretEngine | string>();
  for (const [name, value] of Object.entries(raw)) {
    const parsed = maigretEngineSchema.safeParse(value);
    engines.set(name, parsed.success ? parsed.data : issueText(parsed.error.issues));
  }
  return engines;
}

/**
 * Normalises one Maigret site (engine preset merged in) into a `SiteRule`, or says why the
 * site cannot be checked over HTTP for a username.
 */
export function normalizeMaigretSite(name: string, raw: unknown, engines: ReadonlyMap<string, MaigretEngine | string>): SiteNormalization {
  const merged = mergedSite(raw, engines);
  if ('reason' in merged) return merged;
  const { site, warnings } = merged;
  if (site.type !== undefined && site.type !== 'username') return skip('other_identifier_type', `checks ${site.type}`);
  if (site.protocol !== undefined && UNSUPPORTED_PROTOCOLS.has(site.protocol)) return skip('unsupported_protocol', `protocol ${site.protocol}`);
  if (site.checkType === undefined) return skip('no_check_type', 'no checkType');
  if (site.url === undefined) return skip('invalid', 'no url');
  const presence = markers(site.presenseStrs, site.presenceStrs);
  const absence = markers(site.absenceStrs);
  if (site.checkType === 'message' && presence.length === 0 && absence.length === 0) return skip('no_markers', 'message check without markers');
  const templates = tryTemplate(() => templatesOf(site));
  if (!templates.ok) return templates.skip;
  if (!requestCarriesUsername(templates.value.probeUrl ?? templates.value.profileUrl, templates.value.payload)) return skip('no_username_slot', 'the request does not carry the username');
  const pattern = translateRegexCheck(site.regexCheck);
  if (!pattern.ok) return pattern.skip;
  const rule: SiteRule = {
    name,
    format: 'maigret',
    ...templates.value,
    mainUrl: site.urlMain ?? null,
    method: methodOf(site),
    headers: { ...site.headers },
    checks: [site.checkType],
    presenceMarkers: presence,
    absenceMarkers: absence,
    notFoundStatuses: [],
    errorMarkers: errorMarkersOf(site.errors),
    activationMarkers: markers(site.activation?.marks),
    usernamePattern: pattern.value,
    ignore403: site.ignore403 ?? false,
    similarSearch: site.similarSearch ?? false,
    encoding: site.encoding ?? null,
    tags: [...new Set(site.tags ?? [])],
    protection: site.protection ?? [],
    rank: site.alexaRank !== undefined && site.alexaRank > 0 ? site.alexaRank : null,
    disabled: site.disabled ?? false,
    claimedUsername: site.usernameClaimed || null,
    unclaimedUsername: site.usernameUnclaimed || null,
    engine: site.engine ?? null,
  };
  return { ok: true, rule, warnings };
}

/** The site checked by its strict schema, with its engine preset merged in. */
function mergedSite(raw: unknown, engines: ReadonlyMap<string, MaigretEngine | string>): { site: MaigretSite; warnings: string[] } | SiteSkip {
  const parsed = maigretSiteSchema.safeParse(raw);
  if (!parsed.success) return skip('invalid', issueText(parsed.error.issues));
  const site = parsed.data;
  if (site.engine === undefined) return { site, warnings: [] };
  const engine = engines.get(site.engine);
  if (engine === undefined) return skip('invalid', `unknown engine ${JSON.stringify(site.engine)}`);
  if (typeof engine === 'string') return skip('invalid', `engine ${site.engine} is invalid: ${engine}`);
  const merged = mergeEngine(site, engine);
  return { site: merged.site, warnings: merged.overrides.map((o) => `engine ${engine.name ?? site.engine} preset overrides ${o}`) };
}

function templatesOf(site: MaigretSite): { profileUrl: Template; probeUrl: Template | null; errorUrl: Template | null; payload: Template | null } {
  const fields = { urlMain: site.urlMain ?? '', urlSubpath: site.urlSubpath ?? '' };
  const url = (text: string): Template => collapseSlashes(parseMaigretTemplate(text, fields));
  let probeUrl = site.urlProbe !== undefined ? url(site.urlProbe) : null;
  // Maigret appends `getParams` to the probe URL as `&k=v`.
  const params = Object.entries(site.getParams ?? {});
  if (params.length > 0) {
    const base = probeUrl ?? url(site.url!);
    const suffix = params.map(([k, v]) => `&${k}=${String(v)}`).join('');
    probeUrl = [...base.slice(0, -1), `${base[base.length - 1]!}${suffix}`];
  }
  const sendsBody = site.requestMethod === 'POST' || site.requestMethod === 'PUT';
  return {
    profileUrl: url(site.url!),
    probeUrl,
    errorUrl: site.errorUrl !== undefined ? url(site.errorUrl) : null,
    payload: sendsBody && site.requestPayload !== undefined && site.requestPayload !== null ? payloadTemplate(site.requestPayload, (t) => parseMaigretTemplate(t, fields)) : null,
  };
}

function methodOf(site: MaigretSite): HttpMethod {
  if (site.requestMethod !== undefined) return site.requestMethod;
  // Maigret sends HEAD only for status_code checks that ask for it.
  return site.checkType === 'status_code' && site.requestHeadOnly === true ? 'HEAD' : 'GET';
}
