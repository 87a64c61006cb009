/**
 * Romanisation of the scripts names on sanctions lists most often arrive in, so that
 * "Владимир Путин", "Βλαδίμηρος" and "محمد" compare with their Latin spellings. The tables follow
 * the conventions the lists themselves use (BGN/PCGN-style for Cyrillic, ELOT 743 for Greek, a
 * simplified UNGEGN scheme for Arabic and Persian); no table is exhaustive and none needs the
 * network. Scripts without a table (CJK, Hebrew …) pass through unchanged.
 */

// Letters that NFD does not decompose into a base letter plus a mark.
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ŋ: 'ng', ħ: 'h', ŧ: 't', ĸ: 'k', ŀ: 'l', ſ: 's',
};

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Ukrainian and Belarusian
  є: 'ye', і: 'i', ї: 'yi', ґ: 'g', ў: 'w',
  // Serbian, Macedonian
  ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
};

// Ukrainian г is h and и is y (Zelensky is Зеленський, Hryhoriy is Григорій); these letters
// only occur in Ukrainian (and Belarusian і), so their presence picks the Ukrainian table.
const UKRAINIAN_MARKERS = /[єїґ]|і/u;
const UKRAINIAN_OVERRIDES: Readonly<Record<string, string>> = { г: 'h', и: 'y' };

// ELOT 743: αυ and ευ read av/ev, but af/ef before a voiceless consonant or at the end
// (Ελευθέριος → Eleftherios).
const GREEK_DIPHTHONGS = /([αε])υ([θκξπσςτφχψ]|$)?/gu;
const GREEK_DIGRAPHS: readonly (readonly [string, string])[] = [
  ['ου', 'ou'], ['μπ', 'mp'], ['ντ', 'nt'], ['γγ', 'ng'], ['γκ', 'gk'], ['τσ', 'ts'], ['τζ', 'tz'],
];
const GREEK: Readonly<Record<string, string>> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

// Arabic and Persian letters. Short vowels are rarely written, so an unvocalised name
// romanises to its consonants plus long vowels; the token comparison tolerates the rest.
const ARABIC: Readonly<Record<string, string>> = {
  ا: 'a', أ: 'a', إ: 'i', آ: 'a', ٱ: 'a', ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r',
  ز: 'z', س: 's', ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: 'a', غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l', م: 'm',
  ن: 'n', ه: 'h', ة: 'a', ى: 'a', ء: '', ئ: '', ؤ: '',
  // Persian and Urdu
  پ: 'p', چ: 'ch', ژ: 'zh', گ: 'g', ک: 'k', ی: 'i',
  // Vowel marks, when present
  '\u064e': 'a', '\u0650': 'i', '\u064f': 'u',
};
// و and ي are consonants at the start of a word (Walid, Yusuf) and long vowels inside it.
const ARABIC_GLIDES: Readonly<Record<string, readonly [initial: string, medial: string]>> = {
  و: ['w', 'u'],
  ي: ['y', 'i'],
  ی: ['y', 'i'],
};
const ARABIC_LETTER = /[\u0600-\u06ff]/u;

/**
 * Romanises Cyrillic, Greek and Arabic-script text and folds Latin diacritics and ligatures.
 * The output is lower case.
 *
 * @example
 * transliterate('Владимир Путин')   // 'vladimir putin'
 * transliterate('Григорій')        // 'hryhoriy' (Ukrainian: г is h)
 * transliterate('Ελευθέριος Βενιζέλος') // 'eleftherios venizelos'
 * transliterate('François Müller')  // 'francois muller'
 */
export function transliterate(text: string): string {
  return text
    .toLowerCase()
    .split(/(\s+)/u)
    .map((word) => transliterateWord(word))
    .join('');
}

function transliterateWord(word: string): string {
  if (/[\u0370-\u03ff\u1f00-\u1fff]/u.test(word)) return foldLatin(romaniseGreek(word.normalize('NFD').replace(/\p{M}/gu, '')));
  if (/[\u0400-\u04ff]/u.test(word)) return foldLatin(romaniseCyrillic(word));
  if (ARABIC_LETTER.test(word)) return foldLatin(romaniseArabic(word));
  return foldLatin(word);
}

function romaniseCyrillic(word: string): string {
  const ukrainian = UKRAINIAN_MARKERS.test(word);
  let out = '';
  for (const ch of word) out += (ukrainian ? UKRAINIAN_OVERRIDES[ch] : undefined) ?? CYRILLIC[ch] ?? ch;
  return out;
}

function romaniseGreek(word: string): string {
  let rest = word;
  for (const [from, to] of GREEK_DIGRAPHS) rest = rest.split(from).join(to);
  rest = rest.replace(GREEK_DIPHTHONGS, (_all, vowel: string, voiceless: string | undefined) => `${GREEK[vowel] ?? vowel}${voiceless === undefined ? 'v' : 'f'}${voiceless ?? ''}`);
  let out = '';
  for (const ch of rest) out += GREEK[ch] ?? ch;
  return out;
}

// Words whose conventional romanisation the letter table would not give.
const ARABIC_WORDS: Readonly<Record<string, string>> = { بن: 'bin', ابن: 'ibn', بنت: 'bint', عبد: 'abd', أبو: 'abu', ابو: 'abu' };

function romaniseArabic(word: string): string {
  const known = ARABIC_WORDS[word];
  if (known !== undefined) return known;
  // The article ال is written joined to the noun: الحسن is "al hasan", and "al" is then a
  // particle the name normaliser drops.
  const body = word.startsWith('ال') && word.length > 3 ? `al ${word.slice(2)}` : word;
  let out = '';
  let atStart = true;
  for (const ch of body) {
    const glide = ARABIC_GLIDES[ch];
    if (glide !== undefined) out += atStart ? glide[0] : glide[1];
    else if (ch === ' ') out += ' ';
    else out += ARABIC[ch] ?? (/[\u064b-\u065f\u0670]/u.test(ch) ? '' : ch);
    atStart = ch === ' ';
  }
  return out;
}

/** Strips combining marks (é → e) and replaces the Latin letters NFD leaves whole (ß → ss). */
export function foldLatin(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '')) out += LATIN_SPECIAL[ch] ?? ch;
  return out;
}
