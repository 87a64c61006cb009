import type { Identifier } from '../../src/identifiers/identifier-types.ts';
import { checkIdentifier } from '../../src/identifiers/validate-identifier.ts';
import { canonicalEmail } from '../../src/resolve/canonical-email.ts';
import { SeededRandom } from './seeded-random.ts';
import type { Ownership, Person, World } from './synthetic-world.ts';

/** A lookup an analyst might send, with who it truly is about. */
export interface SyntheticQuery {
  readonly kind: string;
  readonly identifiers: readonly Identifier[];
  /** Every person or organization that truly holds all the query identifiers. */
  readonly targets: readonly string[];
}

type Pick = (p: Person) => [Identifier['type'], string][] | null;

// The shapes of lookups, in rotation: single identifiers of each kind, then combinations.
const PERSON_QUERIES: readonly [string, Pick][] = [
  ['email', (p) => [['email', p.emails[0]!.value]]],
  ['mobile', (p) => [['phone', p.mobile]]],
  ['landline', (p) => (p.landline ? [['phone', p.landline]] : null)],
  ['username', (p) => (p.accounts[0] ? [['username', p.accounts[0].handle]] : null)],
  ['name', (p) => [['name', `${p.first} ${p.last}`]]],
  ['email+mobile', (p) => [['email', p.emails[0]!.value], ['phone', p.mobile]]],
  ['name+username', (p) => (p.accounts[0] ? [['name', `${p.first} ${p.last}`], ['username', p.accounts[0].handle]] : null)],
  ['work_email', (p) => (p.emails[1] ? [['email', p.emails[1].value]] : null)],
  ['landline+name', (p) => (p.landline ? [['phone', p.landline], ['name', `${p.first} ${p.last}`]] : null)],
];

/**
 * `count` person lookups (people drawn without replacement, shapes in rotation) and one
 * company-name and one domain lookup per organization, up to `organizations`.
 *
 * @example
 * generateQueries(world, ownership(world), { people: 150, organizations: 10 });
 */
export function generateQueries(world: World, own: Ownership, count: { people: number; organizations: number }): SyntheticQuery[] {
  const rng = new SeededRandom(`${world.seed}|queries`);
  const people = rng.shuffle(world.people);
  const queries: SyntheticQuery[] = [];
  let shape = 0;
  for (const person of people) {
    if (queries.length >= count.people) break;
    for (let tries = 0; tries < PERSON_QUERIES.length; tries++) {
      const [kind, pick] = PERSON_QUERIES[shape++ % PERSON_QUERIES.length]!;
      const raw = pick(person);
      if (!raw) continue;
      const identifiers = raw.map(([type, value]) => toIdentifier(type, value));
      queries.push({ kind, identifiers, targets: targetsOf(identifiers, own) });
      break;
    }
  }
  for (const org of world.organizations.slice(0, count.organizations)) {
    const bare = org.name.replace(/\s+(Inc|Ltd|LLC|Corp)$/, '');
    queries.push({ kind: 'company_name', identifiers: [toIdentifier('company_name', bare)], targets: [org.id] });
    queries.push({ kind: 'domain', identifiers: [toIdentifier('domain', org.domain)], targets: [org.id] });
  }
  return queries;
}

function toIdentifier(type: Identifier['type'], value: string): Identifier {
  const check = checkIdentifier(type, value);
  if (!check.ok) throw new Error(`synthetic ${type} is invalid: ${value}`);
  return { type, value, normalized: check.normalized };
}

/** The holders of every identifier of the query: the people it can rightly resolve to. */
function targetsOf(identifiers: readonly Identifier[], own: Ownership): string[] {
  const holders = identifiers.map((i) => {
    if (i.type === 'email') return own.email.get(canonicalEmail(i.normalized)!) ?? [];
    if (i.type === 'phone') return own.phone.get(i.normalized) ?? [];
    if (i.type === 'username') return own.handle.get(i.normalized.toLowerCase()) ?? [];
    if (i.type === 'name') return own.name.get(i.normalized.toLowerCase()) ?? [];
    return [];
  });
  return holders.reduce<readonly string[]>((acc, list) => acc.filter((id) => list.includes(id)), holders[0] ?? []).slice();
}
