import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseEuXml } from './eu-parser.ts';
import { ListFormatError } from './list-format-error.ts';
import { parseOfacXml } from './ofac-parser.ts';
import { sanctionsEntrySchema } from './sanctions-list.ts';
import { parseUkCsv } from './uk-parser.ts';
import { parseUnXml } from './un-parser.ts';

const fixture = (name: string): Buffer => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name));

describe('OFAC sdnList XML', () => {
  it('reads the publication date, entries, typed aliases, dates of birth and nationalities', () => {
    const list = parseOfacXml(fixture('ofac-sdn.xml'));
    assert.equal(list.publishedAt.toISOString(), '2026-11-20T00:00:00.000Z');
    assert.equal(list.entries.length, 4);
    for (const entry of list.entries) sanctionsEntrySchema.parse(entry);
    const putin = list.entries.find((e) => e.id === '35096')!;
    assert.equal(putin.type, 'individual');
    assert.deepEqual(putin.names[0], { name: 'PUTIN, Vladimir Vladimirovich', quality: 'primary', kind: 'primary' });
    assert.deepEqual(putin.dob, ['1952-10-07']);
    assert.deepEqual(putin.nationalities, ['RU']);
    assert.deepEqual(putin.programs, ['RUSSIA-EO14024']);
    const binLadin = list.entries.find((e) => e.id === '6365')!;
    assert.deepEqual(
      binLadin.names.map((n) => `${n.quality}:${n.name}`),
      ['primary:BIN LADIN, Usama bin Muhammad bin Awad', 'strong:BIN LADEN, Usama', 'weak:THE DIRECTOR', 'weak:THE PRINCE'],
    );
    assert.deepEqual(binLadin.dob, ['1957-07-30', '1958']);
    assert.deepEqual(binLadin.nationalities, ['SA']);
    assert.equal(list.entries.find((e) => e.id === '15036')!.type, 'vessel');
  });
  it('reads the consolidated (non-SDN) list, which has the same schema', () => {
    const list = parseOfacXml(fixture('ofac-consolidated.xml'));
    assert.equal(list.entries.length, 2);
    assert.deepEqual(list.entries[1]!.dob, ['~1961']);
  });
  it('refuses a file whose entry count disagrees with its Record_Count', () => {
    const text = fixture('ofac-sdn.xml').toString().replace('<Record_Count>4</Record_Count>', '<Record_Count>5</Record_Count>');
    assert.throws(() => parseOfacXml(Buffer.from(text)), /Record_Count says 5 entries, the file holds 4/);
  });
});

describe('UN consolidated list XML', () => {
  it('reads individuals and entities with aliases by quality, original script and dates', () => {
    const list = parseUnXml(fixture('un-consolidated.xml'));
    assert.equal(list.publishedAt.toISOString(), '2026-11-19T16:00:05.234Z');
    assert.equal(list.entries.length, 3);
    const kim = list.entries.find((e) => e.id === 'KPi.033')!;
    assert.deepEqual(
      kim.names.map((n) => `${n.quality}:${n.kind}:${n.name}`),
      ['primary:primary:KIM YONG CHOL', 'strong:aka:Kim Yong-chol', 'weak:aka:Kim Yong Chul', 'weak:aka:Kim Young-chol', 'strong:original_script:김영철'],
    );
    assert.equal(kim.listed_on, '2016-11-30');
    assert.deepEqual(kim.dob, ['1946']);
    assert.deepEqual(kim.nationalities, ['KP']);
    assert.deepEqual(kim.programs, ['DPRK']);
    const komid = list.entries.find((e) => e.id === 'KPe.001')!;
    assert.equal(komid.type, 'entity');
    assert.deepEqual(komid.names.map((n) => n.name), ['KOREA MINING DEVELOPMENT TRADING CORPORATION', 'KOMID']);
  });
});

