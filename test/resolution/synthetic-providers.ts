import { z } from 'zod';
import {
  type AnyConnectorDefinition,
  type Connector,
  type ConnectorManifestInput,
  defineConnector,
  defineManifest,
  type Finding,
  type FindingSubject,
  found,
  type Identifier,
} from '../../src/connectors/sdk.ts';
import { canonicalEmail } from '../../src/resolve/canonical-email.ts';
import { hashString, SeededRandom } from './seeded-random.ts';
import { cap, type Organization, type Person, type World } from './synthetic-world.ts';

/** Record ref (`connector|record`) → ids of the people or organizations it truly describes. */
export type GroundTruth = Map<string, readonly string[]>;

/**
 * How a people-data provider sees the world: which people it covers, and how wrong it gets them.
 * Noise is drawn per (upstream, person), so two connectors reselling one upstream return the
 * same record, errors included: they are one source, not two confirmations.
 */
export interface BrokerProfile {
  readonly id: string;
  readonly name: string;
  readonly upstream: string;
  readonly reliability: number;
  readonly confidence: number;
  readonly coverage: number;
  /** Chance of a typo in the given name. */
  readonly typo: number;
  readonly missingDob: number;
  /** Chance the date of birth is wrong (a conflicting value). */
  readonly wrongDob: number;
  /** Chance the record still lists the person's former mobile (now someone else's). */
  readonly stalePhone: number;
  /** Chance the address is an old one in another city. */
  readonly moved: number;
  readonly accepts: readonly ('email' | 'phone' | 'username' | 'name')[];
}

export const BROKERS: readonly BrokerProfile[] = [
  { id: 'broker_alpha', name: 'Alpha People Data', upstream: 'alpha', reliability: 0.85, confidence: 0.9, coverage: 0.85, typo: 0.05, missingDob: 0.1, wrongDob: 0.02, stalePhone: 0.3, moved: 0.05, accepts: ['email', 'phone', 'username', 'name'] },
  { id: 'broker_alpha_resale', name: 'Alpha Reseller', upstream: 'alpha', reliability: 0.8, confidence: 0.9, coverage: 0.85, typo: 0.05, missingDob: 0.1, wrongDob: 0.02, stalePhone: 0.3, moved: 0.05, accepts: ['email', 'phone'] },
  { id: 'broker_beta', name: 'Beta Identity Graph', upstream: 'beta', reliability: 0.75, confidence: 0.85, coverage: 0.7, typo: 0.08, missingDob: 0.2, wrongDob: 0.07, stalePhone: 0.6, moved: 0.1, accepts: ['email', 'phone', 'username', 'name'] },
];

/** The synthetic providers of one world; `truth` fills as they answer. */
export function syntheticConnectors(world: World, truth: GroundTruth): AnyConnectorDefinition[] {
  return [
    ...BROKERS.map((b) => brokerConnector(world, b, truth)),
    socialFinder(world, truth),
    breachIndex(world, truth),
    phoneCarrier(world, truth),
    companyRegistry(world, truth),
    peopleSearchWeb(world, truth),
  ];
}

type Answer = (identifier: Identifier, add: (record: string, owners: readonly string[], findings: readonly Finding[]) => void) => void;

function provider(manifest: ConnectorManifestInput, truth: GroundTruth, answer: Answer): AnyConnectorDefinition {
  const m = defineManifest(manifest);
  return defineConnector({
    manifest: m,
    settings: z.object({}),
    create: (): Connector => ({
      manifest: m,
      egress: [],
      run: async (input) => {
        // One record per upstream record, found for every query identifier that matched it.
        const records = new Map<string, { findings: readonly Finding[]; about: FindingSubject[] }>();
        for (const identifier of input.identifiers) {
          answer(identifier, (record, owners, list) => {
            truth.set(`${m.id}|${record}`, owners);
            const entry = records.get(record) ?? { findings: list, about: [] };
            entry.about.push({ type: identifier.type, normalized: identifier.normalized });
            records.set(record, entry);
          });
        }
        return found([...records].flatMap(([record, entry]) => entry.findings.map((f) => ({ ...f, about: entry.about, record }))));
      },
      health: async () => ({ status: 'reachable', latency_ms: 0, error: null }),
    }),
  });
}

