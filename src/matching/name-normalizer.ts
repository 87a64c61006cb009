import { transliterate } from './transliteration.ts';

/** How a name is read: honorifics are dropped from people, legal-form suffixes from organisations. */
export type NameKind = 'person' | 'organization';

// Titles and forms of address that lists and callers add or leave out at will.
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'sheikh', 'shaykh',
  'sheik', 'shaikh', 'haji', 'hajji', 'hadji', 'mullah', 'mulla', 'maulana', 'maulavi', 'mawlawi', 'maulvi', 'imam', 'general',
  'gen', 'colonel', 'col', 'major', 'maj', 'captain', 'capt', 'lieutenant', 'lt', 'sergeant', 'sgt', 'brigadier', 'brig',
  'admiral', 'adm', 'rev', 'reverend', 'hon', 'honourable', 'honorable', 'excellency', 'jr', 'junior', 'sr', 'senior', 'ii', 'iii',
]);

// Name particles ("son of", articles, nobiliary prefixes): written, hyphenated, joined or left
// out inconsistently across lists, so they carry no evidence. "abd" and "abu" are kept: they are
// part of the name itself (Abd al-Rahman, Abu Bakr).
const PARTICLES = new Set(['al', 'el', 'ul', 'bin', 'ibn', 'bint', 'van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'dos', 'das', 'le', 'la', 'y']);

// Legal-form suffixes, as they read after transliteration (ООО → ooo, АО → ao).
const COMPANY_SUFFIXES = new Set([
  'ltd', 'limited', 'llc', 'inc', 'incorporated', 'corp', 'corporation', 'co', 'company', 'gmbh', 'mbh', 'ag', 'kg', 'ohg',
  'sa', 'sarl', 'sas', 'srl', 'spa', 'bv', 'nv', 'plc', 'llp', 'lp', 'pte', 'pty', 'oy', 'oyj', 'ab', 'asa', 'aps', 'kk',
  'jsc', 'ojsc', 'cjsc', 'pjsc', 'pao', 'oao', 'zao', 'ooo', 'ao', 'tov', 'fze', 'fzco', 'fzc', 'fzllc', 'dmcc', 'sdn', 'bhd',
  'tbk', 'ltda', 'eirl', 'cv', 'se', 'kft', 'zrt', 'doo', 'ad', 'sro', 'spolka', 'zoo', 'aktiengesellschaft',
  'kommanditgesellschaft',
]);

// Words that join an organisation's name without naming it ("Bank of China", "The Base").
const ORGANIZATION_STOPWORDS = new Set(['of', 'the', 'and', 'for']);

/**
 * Words that describe a business rather than name it. They stay in the name (they can tell two
 * companies apart) but count as weak evidence: "Global Shipping" alone identifies nobody.
 */
export const GENERIC_ORGANIZATION_WORDS: ReadonlySet<string> = new Set([
  'global', 'international', 'intl', 'general', 'trading', 'trade', 'group', 'holding', 'holdings', 'services', 'service',
  'shipping', 'logistics', 'industries', 'industrial', 'industry', 'enterprises', 'enterprise', 'investment', 'investments',
  'import', 'export', 'commercial', 'development', 'management', 'consulting', 'technology', 'technologies', 'solutions',
  'systems', 'energy', 'resources', 'partners', 'ventures', 'capital', 'finance', 'financial', 'marine', 'maritime',
  'transport', 'construction', 'engineering', 'manufacturing', 'products', 'national', 'united', 'new', 'first',
]);

// Multi-word legal forms, removed as a whole so their words stay meaningful elsewhere.
const COMPANY_PHRASES: readonly (readonly string[])[] = [
  ['public', 'joint', 'stock', 'company'],
  ['closed', 'joint', 'stock', 'company'],
  ['open', 'joint', 'stock', 'company'],
  ['joint', 'stock', 'company'],
  ['limited', 'liability', 'company'],
  ['limited', 'liability', 'partnership'],
  ['societe', 'anonyme'],
  ['sociedad', 'anonima'],
  ['publichnoe', 'aktsionernoe', 'obshchestvo'],
  ['aktsionernoe', 'obshchestvo'],
  ['obshchestvo', 's', 'ogranichennoy', 'otvetstvennostyu'],
  ['private', 'limited'],
  ['gesellschaft', 'mit', 'beschrankter', 'haftung'],
  ['societe', 'a', 'responsabilite', 'limitee'],
];

/**
 * Turns a name into the tokens the matcher compares: transliterated to Latin, lower case,
 * punctuation dropped (O'Brien → obrien, Al-Qaida → al qaida), particles and — by kind —
 * honorifics or legal-form suffixes removed, duplicates dropped. Word order is kept (for
 * display); the matcher itself ignores it.
 *
 * @example
 * normalizeName('Dr. Mohammed BIN SALMAN', 'person')        // ['mohammed', 'salman']
 * normalizeName('Rosneft Oil Company PJSC', 'organization') // ['rosneft', 'oil']
 */
export function normalizeName(raw: string, kind: NameKind): string[] {
  const words = transliterate(raw)
    // Dotted abbreviations are one word: L.L.C. → llc, S.A. → sa.
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu, (m) => m.replace(/\./g, ''))
    .replace(/['’ʼ`´]/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w.length > 0);
  const kept = kind === 'organization' ? removeCompanyForms(words) : words.filter((w) => !HONORIFICS.has(w));
  const tokens = kept.filter((w) => !PARTICLES.has(w));
  // A name made only of particles or suffixes ("Al", "Company") keeps its words rather than vanish.
  const result = tokens.length > 0 ? tokens : kept.length > 0 ? kept : words;
  return [...new Set(result)];
}

function removeCompanyForms(words: readonly string[]): string[] {
  let rest = [...words];
  for (const phrase of COMPANY_PHRASES) rest = removePhrase(rest, phrase);
  return rest.filter((w) => !COMPANY_SUFFIXES.has(w) && !ORGANIZATION_STOPWORDS.has(w));
}

function removePhrase(words: string[], phrase: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (phrase.every((p, k) => words[i + k] === p)) {
      i += phrase.length - 1;
      continue;
    }
    out.push(words[i]!);
  }
  return out;
}