describe('EU Financial Sanctions Files XML', () => {
  it('reads name aliases (strong or not), regulations, birth dates and citizenships', () => {
    const list = parseEuXml(fixture('eu-fsf.xml'));
    assert.equal(list.publishedAt.toISOString(), '2026-11-19T16:31:50.123Z');
    const shoigu = list.entries.find((e) => e.id === 'EU.6559.86')!;
    assert.equal(shoigu.type, 'individual');
    assert.deepEqual(shoigu.names.map((n) => `${n.quality}:${n.name}`), [
      'primary:Sergei Kuzhugetovich SHOIGU',
      'strong:Сергей Кужугетович ШОЙГУ',
      'weak:Sergey Shoygu',
    ]);
    assert.deepEqual(shoigu.dob, ['1955-05-21']);
    assert.deepEqual(shoigu.nationalities, ['RU']);
    assert.equal(shoigu.listed_on, '2022-02-25');
    assert.deepEqual(shoigu.programs, ['UKR']);
    const sber = list.entries.find((e) => e.id === 'EU.1234.56')!;
    assert.equal(sber.type, 'entity');
    assert.deepEqual(sber.nationalities, []);
  });
});

describe('OFSI ConList.csv', () => {
  it('groups rows by Group ID into entries with their aliases', () => {
    const list = parseUkCsv(fixture('uk-conlist.csv'));
    assert.equal(list.publishedAt.toISOString(), '2026-11-19T00:00:00.000Z');
    assert.equal(list.entries.length, 3);
    const abramovich = list.entries.find((e) => e.id === '14193')!;
    assert.deepEqual(abramovich.names.map((n) => `${n.quality}:${n.name}`), [
      'primary:ABRAMOVICH, Roman Arkadyevich',
      'strong:Роман Аркадьевич АБРАМОВИЧ',
      'strong:ABRAMOVICH, Roman Arkadievich',
    ]);
    assert.deepEqual(abramovich.dob, ['1966-10-24']);
    assert.deepEqual(abramovich.nationalities, ['RU', 'IL', 'PT']);
    assert.equal(abramovich.listed_on, '2022-03-10');
    const khan = list.entries.find((e) => e.id === '7001')!;
    assert.deepEqual(khan.names.map((n) => n.quality), ['primary', 'weak']);
    assert.deepEqual(khan.dob, ['1968']);
    assert.equal(list.entries.find((e) => e.id === '13917')!.type, 'entity');
  });
});

describe('broken files', () => {
  const cases: [string, (b: Buffer) => unknown, string][] = [
    ['ofac-sdn.xml', parseOfacXml, 'ofac'],
    ['un-consolidated.xml', parseUnXml, 'un'],
    ['eu-fsf.xml', parseEuXml, 'eu'],
    ['uk-conlist.csv', parseUkCsv, 'uk'],
  ];
  for (const [file, parse, label] of cases) {
    it(`refuses a half-downloaded ${label} file`, () => {
      const bytes = fixture(file);
      // Cut inside the last record, not at a line end.
      const cut = bytes.subarray(0, Math.floor(bytes.length * 0.93));
      assert.throws(() => parse(cut), ListFormatError);
    });
    it(`refuses another list's file given as ${label}`, () => {
      const other = cases.find(([f]) => f !== file && !(label === 'ofac' && f.startsWith('ofac')))!;
      assert.throws(() => parse(fixture(other[0])), ListFormatError);
    });
  }
  it('refuses XML with a DOCTYPE (entity expansion)', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><sdnList><publshInformation><Publish_Date>01/01/2026</Publish_Date></publshInformation></sdnList>';
    assert.throws(() => parseOfacXml(Buffer.from(bomb)), /DOCTYPE/);
  });
  it('refuses empty input and HTML error pages', () => {
    assert.throws(() => parseUnXml(Buffer.from('')), ListFormatError);
    assert.throws(() => parseEuXml(Buffer.from('<html><body>Service Unavailable</body></html>')), ListFormatError);
    assert.throws(() => parseUkCsv(Buffer.from('<html>\n<body>Not found</body></html>')), ListFormatError);
  });
});