const about = (i: Identifier): FindingSubject[] => [{ type: i.type, normalized: i.normalized }];
const recordId = (...parts: string[]): string => `r${hashString(parts.join('|')).toString(36)}`;
const nameOf = (p: Person): string => `${p.first} ${p.last}`;

/** The people a query identifier points at, as a provider indexes them. */
function matchPeople(world: World, i: Identifier, staleFor: (p: Person) => boolean): Person[] {
  const value = i.normalized;
  switch (i.type) {
    case 'email':
      return world.people.filter((p) => p.emails.some((e) => canonicalEmail(e.value) === canonicalEmail(value)));
    case 'phone':
      return world.people.filter((p) => p.mobile === value || p.landline === value || (p.formerMobile === value && staleFor(p)));
    case 'username':
      return world.people.filter((p) => p.accounts.some((a) => a.handle === value.toLowerCase()));
    case 'name':
      return world.people.filter((p) => nameOf(p) === value.toLowerCase());
    default:
      return [];
  }
}

function brokerConnector(world: World, b: BrokerProfile, truth: GroundTruth): AnyConnectorDefinition {
  const noise = (p: Person): SeededRandom => new SeededRandom(`${world.seed}|${b.upstream}|${p.id}`);
  const covered = (p: Person): boolean => noise(p).next() < b.coverage;
  const stale = (p: Person): boolean => {
    const r = noise(p);
    r.next();
    return r.chance(b.stalePhone);
  };
  return provider(
    { id: b.id, name: b.name, description: 'Synthetic people-data provider.', category: 'person_data', tier: 'primary', accepts: [...b.accepts], credential_mode: 'intrace_managed', reliability: b.reliability, upstream: b.upstream },
    truth,
    (i, add) => {
      for (const p of matchPeople(world, i, stale)) {
        if (covered(p)) add(recordId(b.upstream, p.id), [p.id], personRecord(world, b, p, about(i), stale(p)));
      }
    },
  );
}

function personRecord(world: World, b: BrokerProfile, p: Person, subject: FindingSubject[], stale: boolean): Finding[] {
  const r = new SeededRandom(`${world.seed}|${b.upstream}|${p.id}|fields`);
  const c = b.confidence;
  const first = r.chance(b.typo) ? typo(p.first, r) : p.first;
  const dob = r.chance(b.missingDob) ? undefined : r.chance(b.wrongDob) ? `${Number(p.dob.slice(0, 4)) + r.int(1, 3)}${p.dob.slice(4)}` : p.dob;
  const moved = r.chance(b.moved);
  const address = moved ? `${r.int(1, 300)} Old Road, ${cap(r.pick(['northgate', 'eastwood', 'westfield']))}` : p.address;
  const f: Finding[] = [
    { kind: 'person', data: { first_name: cap(first), last_name: cap(p.last), full_name: `${cap(first)} ${cap(p.last)}`, ...(dob ? { dob } : {}) }, confidence: c, about: subject },
    { kind: 'phone', data: { number: p.mobile, type: 'mobile', first_reported_date: `${r.int(2012, 2020)}-01-01` }, confidence: c, about: subject },
    { kind: 'address', data: { address, first_reported_date: `${r.int(2005, 2020)}-06-01` }, confidence: c * 0.9, about: subject },
  ];
  if (p.landline && r.chance(0.8)) f.push({ kind: 'phone', data: { number: p.landline, type: 'landline' }, confidence: c, about: subject });
  if (stale && p.formerMobile) f.push({ kind: 'phone', data: { number: p.formerMobile, type: 'mobile', last_reported_date: '2019-12-31' }, confidence: c * 0.8, about: subject });
  for (const e of p.emails) {
    if (!r.chance(0.85)) continue;
    // Providers write Gmail addresses both with and without dots.
    const spelled = e.value.endsWith('@gmail.com') && r.chance(0.3) ? e.value.replace('.', '') : e.value;
    f.push({ kind: 'email', data: { email: spelled, ...(e.work ? { type: 'work' } : {}) }, confidence: c, about: subject });
  }
  for (const a of p.accounts) {
    if (r.chance(0.6)) f.push({ kind: 'social_profile', data: { platform: a.platform, username: a.handle, profile_url: profileUrl(a.platform, a.handle) }, confidence: c, about: subject });
  }
  const employer = world.organizations.find((o) => o.id === p.employerId);
  if (employer && r.chance(0.8)) f.push({ kind: 'organization', data: { organization_name: employer.name, domain: employer.domain, job_title: 'employee' }, confidence: c, about: subject });
  return f;
}

