import { canonicalJson } from '../canonical-json.ts';

/**
 * How much of a report the printed pages hold. The embedded report.json always holds all of
 * it; what the pages leave out is counted in the export provenance's `truncation_summary`
 * and said under the table concerned.
 */
export interface PrintLimits {
  /** Characters of one printed value (a long bio, a certificate chain). */
  readonly maxValueChars: number;
  /** Rows of one printed table (profile entries of one section, lineage paths of one entity). */
  readonly maxRowsPerTable: number;
}

export const DEFAULT_PRINT_LIMITS: PrintLimits = { maxValueChars: 600, maxRowsPerTable: 1500 };

export interface TruncatedTable {
  readonly section: string;
  readonly total_rows: number;
  readonly printed_rows: number;
}

/** SPEC §11.3 `truncation_summary`. */
export interface TruncationSummary {
  readonly truncated: boolean;
  readonly limits: { readonly max_value_chars: number; readonly max_rows_per_table: number };
  readonly tables: readonly TruncatedTable[];
  readonly shortened_values: number;
  readonly note: string;
}

/** Applies the limits while the pages are drawn, and counts what it left out. */
export class Truncation {
  readonly limits: PrintLimits;
  readonly #tables: TruncatedTable[] = [];
  #shortened = 0;

  constructor(limits: PrintLimits) {
    this.limits = limits;
  }

  /** The printable form of a value, shortened past `maxValueChars`. */
  value(value: unknown): string {
    const text = formatValue(value);
    const chars = [...text];
    if (chars.length <= this.limits.maxValueChars) return text;
    this.#shortened++;
    return `${chars.slice(0, this.limits.maxValueChars).join('')}… [${chars.length - this.limits.maxValueChars} more characters in report.json]`;
  }

  /** The rows to print of a table, recording the section when rows are left out. */
  rows<T>(section: string, rows: readonly T[]): { rows: readonly T[]; omitted: number } {
    if (rows.length <= this.limits.maxRowsPerTable) return { rows, omitted: 0 };
    this.#tables.push({ section, total_rows: rows.length, printed_rows: this.limits.maxRowsPerTable });
    return { rows: rows.slice(0, this.limits.maxRowsPerTable), omitted: rows.length - this.limits.maxRowsPerTable };
  }

  summary(): TruncationSummary {
    const truncated = this.#tables.length > 0 || this.#shortened > 0;
    return {
      truncated,
      limits: { max_value_chars: this.limits.maxValueChars, max_rows_per_table: this.limits.maxRowsPerTable },
      tables: [...this.#tables],
      shortened_values: this.#shortened,
      note: truncated
        ? 'Some printed tables or values were shortened; the embedded report.json holds the complete report.'
        : 'Nothing was left out of the printed pages.',
    };
  }
}

/** One value as printed: booleans as yes/no, lists joined, objects as canonical JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return value.map((v) => formatValue(v)).join(', ');
  return canonicalJson(value);
}
