import { jaroWinkler } from './jaro-winkler.ts';

// Romanisation schemes disagree on a handful of letter groups (Yusuf/Jusuf/Iusuf,
// Mikhail/Mihail, Philipp/Filip, Qasim/Kasim, Dzhokhar/Jokhar); folding both sides the same way
// makes those spellings equal before Jaro–Winkler sees them.
const FOLDS: readonly (readonly [RegExp, string])[] = [
  [/dzh/g, 'j'],
  [/tch/g, 'ch'],
  [/ph/g, 'f'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/ck/g, 'k'],
  [/q/g, 'k'],
  [/c(?!h)/g, 'k'],
  [/x/g, 'ks'],
  [/w/g, 'v'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  [/[yj]/g, 'i'],
];

/**
 * The spelling-variant form of a token (see FOLDS), doubled letters collapsed.
 *
 * @example
 * foldToken('yusuf') === foldToken('jusuf') // true
 */
export function foldToken(token: string): string {
  let out = token;
  for (const [pattern, replacement] of FOLDS) out = out.replace(pattern, replacement);
  return out.replace(/(.)\1+/g, '$1');
}

/**
 * The consonant skeleton of a folded token: vowels dropped, a leading vowel kept as one
 * marker. Transliterated Arabic and Persian names differ mostly in their vowels
 * (Muhammad/Mohammed/Mohamed → mhmd; Usama/Osama → @sm).
 */
export function skeletonOf(folded: string): string {
  const lead = /^[aeiou]/.test(folded) ? '@' : '';
  return lead + folded.replace(/[aeiou]/g, '').replace(/(.)\1+/g, '$1');
}

/** Similarity given to two tokens whose skeletons agree but whose letters differ. */
export const SKELETON_SIMILARITY = 0.9;
/** Similarity given to two tokens that differ only in which vowel stands where (Qaeda/Qaida). */
export const VOWEL_VARIANT_SIMILARITY = 0.92;

/**
 * Jaro–Winkler rewards a shared prefix, so a name that is another name plus a few letters
 * (Abramov/Abramovich, Smith/Smithson, Ali/Alimov) scores as a near twin although it is
 * usually a different name. Such pairs are capped just above the pairing floor: they still pair,
 * but count as a weak match.
 */
const EXTENDED_PREFIX_CAP = 0.85;
const EXTENSION_MIN_LETTERS = 3;

function isExtendedPrefix(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.length - short.length >= EXTENSION_MIN_LETTERS && long.startsWith(short);
}

/** A token with its folded form and skeleton computed once (an index holds thousands). */
export interface PreparedToken {
  readonly token: string;
  readonly folded: string;
  readonly skeleton: string;
  /** The folded token with every vowel written as `a`. */
  readonly vowelPattern: string;
}

export function prepareToken(token: string): PreparedToken {
  const folded = foldToken(token);
  return { token, folded, skeleton: skeletonOf(folded), vowelPattern: folded.replace(/[aeiou]/g, 'a') };
}

/**
 * How alike two normalised name tokens are, 0–1: the better of Jaro–Winkler on the tokens and
 * on their folded forms, VOWEL_VARIANT_SIMILARITY when they differ only in their vowels (four
 * letters or more), or SKELETON_SIMILARITY when their consonant skeletons (three
 * characters or more, so "ali" and "eli" stay apart) agree. A one-letter token is an initial
 * and matches any token it begins (0.85).
 *
 * @example
 * tokenSimilarity('mohammed', 'muhammad') // 0.9
 * tokenSimilarity('john', 'joan')         // 0.867
 */
export function tokenSimilarity(a: string, b: string): number {
  return preparedSimilarity(prepareToken(a), prepareToken(b));
}

/** `tokenSimilarity` on prepared tokens. */
export function preparedSimilarity(a: PreparedToken, b: PreparedToken): number {
  if (a.token === b.token) return 1;
  if (a.token.length === 1 || b.token.length === 1) return a.token[0] === b.token[0] ? 0.85 : 0;
  if (a.folded === b.folded) return 0.98;
  let best = Math.max(jaroWinkler(a.token, b.token), jaroWinkler(a.folded, b.folded));
  if (best < VOWEL_VARIANT_SIMILARITY && a.vowelPattern === b.vowelPattern && a.folded.length >= 4) best = VOWEL_VARIANT_SIMILARITY;
  if (best < SKELETON_SIMILARITY && a.skeleton.length >= 3 && a.skeleton === b.skeleton) best = SKELETON_SIMILARITY;
  return isExtendedPrefix(a.folded, b.folded) ? Math.min(best, EXTENDED_PREFIX_CAP) : best;
}

/**
 * The block a token is compared within: the first letter of its folded form, all vowels one
 * class (so Evgeny and Yevgeny, Osama and Usama meet). An index compares a query token only
 * with tokens of the same block or the same skeleton.
 */
export function blockOf(token: PreparedToken): string {
  const first = token.folded[0] ?? '';
  return /[aeiou]/.test(first) ? '@' : first;
}