function typo(name: string, r: SeededRandom): string {
  if (name.length < 4) return name;
  const i = r.int(1, name.length - 2);
  return name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2);
}

export function profileUrl(platform: string, handle: string): string {
  const hosts: Record<string, string> = { github: 'https://github.com/', twitter: 'https://twitter.com/', instagram: 'https://www.instagram.com/', reddit: 'https://www.reddit.com/user/', linkedin: 'https://www.linkedin.com/in/' };
  return `${hosts[platform] ?? `https://${platform}.example/`}${handle}`;
}

/** Finds accounts by handle (any platform) or by the email they were registered with. */
function socialFinder(world: World, truth: GroundTruth): AnyConnectorDefinition {
  return provider(
    { id: 'social_finder', name: 'Social Account Finder', description: 'Synthetic account checker.', category: 'social_media', tier: 'primary', accepts: ['username', 'email'], credential_mode: 'intrace_managed', reliability: 0.7 },
    truth,
    (i, add) => {
      const accountFinding = (platform: string, handle: string): Finding => ({
        kind: 'social_profile',
        data: { platform, username: handle, profile_url: profileUrl(platform, handle) },
        confidence: 0.9,
        about: about(i),
        evidence: { url: profileUrl(platform, handle), status: 200 },
      });
      for (const p of matchPeople(world, i, () => false)) {
        const accounts = i.type === 'username' ? p.accounts.filter((a) => a.handle === i.normalized.toLowerCase()) : p.accounts;
        for (const a of accounts) add(recordId('social', a.platform, a.handle), [p.id], [accountFinding(a.platform, a.handle)]);
      }
      // A handle is often taken by a stranger on a platform nobody in the world uses it on.
      if (i.type === 'username' && new SeededRandom(`${world.seed}|stranger|${i.normalized}`).chance(0.25)) {
        add(recordId('social', 'mastodon', i.normalized), [`stranger:${i.normalized}`], [accountFinding('mastodon', i.normalized.toLowerCase())]);
      }
    },
  );
}

/** Breach records found by email: the email, the handle used there, the breach. */
function breachIndex(world: World, truth: GroundTruth): AnyConnectorDefinition {
  return provider(
    { id: 'breach_index', name: 'Breach Index', description: 'Synthetic breach aggregator.', category: 'leak_database', tier: 'primary', accepts: ['email'], credential_mode: 'intrace_managed', reliability: 0.6 },
    truth,
    (i, add) => {
      for (const p of matchPeople(world, i, () => false)) {
        const r = new SeededRandom(`${world.seed}|breach|${p.id}`);
        if (!r.chance(0.4)) continue;
        const data = { email: i.normalized, username: p.accounts[0]?.handle ?? `${p.first}${p.last}`, source_name: r.pick(['Collection #1', 'ExampleForum 2019', 'ShopLeak']), breach_date: `${r.int(2012, 2022)}-0${r.int(1, 9)}-15` };
        add(recordId('breach', p.id, i.normalized), [p.id], [{ kind: 'credential', data, confidence: 0.9, about: about(i) }]);
      }
    },
  );
}

