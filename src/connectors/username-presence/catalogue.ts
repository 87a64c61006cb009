/**
 * A site catalogue: the rules read from one Maigret or Sherlock document, and the report of
 * what was loaded and what was not (and why). The format is recognised from the shape.
 */
import { createHash } from 'node:crypto';
import { maigretDocumentSchema, isMaigretDocument } from './maigret-format.ts';
import { normalizeMaigretSite, parseMaigretEngines } from './maigret-normalize.ts';
import { isSherlockDocument, normalizeSherlockSite } from './sherlock-format.ts';
import { issueText, type SiteNormalization, type SkipReason } from './site-normalization.ts';
import { type SiteRule, siteRuleSchema } from './site-rule.ts';

export interface LoadReport {
  readonly format: 'maigret' | 'sherlock';
  /** Entries in the document. */
  readonly total: number;
  /** Entries that became rules (enabled or not). */
  readonly loaded: number;
  /** Loaded rules the catalogue itself marks `disabled`. */
  readonly disabled: number;
  readonly skipped: Readonly<Partial<Record<SkipReason, number>>>;
  /** One line per skipped entry (name, reason, detail), for logs and `sites selfcheck`. */
  readonly problems: readonly { readonly site: string; readonly reason: SkipReason; readonly detail: string }[];
  /** Engine presets that replaced a site's own value. */
  readonly warnings: readonly { readonly site: string; readonly message: string }[];
}

export interface Catalogue {
  readonly rules: readonly SiteRule[];
  readonly report: LoadReport;
  /** SHA-256 (hex) of the document text it was read from. */
  readonly sha256: string;
  /** Where it came from: a path, a URL, `cache:<url>` or `builtin`. */
  readonly origin: string;
}

/** The document is not a catalogue at all (as opposed to a catalogue with bad entries). */
export class CatalogueFormatError extends Error {
  override readonly name = 'CatalogueFormatError';
}

/**
 * Parses catalogue JSON text. Throws CatalogueFormatError when the text is not JSON, not one
 * of the two formats, or yields no usable rule; bad entries are skipped and counted.
 *
 * @example
 * const { rules, report } = parseCatalogue(fs.readFileSync('sherlock-sites.json', 'utf8'), 'file');
 */
export function parseCatalogue(text: string, origin: string): Catalogue {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new CatalogueFormatError(`not JSON: ${(err as Error).message}`);
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  const { format, entries } = normalizeDocument(doc);
  const rules: SiteRule[] = [];
  const skipped: Partial<Record<SkipReason, number>> = {};
  const problems: { site: string; reason: SkipReason; detail: string }[] = [];
  const warnings: { site: string; message: string }[] = [];
  for (const [site, result] of entries) {
    if (result.ok) {
      // The normalisers are ours; a rule failing the strict schema is a programming error.
      rules.push(siteRuleSchema.parse(result.rule));
      warnings.push(...result.warnings.map((message) => ({ site, message })));
    } else {
      skipped[result.reason] = (skipped[result.reason] ?? 0) + 1;
      problems.push({ site, reason: result.reason, detail: result.detail });
    }
  }
  if (rules.length === 0) throw new CatalogueFormatError(`no usable site in ${entries.length} entries`);
  const report: LoadReport = { format, total: entries.length, loaded: rules.length, disabled: rules.filter((r) => r.disabled).length, skipped, problems, warnings };
  return { rules, report, sha256, origin };
}

function normalizeDocument(doc: unknown): { format: 'maigret' | 'sherlock'; entries: [string, SiteNormalization][] } {
  if (isMaigretDocument(doc)) {
    const parsed = maigretDocumentSchema.safeParse(doc);
    if (!parsed.success) throw new CatalogueFormatError(`Maigret document: ${issueText(parsed.error.issues)}`);
    const engines = parseMaigretEngines(parsed.data.engines ?? {});
    return { format: 'maigret', entries: Object.entries(parsed.data.sites).map(([name, raw]) => [name, normalizeMaigretSite(name, raw, engines)]) };
  }
  if (isSherlockDocument(doc)) {
    const entries = Object.entries(doc).filter(([name]) => name !== '$schema');
    return { format: 'sherlock', entries: entries.map(([name, raw]) => [name, normalizeSherlockSite(name, raw)]) };
  }
  throw new CatalogueFormatError('neither a Maigret ({ sites, engines, tags }) nor a Sherlock ({ "<site>": { url, errorType, … } }) document');
}

/** One line for logs: `maigret: 3236 entries, 3210 loaded (678 disabled), skipped: …`. */
export function describeReport(report: LoadReport): string {
  const skipped = Object.entries(report.skipped).map(([reason, count]) => `${reason} ${count}`);
  return `${report.format}: ${report.total} entries, ${report.loaded} loaded (${report.disabled} disabled)` + (skipped.length > 0 ? `, skipped: ${skipped.join(', ')}` : '') + (report.warnings.length > 0 ? `, ${report.warnings.length} engine overrides` : '');
}
