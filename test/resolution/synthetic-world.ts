import { canonicalEmail } from '../../src/resolve/canonical-email.ts';
import { SeededRandom } from './seeded-random.ts';

/**
 * A synthetic population with the traps real people data has: households sharing a landline
 * and an address, handles reused across platforms and chosen by several people, namesakes (two
 * people with one name), employees of the same organizations, and recycled phone numbers.
 * Every identifier knows its true owner(s): that is the ground truth the evaluation scores
 * against. Phone numbers come from Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx), which
 * are never assigned to anyone.
 */
export interface Person {
  readonly id: string;
  readonly first: string;
  readonly last: string;
  readonly dob: string;
  readonly city: string;
  readonly address: string;
  readonly householdId: string;
  readonly employerId: string | null;
  readonly emails: readonly { readonly value: string; readonly work: boolean }[];
  readonly mobile: string;
  readonly landline: string | null;
  readonly accounts: readonly { readonly platform: string; readonly handle: string }[];
  /** A number this person gave up, now someone else's mobile (stale in some providers). */
  readonly formerMobile: string | null;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly companyNumber: string;
  readonly jurisdiction: string;
  readonly incorporationDate: string;
  readonly city: string;
  readonly address: string;
  readonly officerIds: readonly string[];
}

export interface World {
  readonly seed: number;
  readonly people: readonly Person[];
  readonly organizations: readonly Organization[];
}

const FIRST = ['james', 'mary', 'john', 'patricia', 'robert', 'jennifer', 'michael', 'linda', 'william', 'elizabeth', 'david', 'barbara', 'richard', 'susan', 'joseph', 'jessica', 'thomas', 'sarah', 'charles', 'karen', 'daniel', 'nancy', 'matthew', 'lisa', 'anthony', 'betty', 'mark', 'margaret', 'paul', 'sandra', 'steven', 'ashley', 'andrew', 'emily', 'joshua', 'donna', 'kevin', 'michelle', 'brian', 'carol'];
const LAST = ['smith', 'johnson', 'williams', 'brown', 'jones', 'garcia', 'miller', 'davis', 'rodriguez', 'martinez', 'hernandez', 'lopez', 'gonzalez', 'wilson', 'anderson', 'thomas', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'perez', 'thompson', 'white', 'harris', 'sanchez', 'clark', 'ramirez', 'lewis', 'robinson'];
const CITIES = ['springfield', 'riverton', 'lakeside', 'fairview', 'greenville', 'madison', 'clinton', 'franklin', 'georgetown', 'salem', 'ashland', 'milford'];
const STREETS = ['oak street', 'maple avenue', 'cedar lane', 'pine road', 'elm street', 'hill drive', 'lake view', 'park place'];
const ORG_WORDS = ['northwind', 'contoso', 'fabrikam', 'tailspin', 'wingtip', 'litware', 'proseware', 'adatum', 'woodgrove', 'alpine', 'blue yonder', 'coho', 'fourth coffee', 'lucerne', 'margie', 'trey', 'wide world', 'humongous', 'graphic design', 'southridge'];
const ORG_KINDS = ['logistics', 'systems', 'holdings', 'analytics', 'foods', 'travel', 'media', 'bank'];
const MAIL = ['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com'];
export const PLATFORMS = ['github', 'twitter', 'instagram', 'reddit', 'linkedin'];

export const cap = (s: string): string => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase());

/**
 * Builds a world of about `people` persons and `organizations` organizations from a seed.
 *
 * @example
 * const world = generateWorld(7, { people: 240, organizations: 20 });
 */
export function generateWorld(seed: number, size: { people: number; organizations: number }): World {
  const rng = new SeededRandom(seed);
  const numbers = new NumberPool(rng);
  const organizations = makeOrganizations(rng, size.organizations);
  const people: Person[] = [];
  while (people.length < size.people) people.push(...makeHousehold(rng, numbers, organizations, people.length));
  uniqueMailboxes(people);
  addNamesakes(rng, people);
  shareHandles(rng, people);
  recycleNumbers(rng, people);
  const officers = organizations.map((org) => ({
    ...org,
    officerIds: people.filter((p) => p.employerId === org.id).slice(0, 2).map((p) => p.id),
  }));
  return { seed, people, organizations: officers };
}

function makeOrganizations(rng: SeededRandom, count: number): Organization[] {
  const words = rng.shuffle(ORG_WORDS);
  return Array.from({ length: count }, (_, i) => {
    const base = words[i % words.length]!;
    const name = `${cap(base)} ${cap(rng.pick(ORG_KINDS))}`;
    const city = rng.pick(CITIES);
    return {
      id: `org${i}`,
      name: `${name} ${rng.pick(['Inc', 'Ltd', 'LLC', 'Corp'])}`,
      domain: `${base.replace(/\s+/g, '')}${i >= words.length ? i : ''}.example`,
      companyNumber: String(10_000_000 + rng.int(0, 8_999_999)),
      jurisdiction: rng.pick(['gb', 'us_de', 'ie']),
      incorporationDate: `${rng.int(1960, 2019)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`,
      city,
      address: `${rng.int(1, 200)} ${cap(rng.pick(STREETS))}, ${cap(city)}`,
      officerIds: [],
    };
  });
}