/** Numbering-plan metadata for a phone: true for whoever holds the number. */
function phoneCarrier(world: World, truth: GroundTruth): AnyConnectorDefinition {
  return provider(
    { id: 'phone_carrier', name: 'Phone Carrier Lookup', description: 'Synthetic numbering metadata.', category: 'person_data', tier: 'primary', accepts: ['phone'], credential_mode: 'intrace_managed', reliability: 0.9, upstream: 'numbering' },
    truth,
    (i, add) => {
      const owners = world.people.filter((p) => p.mobile === i.normalized || p.landline === i.normalized).map((p) => p.id);
      const type = i.normalized.startsWith('+447') ? 'mobile' : 'landline';
      add(recordId('carrier', i.normalized), owners, [{ kind: 'phone', data: { number: i.normalized, type, carrier: type === 'mobile' ? 'Drama Mobile' : 'Drama Fixed', country: 'GB' }, confidence: 0.95, about: about(i) }]);
    },
  );
}

/** Company registry: by name (token match) or by domain; officers listed as associates. */
function companyRegistry(world: World, truth: GroundTruth): AnyConnectorDefinition {
  const byName = (o: Organization, q: string): boolean => q.toLowerCase().split(/\s+/).filter((t) => t.length > 2).every((t) => o.name.toLowerCase().includes(t));
  return provider(
    { id: 'company_registry', name: 'Company Registry', description: 'Synthetic corporate registry.', category: 'business_data', tier: 'primary', accepts: ['company_name', 'domain'], credential_mode: 'intrace_managed', reliability: 0.95 },
    truth,
    (i, add) => {
      for (const o of world.organizations.filter((x) => (i.type === 'domain' ? x.domain === i.normalized : byName(x, i.normalized)))) {
        const officers = o.officerIds.map((id) => world.people.find((p) => p.id === id)!).filter(Boolean);
        add(recordId('registry', o.id), [o.id], [
          { kind: 'organization', data: { organization_name: o.name, domain: o.domain, company_number: o.companyNumber, jurisdiction_code: o.jurisdiction, incorporation_date: o.incorporationDate, registered_address_in_full: o.address, current_status: 'Active' }, confidence: 0.95, about: about(i) },
          ...officers.map((p): Finding => ({ kind: 'associate', data: { first_name: cap(p.first), last_name: cap(p.last), associate_of: o.name }, confidence: 0.9, about: about(i) })),
        ]);
      }
    },
  );
}

/** People search over public web pages: fuzzy on names, thin records. */
function peopleSearchWeb(world: World, truth: GroundTruth): AnyConnectorDefinition {
  return provider(
    { id: 'people_search_web', name: 'People Search (web)', description: 'Synthetic web people search.', category: 'web_search', tier: 'primary', accepts: ['name'], credential_mode: 'intrace_managed', reliability: 0.55 },
    truth,
    (i, add) => {
      const [qf = '', ql = ''] = i.normalized.toLowerCase().split(' ');
      for (const p of world.people) {
        // Same family name and a given name within one letter: "Jon Smith" for "John Smith".
        if (p.last !== ql || editDistanceAtMostOne(p.first, qf) === false) continue;
        const r = new SeededRandom(`${world.seed}|web|${p.id}`);
        const f: Finding[] = [
          { kind: 'person', data: { full_name: `${cap(p.first)} ${cap(p.last)}` }, confidence: p.first === qf ? 0.8 : 0.5, about: about(i) },
          { kind: 'address', data: { address: cap(p.city), city: p.city }, confidence: 0.6, about: about(i) },
        ];
        // Scraped pages get numbers wrong: a third of the listed numbers are someone else's.
        if (r.chance(0.5)) f.push({ kind: 'phone', data: { number: r.chance(0.35) ? r.pick(world.people).mobile : p.mobile }, confidence: 0.6, about: about(i) });
        add(recordId('web', p.id), [p.id], f);
      }
    },
  );
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}
