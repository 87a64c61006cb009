import type { Entity, LookupResponse } from '../../contract/lookup.ts';
import { MUTED, type PdfCanvas } from './pdf-canvas.ts';
import { drawTable, type TableRow } from './pdf-table.ts';
import { formatValue, type Truncation } from './print-limits.ts';

/** One profile entry with its JSON path (`profile.phones[0]`), as the lineage keys name it. */
interface ProfileEntry {
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
}

const SHOWN_APART = new Set(['confidence', 'sources', 'conflicts']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEntryList = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.every(isRecord);

/** Profile sections in report order: `person`, `phones`, …, `network.domains`, … */
function sectionsOf(profile: Readonly<Record<string, unknown>>): { name: string; entries: ProfileEntry[] }[] {
  const out: { name: string; entries: ProfileEntry[] }[] = [];
  for (const [key, value] of Object.entries(profile)) {
    if (isEntryList(value)) out.push({ name: key, entries: value.map((body, i) => ({ path: `profile.${key}[${i}]`, body })) });
    else if (isRecord(value) && Object.values(value).length > 0 && Object.values(value).every(isEntryList)) {
      // A container such as `network`: each list inside is a section of its own.
      for (const [inner, list] of Object.entries(value)) {
        out.push({ name: `${key}.${inner}`, entries: (list as Record<string, unknown>[]).map((body, i) => ({ path: `profile.${key}.${inner}[${i}]`, body })) });
      }
    } else if (isRecord(value)) out.push({ name: key, entries: [{ path: `profile.${key}`, body: value }] });
  }
  return out;
}

export function sectionTitle(name: string): string {
  return name
    .split('.')
    .map((part) => part.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()))
    .join(' — ');
}

function entryRows(entry: ProfileEntry, lineage: Readonly<Record<string, readonly string[]>>, t: Truncation): TableRow[] {
  const confidence = typeof entry.body.confidence === 'number' ? entry.body.confidence.toFixed(2) : '—';
  const entrySources = formatValue(entry.body.sources);
  const rows: TableRow[] = [{ group: `${entry.path.replace(/^profile\./, '')} · confidence ${confidence} · sources ${entrySources}` }];
  for (const [field, value] of Object.entries(entry.body)) {
    if (SHOWN_APART.has(field)) continue;
    const sources = lineage[`${entry.path}.${field}`] ?? entry.body.sources;
    rows.push([field, t.value(value), confidence, formatValue(sources)]);
  }
  const conflicts = entry.body.conflicts;
  if (isRecord(conflicts)) {
    for (const [field, candidates] of Object.entries(conflicts)) {
      const listed = Array.isArray(candidates)
        ? candidates.map((c) => (isRecord(c) ? `${formatValue(c.value)} (${formatValue(c.sources)})` : formatValue(c))).join('; ')
        : formatValue(candidates);
      rows.push([`${field} (conflicting values)`, t.value(listed), confidence, '—']);
    }
  }
  return rows;
}

const COLUMNS = [
  { header: 'Field', share: 0.2 },
  { header: 'Value', share: 0.5 },
  { header: 'Confidence', share: 0.12, align: 'right' as const },
  { header: 'Sources', share: 0.18 },
];

function drawEntity(canvas: PdfCanvas, entity: Entity, index: number, count: number, t: Truncation): void {
  canvas.heading(`Entity ${index + 1} of ${count}: ${entity.entity_id}`, 2);
  canvas.paragraph(`Entity confidence ${entity.confidence.toFixed(2)}. Each field shows the confidence of its entry and the sources asserting that value (data lineage).`, {
    size: 8.5,
    color: MUTED,
  });
  const sections = sectionsOf(entity.profile as Record<string, unknown>);
  if (sections.length === 0) canvas.paragraph('No profile data for this entity.', { size: 9, color: MUTED });
  for (const section of sections) {
    canvas.heading(sectionTitle(section.name), 3);
    const all = section.entries.flatMap((entry) => entryRows(entry, entity.traceability.data_lineage, t));
    const { rows, omitted } = t.rows(`entities[${index}].profile.${section.name}`, all);
    drawTable(canvas, COLUMNS, rows);
    if (omitted > 0) canvas.paragraph(`${omitted} more rows of this section are in the embedded report.json.`, { size: 8, color: MUTED });
  }
}

/** The entity profiles (SPEC §6.4) with per-field confidence and sources. */
export function drawProfiles(canvas: PdfCanvas, report: LookupResponse, t: Truncation): void {
  canvas.addPage();
  canvas.heading('Entity profiles');
  if (report.entities.length === 0) {
    canvas.paragraph(`No entity matched this query (resolution: ${report.resolution.status}). The source coverage section lists what was checked.`, { size: 10 });
    return;
  }
  if (report.resolution.status === 'ambiguous') {
    canvas.paragraph(`The query matched ${report.entities.length} distinct entities, ranked by confidence; none can be preferred with certainty.`, { size: 9.5 });
  }
  report.entities.forEach((entity, i) => drawEntity(canvas, entity, i, report.entities.length, t));
}
