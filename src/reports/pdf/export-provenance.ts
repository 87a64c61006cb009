import { createHash } from 'node:crypto';
import type { LookupResponse } from '../../contract/lookup.ts';
import { canonicalJson } from '../canonical-json.ts';
import { canonicalReportBytes, reportHashOf } from '../report-signature.ts';
import type { TruncationSummary } from './print-limits.ts';

/** SPEC §11.3 export provenance, as printed and as embedded in export-provenance.json. */
export interface ExportProvenance {
  readonly exported_at: string;
  readonly exported_by: string;
  readonly export_config: Readonly<Record<string, unknown>>;
  readonly data_fingerprints: Readonly<Record<string, string>>;
  readonly truncation_summary: TruncationSummary;
}

const sha256 = (text: string | Buffer): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/**
 * SHA-256 per report section, computed at export time over the RFC 8785 form of that
 * section's value as it stands in report.json, so anyone holding the report can recompute
 * them (`report` is the report hash itself: the canonical report minus its signature fields).
 *
 * @example
 * dataFingerprints(report)['resolution'] // 'sha256:…' of canonicalJson(report.resolution)
 */
export function dataFingerprints(report: LookupResponse): Record<string, string> {
  const out: Record<string, string> = {
    report: reportHashOf(canonicalReportBytes(report)),
    resolution: sha256(canonicalJson(report.resolution)),
  };
  report.entities.forEach((entity, i) => {
    out[`entities[${i}].profile`] = sha256(canonicalJson(entity.profile));
    out[`entities[${i}].traceability.sources`] = sha256(canonicalJson(entity.traceability.sources));
    out[`entities[${i}].traceability.data_lineage`] = sha256(canonicalJson(entity.traceability.data_lineage));
  });
  out.source_coverage = sha256(canonicalJson(report.source_coverage));
  out.audit = sha256(canonicalJson(report.audit));
  if (report.integrity) out.integrity = sha256(canonicalJson(report.integrity));
  return out;
}
