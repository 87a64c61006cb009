/** A person's name reduced to what the resolver compares: given name and family name. */
export interface NameParts {
  readonly first: string;
  readonly last: string;
}

/**
 * Jaro-Winkler at or above this counts as the same name part: it admits one transposed or
 * dropped letter in a name of five or more (`margraet`, `jon`) but not a different short name
 * (`mary` / `mark` score 0.88).
 */
export const NAME_PART_MATCH = 0.9;

/**
 * One spelling per name part: compatibility decomposition, accents dropped, lower case, every
 * character that is not a letter turned into a space, spaces collapsed.
 *
 * @example
 * normalizeNamePart("  O'Brien-Núñez ") // 'o brien nunez'
 */
export function normalizeNamePart(raw: string): string {
  return raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, ' ')
    .trim();
}

/**
 * Name parts from structured fields when present, else from a full name (`First Middle Last`
 * or `Last, First`). Null when there is no family name to compare.
 *
 * @example
 * nameParts({ full_name: 'Smith, John A.' }) // { first: 'john', last: 'smith' }
 */
export function nameParts(data: { first_name?: unknown; last_name?: unknown; full_name?: unknown }): NameParts | null {
  const first = typeof data.first_name === 'string' ? normalizeNamePart(data.first_name) : '';
  const last = typeof data.last_name === 'string' ? normalizeNamePart(data.last_name) : '';
  if (last !== '') return { first: first.split(' ')[0] ?? '', last };
  if (typeof data.full_name !== 'string') return null;
  return splitFullName(data.full_name);
}

/** `First Middle Last` or `Last, First Middle` → parts; null without at least one token. */
export function splitFullName(full: string): NameParts | null {
  const comma = full.indexOf(',');
  if (comma > 0) {
    const last = normalizeNamePart(full.slice(0, comma));
    const first = normalizeNamePart(full.slice(comma + 1)).split(' ')[0] ?? '';
    return last === '' ? null : { first, last };
  }
  const tokens = normalizeNamePart(full).split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return null;
  if (tokens.length === 1) return { first: '', last: tokens[0]! };
  return { first: tokens[0]!, last: tokens[tokens.length - 1]! };
}

/**
 * Jaro-Winkler similarity in [0, 1] (Winkler 1990, prefix scale 0.1, prefix up to 4).
 *
 * @example
 * jaroWinkler('jonh', 'john') // 0.933
 */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = bMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, a.length, b.length) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Two given names agree: similar spelling, or one is the other's initial, or one is unknown. */
function firstNamesAgree(a: string, b: string): boolean {
  if (a === '' || b === '') return true;
  if (a.length === 1 || b.length === 1) return a[0] === b[0];
  return jaroWinkler(a, b) >= NAME_PART_MATCH;
}

/**
 * Whether two names can belong to one person: family names alike and given names compatible.
 *
 * @example
 * namesAgree({ first: 'jonh', last: 'smith' }, { first: 'john', last: 'smith' }) // true
 * namesAgree({ first: 'mary', last: 'smith' }, { first: 'john', last: 'smith' }) // false
 */
export function namesAgree(a: NameParts, b: NameParts): boolean {
  return jaroWinkler(a.last, b.last) >= NAME_PART_MATCH && firstNamesAgree(a.first, b.first);
}

/**
 * How well a free-text name (a `name` query) matches a person's name parts, in [0, 1]: 0 unless
 * the names agree (`namesAgree`, in either token order), else the mean Jaro-Winkler of the two
 * parts, a missing given name counting half.
 *
 * @example
 * nameSimilarity('John Smith', { first: 'jon', last: 'smith' }) // ≈ 0.97
 * nameSimilarity('Mark Thomas', { first: 'mary', last: 'thomas' }) // 0
 */
export function nameSimilarity(query: string, parts: NameParts): number {
  const q = splitFullName(query);
  if (q === null) return 0;
  const score = (x: NameParts): number => {
    if (!namesAgree(x, parts)) return 0;
    const last = jaroWinkler(x.last, parts.last);
    const first = x.first === '' || parts.first === '' ? 0.5 : jaroWinkler(x.first, parts.first);
    return (last + first) / 2;
  };
  return Math.max(score(q), score({ first: q.last, last: q.first }));
}
