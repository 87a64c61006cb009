import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identifier, makeRuns, personRecord } from '../../test/helpers/resolution-runs.ts';
import { resolveEntities } from './resolve-entities.ts';

const EMAIL = identifier('email', 'alice.smith@gmail.com');
const PHONE = identifier('phone', '+442079460123');
const aboutEmail = [{ type: 'email', normalized: EMAIL.normalized }];
const aboutPhone = [{ type: 'phone', normalized: PHONE.normalized }];

describe('resolveEntities', () => {
  it('says no_match when no connector found anything', () => {
    const result = resolveEntities([EMAIL], makeRuns([{ id: 'empty', reliability: 0.9, findings: [] }]));
    assert.equal(result.status, 'no_match');
    assert.equal(result.confidence, 0);
    assert.deepEqual(result.entities, []);
  });

  it('resolves one person found by independent sources, and counts a reseller of the same upstream once', () => {
    const alice = { first: 'Alice', last: 'Smith', dob: '1980-02-03', emails: ['alice.smith@gmail.com'], phones: [PHONE.value] };
    const one = makeRuns([{ id: 'alpha', upstream: 'alpha', reliability: 0.8, findings: personRecord('r1', aboutEmail, alice) }]);
    const withReseller = makeRuns([
      { id: 'alpha', upstream: 'alpha', reliability: 0.8, findings: personRecord('r1', aboutEmail, alice) },
      { id: 'alpha_resale', upstream: 'alpha', reliability: 0.8, findings: personRecord('r9', aboutEmail, alice) },
    ]);
    const withIndependent = makeRuns([
      { id: 'alpha', upstream: 'alpha', reliability: 0.8, findings: personRecord('r1', aboutEmail, alice) },
      // Gmail ignores dots: the same mailbox spelled differently still links the records.
      { id: 'beta', upstream: 'beta', reliability: 0.8, findings: personRecord('r2', aboutEmail, { ...alice, emails: ['alicesmith@gmail.com'] }) },
    ]);
    const [a, b, c] = [one, withReseller, withIndependent].map((runs) => resolveEntities([EMAIL], runs));
    for (const r of [a, b, c]) assert.equal(r!.status, 'resolved');
    assert.equal(b!.confidence, a!.confidence, 'a reseller of the same upstream is not a second confirmation');
    assert.ok(c!.confidence > a!.confidence, 'an independent source raises the confidence');
    assert.equal(c!.entities[0]!.explanation.recordCount, 2);
    assert.deepEqual(c!.entities[0]!.profile.emails!.length, 1, 'one mailbox, one data point');
  });

  it('keeps a family phone as evidence shared by two candidates instead of merging two people', () => {
    const runs = makeRuns([
      {
        id: 'alpha',
        reliability: 0.85,
        findings: [
          ...personRecord('alice', aboutPhone, { first: 'Alice', last: 'Smith', dob: '1980-02-03', phones: [PHONE.value] }),
          ...personRecord('bob', aboutPhone, { first: 'Bob', last: 'Smith', dob: '1978-07-01', phones: [PHONE.value] }),
        ],
      },
      { id: 'carrier', reliability: 0.9, findings: [{ kind: 'phone', data: { number: PHONE.value, carrier: 'Drama Fixed' }, confidence: 0.95, about: aboutPhone }] },
    ]);
    const result = resolveEntities([PHONE], runs);
    assert.equal(result.status, 'ambiguous');
    assert.equal(result.entities.length, 2);
    for (const entity of result.entities) {
      assert.equal(entity.explanation.shared.length, 1);
      assert.equal(entity.explanation.shared[0]!.key.id, 'phone:+442079460123');
      assert.ok(entity.explanation.shared[0]!.disagreements.includes('name'));
      // The carrier's facts are true for both holders of the number.
      assert.equal(entity.profile.phones![0]!.carrier, 'Drama Fixed');
    }
    const names = result.entities.map((e) => e.profile.person!.first_name).sort();
    assert.deepEqual(names, ['Alice', 'Bob']);
    assert.equal(result.entities[0]!.confidence, result.entities[1]!.confidence, 'the carrier vouches for neither holder over the other');
  });

  it('resolves to the candidate that explains every query identifier when a phone is shared', () => {
    const runs = makeRuns([
      {
        id: 'alpha',
        reliability: 0.85,
        findings: [
          ...personRecord('alice', [...aboutEmail, ...aboutPhone], { first: 'Alice', last: 'Smith', emails: [EMAIL.value], phones: [PHONE.value] }),
          ...personRecord('bob', aboutPhone, { first: 'Bob', last: 'Smith', phones: [PHONE.value] }),
        ],
      },
    ]);
    const result = resolveEntities([EMAIL, PHONE], runs);
    assert.equal(result.status, 'resolved');
    assert.equal(result.entities[0]!.profile.person!.first_name, 'Alice');
    assert.equal(result.candidates.length, 2);
    assert.match(result.explanation, /margin/);
  });

  it('does not merge namesakes who reuse one handle on different platforms', () => {
    const handle = identifier('username', 'jsmith');
    const about = [{ type: 'username', normalized: 'jsmith' }];
    const runs = makeRuns([
      { id: 'alpha', reliability: 0.85, findings: personRecord('js1', about, { first: 'John', last: 'Smith', dob: '1970-01-01', accounts: [['github', 'jsmith']], city: 'Salem' }) },
      { id: 'beta', reliability: 0.8, findings: personRecord('js2', about, { first: 'John', last: 'Smith', dob: '1991-05-05', accounts: [['twitter', 'jsmith']], city: 'Madison' }) },
    ]);
    const result = resolveEntities([handle], runs);
    assert.equal(result.candidates.length, 2);
    assert.equal(result.status, 'ambiguous');
  });

  it('merges a typo through an exclusive identifier and keeps both dates of birth visible with their sources', () => {
    const runs = makeRuns([
      { id: 'alpha', reliability: 0.85, findings: personRecord('r1', aboutEmail, { first: 'Alice', last: 'Smith', dob: '1980-02-03', emails: [EMAIL.value] }) },
      { id: 'beta', reliability: 0.7, findings: personRecord('r2', aboutEmail, { first: 'Ailce', last: 'Smith', dob: '1981-02-03', emails: [EMAIL.value] }) },
    ]);
    const result = resolveEntities([EMAIL], runs);
    assert.equal(result.candidates.length, 1);
    const entity = result.entities[0]!;
    const person = entity.profile.person as Record<string, unknown> & { conflicts?: Record<string, { value: unknown; sources: string[] }[]> };
    assert.equal(person.dob, '1980-02-03', 'the better-supported value leads');
    assert.deepEqual(person.conflicts!.dob!.map((c) => c.value), ['1980-02-03', '1981-02-03']);
    assert.deepEqual(entity.dataLineage['profile.person.conflicts.dob[1].value'], ['src_002']);
    assert.deepEqual(entity.explanation.score.conflicts, ['dob']);
    // Two independent sources explain the email (0.85×0.9 and 0.7×0.9 by noisy-OR), less 15 %.
    assert.ok(Math.abs(entity.explanation.score.penalty - 0.15) < 1e-9);
    assert.equal(entity.confidence, Math.round((1 - (1 - 0.765) * (1 - 0.63)) * 0.85 * 1000) / 1000);
  });

  it('keeps an organization and a person apart even when they share a domain', () => {
    const domain = identifier('domain', 'contoso.example');
    const about = [{ type: 'domain', normalized: 'contoso.example' }];
    const runs = makeRuns([
      { id: 'registry', reliability: 0.95, findings: [{ kind: 'organization', data: { organization_name: 'Contoso Ltd', domain: 'contoso.example', company_number: '123' }, confidence: 0.95, about, record: 'o1' }] },
      {
        id: 'whois',
        reliability: 0.8,
        findings: [
          { kind: 'person', data: { full_name: 'Alice Smith' }, confidence: 0.8, about, record: 'p1' },
          { kind: 'domain', data: { domain: 'contoso.example' }, confidence: 0.8, about, record: 'p1' },
        ],
      },
    ]);
    const result = resolveEntities([domain], runs);
    assert.equal(result.candidates.length, 2);
    assert.deepEqual(result.candidates.map((c) => c.explanation.kind).sort(), ['organization', 'person']);
  });

  it('gives the same answer every time', () => {
    const runs = makeRuns([
      { id: 'alpha', reliability: 0.85, findings: personRecord('r1', aboutPhone, { first: 'Alice', last: 'Smith', phones: [PHONE.value] }) },
      { id: 'beta', reliability: 0.8, findings: personRecord('r2', aboutPhone, { first: 'Bob', last: 'Smith', phones: [PHONE.value] }) },
    ]);
    const strip = (r: ReturnType<typeof resolveEntities>) => JSON.stringify(r.candidates.map((c) => [c.confidence, c.profile, c.dataLineage, c.records]));
    assert.equal(strip(resolveEntities([PHONE], runs)), strip(resolveEntities([PHONE], runs)));
  });
});
