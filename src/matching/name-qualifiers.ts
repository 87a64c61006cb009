import { normalizeBirthDate } from './birth-date.ts';
import { countryCode } from './country-codes.ts';

/** A screening query: the name, and what the caller knows about the person besides it. */
export interface ScreeningQuery {
  readonly name: string;
  /** Normal form (see birth-date.ts), or null when not given. */
  readonly dob: string | null;
  /** ISO 3166-1 alpha-2 codes. */
  readonly nationalities: readonly string[];
  /** Qualifiers that were given but not understood, quoted back in the explanation. */
  readonly ignored: readonly string[];
}

const DOB_KEYS = new Set(['dob', 'born', 'birth', 'birthdate', 'date_of_birth', 'birth_date']);
const NATIONALITY_KEYS = new Set(['nationality', 'nat', 'citizenship', 'country']);

/**
 * Reads the qualifier convention of a `name` identifier. The contract's identifiers carry no
 * date of birth or nationality, so a caller who knows them appends them to the name after a
 * vertical bar, one `key: value` each; a bar never occurs in a real name:
 *
 *     Vladimir Putin | dob: 1952-10-07 | nationality: RU
 *
 * Keys: `dob` (YYYY, YYYY-MM or YYYY-MM-DD), `nationality` (ISO alpha-2 code or English
 * country name; several separated by commas). A value that cannot be read is reported in
 * `ignored` and has no effect on the score.
 *
 * @example
 * parseNameQualifiers('Ivan Petrov | dob: 1970 | nationality: RU, BY')
 * // { name: 'Ivan Petrov', dob: '1970', nationalities: ['RU', 'BY'], ignored: [] }
 */
export function parseNameQualifiers(value: string): ScreeningQuery {
  const [name = '', ...parts] = value.split('|').map((p) => p.trim());
  let dob: string | null = null;
  const nationalities: string[] = [];
  const ignored: string[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const m = /^([a-z_ ]+?)\s*[:=]\s*(.+)$/i.exec(part);
    const key = m?.[1]?.trim().toLowerCase().replace(/\s+/g, '_');
    const raw = m?.[2]?.trim() ?? '';
    if (key !== undefined && DOB_KEYS.has(key)) {
      const normal = normalizeBirthDate(raw);
      if (normal !== null && dob === null) dob = normal;
      else ignored.push(part);
    } else if (key !== undefined && NATIONALITY_KEYS.has(key)) {
      for (const item of raw.split(',')) {
        const code = countryCode(item.trim());
        if (code !== null) nationalities.push(code);
        else ignored.push(`${m?.[1]?.trim()}: ${item.trim()}`);
      }
    } else ignored.push(part);
  }
  return { name, dob, nationalities: [...new Set(nationalities)], ignored };
}
