import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countryCode } from './country-codes.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import { normalizeName } from './name-normalizer.ts';
import { parseNameQualifiers } from './name-qualifiers.ts';
import { tokenSimilarity } from './token-similarity.ts';
import { transliterate } from './transliteration.ts';
import { birthDateInterval, normalizeBirthDate } from './birth-date.ts';

describe('transliteration', () => {
  it('romanises Cyrillic (Russian and Ukrainian), Greek and Arabic, and folds Latin diacritics', () => {
    assert.equal(transliterate('Владимир Путин'), 'vladimir putin');
    assert.equal(transliterate('Григорій'), 'hryhoriy');
    assert.equal(transliterate('Ελευθέριος Βενιζέλος'), 'eleftherios venizelos');
    assert.equal(transliterate('محمد بن سلمان'), 'mhmd bin slman');
    assert.equal(transliterate('François Müller Øster Łódź Straße'), 'francois muller oster lodz strasse');
  });
  it('leaves scripts it has no table for unchanged', () => {
    assert.equal(transliterate('金正恩'), '金正恩');
  });
});

describe('name normalisation', () => {
  it('drops honorifics and particles from people, keeps word order for display', () => {
    assert.deepEqual(normalizeName('Dr. Mohammed BIN SALMAN', 'person'), ['mohammed', 'salman']);
    assert.deepEqual(normalizeName("Sheikh Abd al-Rahman O'Neil", 'person'), ['abd', 'rahman', 'oneil']);
  });
  it('drops legal forms and joins dotted abbreviations in organisation names', () => {
    assert.deepEqual(normalizeName('Rosneft Oil Company PJSC', 'organization'), ['rosneft', 'oil']);
    assert.deepEqual(normalizeName('Meridian General Trading L.L.C.', 'organization'), ['meridian', 'general', 'trading']);
    assert.deepEqual(normalizeName('Public Joint Stock Company Sberbank of Russia', 'organization'), ['sberbank', 'russia']);
    assert.deepEqual(normalizeName('ООО Ромашка', 'organization'), ['romashka']);
  });
  it('keeps a name that is only a suffix or particle rather than losing it', () => {
    assert.deepEqual(normalizeName('Company', 'organization'), ['company']);
  });
});

describe('token similarity', () => {
  it('computes Jaro–Winkler as published', () => {
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(3), '0.961');
    assert.equal(jaroWinkler('dwayne', 'duane').toFixed(3), '0.840');
    assert.equal(jaroWinkler('dixon', 'dicksonx').toFixed(3), '0.813');
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('', ''), 1);
  });
  it('treats romanisation variants as near equal and different names as different', () => {
    assert.ok(tokenSimilarity('yusuf', 'jusuf') >= 0.95);
    assert.ok(tokenSimilarity('mohammed', 'muhammad') >= 0.9);
    assert.ok(tokenSimilarity('qaeda', 'qaida') >= 0.9);
    assert.ok(tokenSimilarity('abramov', 'abramovich') <= 0.85);
    assert.ok(tokenSimilarity('john', 'joan') < 0.9);
    assert.equal(tokenSimilarity('v', 'vladimir'), 0.85);
  });
});

describe('dates of birth and qualifiers', () => {
  it('normalises the lists date formats', () => {
    assert.equal(normalizeBirthDate('07 Oct 1952'), '1952-10-07');
    assert.equal(normalizeBirthDate('Oct 1952'), '1952-10');
    assert.equal(normalizeBirthDate('00/00/1964'), '1964');
    assert.equal(normalizeBirthDate('28/04/1937'), '1937-04-28');
    assert.equal(normalizeBirthDate('circa 1958'), '~1958');
    assert.equal(normalizeBirthDate('1961 to 1963'), '1961..1963');
    assert.equal(normalizeBirthDate('not a date'), null);
    assert.equal(normalizeBirthDate('31/13/1990'), null);
    assert.deepEqual(birthDateInterval('~1958'), { from: '1957-01-01', to: '1959-12-31', exactDay: false });
    assert.deepEqual(birthDateInterval('2024-02'), { from: '2024-02-01', to: '2024-02-29', exactDay: false });
  });
  it('reads the `name | dob: … | nationality: …` convention and reports what it could not read', () => {
    assert.deepEqual(parseNameQualifiers('Ivan Petrov | dob: 1970 | nationality: RU, Belarus'), {
      name: 'Ivan Petrov',
      dob: '1970',
      nationalities: ['RU', 'BY'],
      ignored: [],
    });
    const odd = parseNameQualifiers('Ivan Petrov | dob: someday | eyes: blue | nationality: Atlantis');
    assert.equal(odd.dob, null);
    assert.deepEqual(odd.ignored, ['dob: someday', 'eyes: blue', 'nationality: Atlantis']);
    assert.equal(parseNameQualifiers('Plain Name').name, 'Plain Name');
  });
  it('maps country names, codes and demonyms to ISO codes', () => {
    assert.equal(countryCode('Russian Federation'), 'RU');
    assert.equal(countryCode('Korea, North'), 'KP');
    assert.equal(countryCode("Democratic People's Republic of Korea"), 'KP');
    assert.equal(countryCode('Iran (Islamic Republic of)'), 'IR');
    assert.equal(countryCode('ir'), 'IR');
    assert.equal(countryCode('Narnia'), null);
  });
});
