/**
 * Dates of birth as the lists write them, reduced to one normal text form and compared as
 * intervals. Normal forms: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY..YYYY` (a range) and `~YYYY`
 * (circa: read as one year either side).
 */

const MONTHS: Readonly<Record<string, string>> = {
  jan: '01', feb: '02', mar: '03', apr: '04', may: '05', jun: '06', jul: '07', aug: '08', sep: '09', oct: '10', nov: '11', dec: '12',
};

const pad = (n: string): string => n.padStart(2, '0');
const year = (y: string): boolean => /^(1[89]|20)\d\d$/.test(y);

/**
 * Normalises one date of birth written in any of the lists' formats; null when it cannot be
 * read. Zeroes for unknown day or month (OFSI's `00/00/1964`) lower the precision.
 *
 * @example
 * normalizeBirthDate('07 Oct 1952')     // '1952-10-07'   (OFAC)
 * normalizeBirthDate('00/00/1964')      // '1964'         (OFSI)
 * normalizeBirthDate('circa 1958')      // '~1958'        (OFAC)
 * normalizeBirthDate('1961 to 1963')    // '1961..1963'   (OFAC)
 * normalizeBirthDate('1952-10-07')      // '1952-10-07'   (UN, EU, callers)
 */
export function normalizeBirthDate(raw: string): string | null {
  const text = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  let m = /^(?:circa|approximately|approx\.?|c\.|about|~)\s*(\d{4})$/.exec(text);
  if (m && year(m[1]!)) return `~${m[1]}`;
  m = /^(\d{4})\s*(?:to|-|–|\.\.)\s*(\d{4})$/.exec(text);
  if (m && year(m[1]!) && year(m[2]!) && m[1]! <= m[2]!) return `${m[1]}..${m[2]}`;
  m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(text);
  if (m && year(m[1]!)) return joinParts(m[1]!, m[2], m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (m && year(m[3]!)) return joinParts(m[3]!, m[2], m[1]);
  m = /^(?:(\d{1,2}) )?([a-z]{3})[a-z]* (\d{4})$/.exec(text);
  if (m && year(m[3]!) && MONTHS[m[2]!] !== undefined) return joinParts(m[3]!, MONTHS[m[2]!], m[1]);
  return null;
}

function joinParts(y: string, month: string | undefined, day: string | undefined): string | null {
  const mm = month !== undefined && Number(month) > 0 ? pad(month) : null;
  if (mm !== null && Number(mm) > 12) return null;
  const dd = mm !== null && day !== undefined && Number(day) > 0 ? pad(day) : null;
  if (dd !== null && Number(dd) > 31) return null;
  return dd !== null ? `${y}-${mm}-${dd}` : mm !== null ? `${y}-${mm}` : y;
}

/** A normalised date as the interval of days it allows, and whether it names one day. */
export interface DateInterval {
  readonly from: string;
  readonly to: string;
  readonly exactDay: boolean;
}

/**
 * @example
 * birthDateInterval('1952-10') // { from: '1952-10-01', to: '1952-10-31', exactDay: false }
 */
export function birthDateInterval(normal: string): DateInterval | null {
  let m = /^~(\d{4})$/.exec(normal);
  if (m) return { from: `${Number(m[1]) - 1}-01-01`, to: `${Number(m[1]) + 1}-12-31`, exactDay: false };
  m = /^(\d{4})\.\.(\d{4})$/.exec(normal);
  if (m) return { from: `${m[1]}-01-01`, to: `${m[2]}-12-31`, exactDay: false };
  m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(normal);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (d !== undefined) return { from: normal, to: normal, exactDay: true };
  if (mo !== undefined) return { from: `${y}-${mo}-01`, to: `${y}-${mo}-${lastDay(Number(y), Number(mo))}`, exactDay: false };
  return { from: `${y}-01-01`, to: `${y}-12-31`, exactDay: false };
}

function lastDay(y: number, month: number): string {
  return String(new Date(Date.UTC(y, month, 0)).getUTCDate()).padStart(2, '0');
}

/** Whole days between two intervals; 0 when they overlap. */
export function daysApart(a: DateInterval, b: DateInterval): number {
  if (a.to < b.from) return dayDiff(a.to, b.from);
  if (b.to < a.from) return dayDiff(b.to, a.from);
  return 0;
}

function dayDiff(earlier: string, later: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}
