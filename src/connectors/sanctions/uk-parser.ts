import { parse } from 'csv-parse/sync';
import { birthDates, dayOf, distinctNames, joinParts, nationalityCodes, slashDate } from './entry-building.ts';
import { ListFormatError } from './list-format-error.ts';
import type { ParsedList, SanctionsEntry } from './sanctions-list.ts';

type Row = Readonly<Record<string, string>>;

const REQUIRED_COLUMNS = ['Name 6', 'Group Type', 'Group ID'] as const;
const TYPES: Readonly<Record<string, SanctionsEntry['type']>> = { individual: 'individual', entity: 'entity', ship: 'vessel' };

/**
 * Parses OFSI's Consolidated List of Financial Sanctions Targets as CSV (ConList.csv, "2022
 * format"): a first line `Last Updated,DD/MM/YYYY`, a header line, then one row per name of a
 * designation. Rows share a `Group ID`; Name 6 is the surname and Name 1–5 the other names;
 * `Alias Type` is Primary name, Primary name variation, AKA or FKA, and `Alias Quality` marks
 * low-quality aliases. Columns are found by header name, so their order may change. Every row
 * must have as many fields as the header: a download cut off mid-row fails here.
 *
 * @throws ListFormatError when the file is not the format.
 */
export function parseUkCsv(bytes: Buffer): ParsedList {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const firstBreak = text.search(/\r?\n/);
  if (firstBreak < 0) throw new ListFormatError('a single line: not the OFSI consolidated list');
  const banner = text.slice(0, firstBreak).split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  const publishedAt = banner[0]?.toLowerCase() === 'last updated' ? slashDate(banner[1], 'dmy') : null;
  if (publishedAt === null) throw new ListFormatError('first line is not "Last Updated,DD/MM/YYYY"');
  let rows: Row[];
  try {
    rows = parse(text.slice(firstBreak).trimStart(), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Row[];
  } catch (err) {
    throw new ListFormatError(`CSV does not parse: ${(err as Error).message}`);
  }
  const header = rows[0] !== undefined ? Object.keys(rows[0]) : [];
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new ListFormatError(`header lacks ${missing.join(', ')}`);
  return { publishedAt, entries: groupRows(rows) };
}

function groupRows(rows: readonly Row[]): SanctionsEntry[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const id = row['Group ID'] ?? '';
    if (id === '') throw new ListFormatError('a row has no Group ID');
    const group = groups.get(id);
    if (group === undefined) groups.set(id, [row]);
    else group.push(row);
  }
  return [...groups].map(([id, group]) => toEntry(id, group));
}

function toEntry(id: string, rows: readonly Row[]): SanctionsEntry {
  // The primary name first, so it is the one kept as primary.
  const ordered = [...rows].sort((a, b) => Number(isPrimary(b)) - Number(isPrimary(a)));
  const names = ordered.flatMap((row, i) => {
    const name = row['Name 6'] && joinParts(row['Name 1'], row['Name 2'], row['Name 3'], row['Name 4'], row['Name 5'])
      ? `${row['Name 6']}, ${joinParts(row['Name 1'], row['Name 2'], row['Name 3'], row['Name 4'], row['Name 5'])}`
      : joinParts(row['Name 6'], row['Name 1'], row['Name 2'], row['Name 3'], row['Name 4'], row['Name 5']);
    const primary = i === 0 && isPrimary(row);
    const weak = /low/i.test(row['Alias Quality'] ?? '');
    const nonLatin = row['Name Non-Latin Script'];
    return [
      { name, quality: primary ? ('primary' as const) : weak ? ('weak' as const) : ('strong' as const), kind: aliasKind(row, primary) },
      ...(nonLatin ? [{ name: nonLatin, quality: 'strong' as const, kind: 'original_script' }] : []),
    ];
  });
  const first = ordered[0]!;
  const listedOn = slashDate(first['Listed On'], 'dmy');
  const remarks = first['Other Information'];
  return {
    id,
    type: TYPES[(first['Group Type'] ?? '').toLowerCase()] ?? 'unknown',
    names: distinctNames(names),
    programs: [...new Set(rows.map((r) => r['Regime'] ?? '').filter((r) => r !== ''))],
    ...(listedOn !== null ? { listed_on: dayOf(listedOn) } : {}),
    dob: birthDates(rows.flatMap((r) => (r['DOB'] ?? '').split(/\(\d+\)/))),
    nationalities: nationalityCodes(rows.map((r) => r['Nationality'] ?? '')),
    ...(remarks ? { remarks } : {}),
  };
}

const isPrimary = (row: Row): boolean => (row['Alias Type'] ?? '').toLowerCase() === 'primary name';

function aliasKind(row: Row, primary: boolean): string {
  if (primary) return 'primary';
  return (row['Alias Type'] ?? '').toLowerCase() === 'fka' ? 'fka' : 'aka';
}