function makeHousehold(rng: SeededRandom, numbers: NumberPool, orgs: readonly Organization[], start: number): Person[] {
  const size = rng.pick([1, 1, 2, 2, 3, 4]);
  const last = rng.pick(LAST);
  const city = rng.pick(CITIES);
  const address = `${rng.int(1, 300)} ${cap(rng.pick(STREETS))}, ${cap(city)}`;
  const landline = size > 1 && rng.chance(0.75) ? numbers.landline() : null;
  const householdId = `h${start}`;
  const firsts = rng.shuffle(FIRST).slice(0, size);
  return firsts.map((first, k) => {
    const id = `p${start + k}`;
    const employer = rng.chance(0.7) ? rng.pick(orgs) : null;
    const year = k < 2 ? rng.int(1950, 1995) : rng.int(1996, 2006);
    const handle = `${first[0]}${last}${rng.int(1, 99)}`;
    const emails = [{ value: `${first}.${last}${rng.int(1, 999)}@${rng.pick(MAIL)}`, work: false }];
    if (employer) emails.push({ value: `${first}.${last}@${employer.domain}`, work: true });
    const platforms = rng.shuffle(PLATFORMS).slice(0, rng.int(1, 3));
    // Most people keep one handle everywhere; some pick a different one per platform.
    const reuse = rng.chance(0.65);
    const accounts = platforms.map((platform, n) => ({ platform, handle: reuse || n === 0 ? handle : `${first}${last[0]}${rng.int(100, 999)}` }));
    return {
      id,
      first,
      last,
      dob: `${year}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`,
      city,
      address,
      householdId,
      employerId: employer?.id ?? null,
      emails,
      mobile: numbers.mobile(),
      landline,
      accounts,
      formerMobile: null,
    };
  });
}

/** A mail server gives each mailbox to one person: a second John Smith at Contoso gets john.smith2@. */
function uniqueMailboxes(people: Person[]): void {
  const taken = new Set<string>();
  for (let i = 0; i < people.length; i++) {
    const emails = people[i]!.emails.map((e) => {
      let value = e.value;
      for (let n = 2; taken.has(value); n++) value = e.value.replace('@', `${n}@`);
      taken.add(value);
      return { ...e, value };
    });
    people[i] = { ...people[i]!, emails };
  }
}

/** About one person in twelve gets a namesake: someone else, elsewhere, with the same name. */
function addNamesakes(rng: SeededRandom, people: Person[]): void {
  const count = Math.floor(people.length / 12);
  for (let i = 0; i < count; i++) {
    const a = rng.pick(people);
    const bi = people.findIndex((p) => p.householdId !== a.householdId && p.city !== a.city && p.first !== a.first && rng.chance(0.1));
    if (bi < 0) continue;
    const b = people[bi]!;
    people[bi] = { ...b, first: a.first, last: a.last, emails: b.emails.map((e) => ({ ...e, value: e.value.replace(/^[^@]+/, (l) => `${a.first}.${a.last}${l.replace(/\D/g, '') || rng.int(1, 99)}`) })) };
  }
}

/** One person in eight takes a handle someone else already uses (on another platform). */
function shareHandles(rng: SeededRandom, people: Person[]): void {
  for (let i = 0; i < people.length; i++) {
    if (!rng.chance(0.125)) continue;
    const other = rng.pick(people);
    if (other.id === people[i]!.id || other.accounts.length === 0) continue;
    const taken = other.accounts[0]!;
    const mine = people[i]!;
    const platform = PLATFORMS.find((p) => !other.accounts.some((a) => a.platform === p) && !mine.accounts.some((a) => a.platform === p));
    if (platform) people[i] = { ...mine, accounts: [...mine.accounts, { platform, handle: taken.handle }] };
  }
}

/** One person in fifteen once held the mobile that is now someone else's. */
function recycleNumbers(rng: SeededRandom, people: Person[]): void {
  for (let i = 0; i < people.length; i++) {
    if (!rng.chance(1 / 15)) continue;
    const current = rng.pick(people);
    if (current.id !== people[i]!.id) people[i] = { ...people[i]!, formerMobile: current.mobile };
  }
}

/** Unique numbers from the drama ranges, handed out in a shuffled order. */
class NumberPool {
  readonly #mobiles: string[];
  readonly #landlines: string[];
  constructor(rng: SeededRandom) {
    this.#mobiles = rng.shuffle(Array.from({ length: 1000 }, (_, i) => `+447700900${String(i).padStart(3, '0')}`));
    this.#landlines = rng.shuffle(Array.from({ length: 1000 }, (_, i) => `+442079460${String(i).padStart(3, '0')}`));
  }
  mobile(): string {
    const n = this.#mobiles.pop();
    if (!n) throw new Error('mobile number pool exhausted: keep the world under 1000 people');
    return n;
  }
  landline(): string {
    const n = this.#landlines.pop();
    if (!n) throw new Error('landline pool exhausted');
    return n;
  }
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Who truly holds each identifier (a landline or a shared handle has several holders). */
export interface Ownership {
  readonly email: ReadonlyMap<string, readonly string[]>;
  readonly phone: ReadonlyMap<string, readonly string[]>;
  readonly handle: ReadonlyMap<string, readonly string[]>;
  readonly account: ReadonlyMap<string, readonly string[]>;
  readonly name: ReadonlyMap<string, readonly string[]>;
}

export function ownership(world: World): Ownership {
  const email = new Map<string, string[]>();
  const phone = new Map<string, string[]>();
  const handle = new Map<string, string[]>();
  const account = new Map<string, string[]>();
  const name = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(id)) list.push(id);
    map.set(key, list);
  };
  for (const p of world.people) {
    for (const e of p.emails) add(email, canonicalEmail(e.value)!, p.id);
    add(phone, p.mobile, p.id);
    if (p.landline) add(phone, p.landline, p.id);
    for (const a of p.accounts) {
      add(handle, a.handle, p.id);
      add(account, `${a.platform}/${a.handle}`, p.id);
    }
    add(name, `${p.first} ${p.last}`, p.id);
  }
  for (const o of world.organizations) add(name, o.name.toLowerCase(), o.id);
  return { email, phone, handle, account, name };
}
