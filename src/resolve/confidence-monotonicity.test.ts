import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { identifier, makeRuns, personRecord, type RunSpec } from '../../test/helpers/resolution-runs.ts';
import { combineIndependent } from './confidence.ts';
import { resolveEntities, type Resolution } from './resolve-entities.ts';

// Two people of one household: they share a landline, each has a mailbox and a mobile.
const SHARED = '+442079460100';
const PEOPLE = [
  { first: 'Alice', last: 'Smith', dob: '1980-02-03', emails: ['alice@example.com'], phones: [SHARED, '+447700900001'] },
  { first: 'Bob', last: 'Smith', dob: '1977-09-30', emails: ['bob@example.com'], phones: [SHARED, '+447700900002'] },
];
const QUERYABLE = [identifier('email', 'alice@example.com'), identifier('phone', SHARED), identifier('email', 'bob@example.com'), identifier('phone', '+447700900002')];

interface RecordSpec {
  readonly upstream: number;
  readonly reliability: number;
  readonly confidence: number;
  readonly person: number;
  readonly keepEmail: boolean;
  readonly keepMobile: boolean;
}

const recordSpec = fc.record({
  upstream: fc.integer({ min: 0, max: 3 }),
  reliability: fc.double({ min: 0.3, max: 1, noNaN: true }),
  confidence: fc.double({ min: 0.3, max: 1, noNaN: true }),
  person: fc.integer({ min: 0, max: 1 }),
  keepEmail: fc.boolean(),
  keepMobile: fc.boolean(),
});

/** A provider returns a record for the query identifiers it contains, and only then. */
function runsFor(query: readonly number[], records: readonly RecordSpec[]): RunSpec[] {
  const runs: RunSpec[] = [];
  records.forEach((r, i) => {
    const p = PEOPLE[r.person]!;
    const person = { ...p, emails: r.keepEmail ? p.emails : [], phones: r.keepMobile ? p.phones : [SHARED] };
    const values = new Set([...person.emails, ...person.phones]);
    const about = query.map((q) => QUERYABLE[q]!).filter((q) => values.has(q.value)).map((q) => ({ type: q.type, normalized: q.normalized }));
    if (about.length > 0) runs.push({ id: `src_${i}`, upstream: `u${r.upstream}`, reliability: r.reliability, findings: personRecord(`r${i}`, about, person, r.confidence) });
  });
  return runs;
}

/** Data points by section and value: `phones|+44…` → confidence, for every candidate. */
function dataPoints(resolution: Resolution): Map<string, number> {
  const points = new Map<string, number>();
  for (const c of resolution.candidates) {
    const tag = c.records.join(',');
    const p = c.profile;
    if (p.person?.confidence !== undefined) points.set(`${tag}|person`, p.person.confidence);
    for (const e of p.phones ?? []) points.set(`${tag}|phone|${e.number}`, e.confidence);
    for (const e of p.emails ?? []) points.set(`${tag}|email|${e.email}`, e.confidence);
  }
  return points;
}

describe('confidence is monotone in independent agreement', () => {
  it('noisy-OR never drops when a source is added', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }), fc.double({ min: 0, max: 1, noNaN: true }), (ps, extra) => {
        assert.ok(combineIndependent([...ps, extra]) >= combineIndependent(ps) - 1e-12);
      }),
    );
  });

  it('a new independent source repeating a record lowers no data point, entity or resolution score', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: QUERYABLE.length - 1 }), { minLength: 1, maxLength: 2 }),
        fc.array(recordSpec, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (query, records, pick, reliability) => {
          const specs = runsFor(query, records);
          fc.pre(specs.length > 0);
          const identifiers = query.map((q) => QUERYABLE[q]!);
          const copied = specs[pick % specs.length]!;
          const agreeing: RunSpec = { id: 'fresh_source', upstream: 'fresh', reliability, findings: copied.findings.map((f) => ({ ...f, record: 'copy' })) };
          const before = resolveEntities(identifiers, makeRuns(specs));
          const after = resolveEntities(identifiers, makeRuns([...specs, agreeing]));
          // The agreeing record joins an existing candidate and moves no other record.
          const withoutNew = after.candidates.map((c) => c.records.filter((r) => r < before.records.length).join(',')).filter((s) => s !== '');
          assert.deepEqual([...withoutNew].sort(), before.candidates.map((c) => c.records.join(',')).sort());
          const newConfidence = new Map(after.candidates.map((c) => [c.records.filter((r) => r < before.records.length).join(','), c.confidence]));
          for (const c of before.candidates) assert.ok(newConfidence.get(c.records.join(','))! >= c.confidence, 'entity confidence');
          assert.ok(after.confidence >= before.confidence, 'resolution confidence');
          const pointsAfter = new Map([...dataPoints(after)].map(([k, v]) => [k.replace(/^[^|]*/, (tag) => tag.split(',').filter((r) => Number(r) < before.records.length).join(',')), v]));
          for (const [key, value] of dataPoints(before)) assert.ok((pointsAfter.get(key) ?? -1) >= value, `data point ${key}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});
