import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { AsnTable, ipv4ToNumber } from './asn-table.ts';
import { splitCsvLine } from './csv-line.ts';

const quote = (field: string): string => (/[",]/.test(field) || field.startsWith(' ') ? `"${field.replaceAll('"', '""')}"` : field);
const ipv4 = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

describe('ASN table', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-asn-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('splits CSV records exactly as csv-parse does', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', 'é', '-', '.', '1'), maxLength: 12 });
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 5 }), (fields) => {
        const line = fields.map(quote).join(',');
        const expected = (parse(line, { relax_quotes: false }) as string[][])[0] ?? [''];
        assert.deepEqual(splitCsvLine(line), expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reads quoted names, numeric and text addresses, unsorted files and CRLF', async () => {
    const v4 = write('v4.csv', ['8.8.8.0,8.8.8.255,15169,Google LLC', '1.0.0.0,1.0.0.255,13335,"Cloudflare, Inc."', '16778240,16779263,38803,"The ""Quoted"" Co"', '9.9.9.0,9.9.9.255,0,'].join('\r\n'));
    const v6 = write('v6.csv', '2001:4860::,2001:4860:ffff:ffff:ffff:ffff:ffff:ffff,15169,Google LLC\n42540488161975842760550356425300246528,42540488241204005274814694018844196863,6939,Hurricane Electric LLC\n');
    const table = await AsnTable.load(v4, v6);
    assert.deepEqual(table.size, { ipv4: 4, ipv6: 2, organizations: 5 });
    assert.deepEqual(table.lookup('1.0.0.255'), { asn: 13335, organization: 'Cloudflare, Inc.', range: '1.0.0.0 - 1.0.0.255' });
    assert.equal(table.lookup('1.0.4.1')?.organization, 'The "Quoted" Co');
    assert.equal(table.lookup('1.0.1.0'), null);
    assert.equal(table.lookup('8.8.8.8')?.asn, 15169);
    assert.equal(table.lookup('9.9.9.9'), null, 'AS 0 means no AS');
    assert.equal(table.lookup('2001:4860:4860::8888')?.asn, 15169);
    assert.deepEqual(table.lookup('2001::1'), { asn: 6939, organization: 'Hurricane Electric LLC', range: '2001:: - 2001:0:ffff:ffff:ffff:ffff:ffff:ffff' });
    assert.equal(table.lookup('2002::1'), null);
  });

  it('finds the same range as a linear scan, for any set of disjoint ranges', async () => {
    const ranges = fc
      .uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 2, maxLength: 60 })
      .map((cuts) => {
        const sorted = cuts.sort((a, b) => a - b);
        const out: { start: number; end: number; asn: number }[] = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) out.push({ start: sorted[i]!, end: sorted[i + 1]!, asn: i + 1 });
        return out;
      });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ranges, fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 1, maxLength: 20 }), async (table, probes) => {
        const shuffled = [...table].reverse();
        const v4 = write(`p${run}.csv`, shuffled.map((r) => `${ipv4(r.start)},${ipv4(r.end)},${r.asn},AS${r.asn}`).join('\n'));
        const v6 = write(`p${run++}-6.csv`, '');
        const loaded = await AsnTable.load(v4, v6);
        for (const probe of [...probes, ...table.map((r) => r.start), ...table.map((r) => r.end)]) {
          const expected = table.find((r) => r.start <= probe && probe <= r.end)?.asn ?? null;
          assert.equal(loaded.lookup(ipv4(probe))?.asn ?? null, expected, `probe ${ipv4(probe)}`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a malformed address instead of misplacing it', async () => {
    const v4 = write('bad.csv', '1.0.0.0,1.0.0.256,1,X\n');
    await assert.rejects(AsnTable.load(v4, write('empty6.csv', '')), /not an IPv4 address/);
    assert.throws(() => ipv4ToNumber('1.2.3'), /not an IPv4 address/);
  });
});
