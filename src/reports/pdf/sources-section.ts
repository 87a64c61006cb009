import type { LookupResponse } from '../../contract/lookup.ts';
import { MUTED, type PdfCanvas } from './pdf-canvas.ts';
import { drawTable } from './pdf-table.ts';
import { formatValue, type Truncation } from './print-limits.ts';

const NOT_QUERIED: Readonly<Record<string, string>> = {
  depth: 'not run at this depth (deep lookups only)',
  not_applicable: 'does not take the identifier types of this query',
};

/** Source attribution (SPEC §11.1 `traceability.sources`), one table per entity. */
export function drawSourceAttribution(canvas: PdfCanvas, report: LookupResponse, t: Truncation): void {
  canvas.addPage();
  canvas.heading('Source attribution');
  if (report.entities.length === 0) canvas.paragraph('No source returned data for this query.', { size: 9, color: MUTED });
  report.entities.forEach((entity, i) => {
    canvas.heading(`Entity ${i + 1}: ${entity.entity_id}`, 3);
    const { rows, omitted } = t.rows(
      `entities[${i}].traceability.sources`,
      entity.traceability.sources.map((s) => [s.id, t.value(s.name), s.category, s.retrieved_at, s.confidence.toFixed(2)]),
    );
    drawTable(
      canvas,
      [
        { header: 'Source ID', share: 0.14 },
        { header: 'Name', share: 0.34 },
        { header: 'Category', share: 0.18 },
        { header: 'Retrieved at (UTC)', share: 0.22 },
        { header: 'Confidence', share: 0.12, align: 'right' },
      ],
      rows,
    );
    if (omitted > 0) canvas.paragraph(`${omitted} more sources are in the embedded report.json.`, { size: 8, color: MUTED });
  });
}

/**
 * The source coverage disclosure (SPEC §6.3): which connectors were checked, which were not
 * and why. A connector absent from "checked" was not checked for this query.
 */
export function drawSourceCoverage(canvas: PdfCanvas, report: LookupResponse, t: Truncation): void {
  const coverage = report.source_coverage;
  canvas.heading('Source coverage disclosure');
  canvas.paragraph(`Checked: ${coverage.available.length > 0 ? coverage.available.join(', ') : 'none'}.`, { size: 9.5 });
  canvas.paragraph(
    coverage.unavailable.length > 0
      ? `NOT checked (unreachable): ${coverage.unavailable.join(', ')}. Primary reason: ${formatValue(coverage.unavailability_reason)}.`
      : 'Every connector planned for this query was reached.',
    { size: 9.5, weight: coverage.unavailable.length > 0 ? 'bold' : 'regular' },
  );
  canvas.paragraph('A connector that does not appear under "Checked" was not consulted for this query: absence of data from it proves nothing.', {
    size: 8.5,
    color: MUTED,
  });
  const details = coverage.details ?? [];
  if (details.length > 0) {
    canvas.heading('Connectors planned for this query', 3);
    const { rows } = t.rows('source_coverage.details', details.map((d) => [d.connector_id, d.outcome, String(d.duration_ms), t.value(d.detail)]));
    drawTable(
      canvas,
      [
        { header: 'Connector', share: 0.25 },
        { header: 'Outcome', share: 0.17 },
        { header: 'Duration (ms)', share: 0.13, align: 'right' },
        { header: 'Detail', share: 0.45 },
      ],
      rows,
    );
  }
  const notQueried = coverage.not_queried ?? [];
  if (notQueried.length > 0) {
    canvas.heading('Connectors not queried', 3);
    const { rows } = t.rows('source_coverage.not_queried', notQueried.map((n) => [n.connector_id, NOT_QUERIED[n.reason] ?? n.reason]));
    drawTable(
      canvas,
      [
        { header: 'Connector', share: 0.3 },
        { header: 'Why not', share: 0.7 },
      ],
      rows,
    );
  }
}

/** The audit record written for the lookup (SPEC §10). */
export function drawAuditRecord(canvas: PdfCanvas, report: LookupResponse): void {
  const a = report.audit;
  canvas.heading('Audit record');
  drawTable(
    canvas,
    [
      { header: 'Field', share: 0.3 },
      { header: 'Value', share: 0.7 },
    ],
    [
      ['request_id', a.request_id],
      ['principal.type', a.principal.type],
      ['principal.user_id', formatValue(a.principal.user_id)],
      ['principal.user_email', formatValue(a.principal.user_email)],
      ['principal.idp_session_id', formatValue(a.principal.idp_session_id)],
      ['principal.api_key_id', formatValue(a.principal.api_key_id)],
      ['principal.service_account_name', formatValue(a.principal.service_account_name)],
      ['organization_id', a.organization_id],
      ['source_ip', a.source_ip],
      ['requester_reference', formatValue(a.requester_reference)],
      ['identifiers_queried', formatValue(a.identifiers_queried)],
      ['logged_at', a.logged_at],
    ],
  );
}
