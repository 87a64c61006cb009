import type { Finding } from '../connectors/sdk.ts';
import { registrableDomain } from './identity-keys.ts';
import { type NameParts, nameParts, normalizeNamePart } from './name-matching.ts';
import { normalizeOrganizationName } from './organization-names.ts';
import { compareStrings } from './stable-order.ts';

/**
 * What a record is about: a person (it carries a `person` finding), an organization (it
 * carries organization findings and no person), or nothing nameable (phone metadata, an
 * account seen by its handle, web results …).
 */
export type RecordKind = 'person' | 'organization' | 'none';

/** The facts that tell people (or organizations) apart. Sets, normalised, sorted. */
export interface Facts {
  readonly kind: RecordKind;
  readonly names: readonly NameParts[];
  readonly dobs: readonly string[];
  /** Weak evidence: where the person lives and works. */
  readonly cities: readonly string[];
  readonly employers: readonly string[];
  /** Normalised names of the organization the record is about. */
  readonly organizations: readonly string[];
  readonly addresses: readonly string[];
}

export const NO_FACTS: Facts = { kind: 'none', names: [], dobs: [], cities: [], employers: [], organizations: [], addresses: [] };

export function hasFacts(facts: Facts): boolean {
  return facts.kind !== 'none';
}

/** The facts of one record's findings. */
export function factsOf(findings: readonly Finding[]): Facts {
  const kind: RecordKind = findings.some((f) => f.kind === 'person') ? 'person' : findings.some((f) => f.kind === 'organization') ? 'organization' : 'none';
  const names: NameParts[] = [];
  const dobs: string[] = [];
  const cities: string[] = [];
  const employers: string[] = [];
  const organizations: string[] = [];
  const addresses: string[] = [];
  for (const finding of findings) {
    const d = finding.data as Readonly<Record<string, unknown>>;
    if (finding.kind === 'person') {
      const parts = nameParts(d);
      if (parts) names.push(parts);
      if (typeof d.dob === 'string' && d.dob.trim() !== '') dobs.push(d.dob.trim());
    } else if (finding.kind === 'address') {
      addresses.push(normalizeNamePart(finding.data.address));
      const city = cityOf(finding.data.address, d.city);
      if (city) cities.push(city);
    } else if (finding.kind === 'organization') {
      const name = normalizeOrganizationName(finding.data.organization_name);
      if (kind === 'person') {
        employers.push(name);
        const domain = typeof d.domain === 'string' ? registrableDomain(d.domain) : null;
        if (domain) employers.push(domain);
      } else organizations.push(name);
    }
  }
  return {
    kind,
    names: uniqueNames(names),
    dobs: unique(dobs),
    cities: unique(cities),
    employers: unique(employers),
    organizations: unique(organizations),
    addresses: unique(addresses),
  };
}

/** The union of two fact sets; a person with an organization never merges, so kind is the stronger. */
export function mergeFacts(a: Facts, b: Facts): Facts {
  const rank: Readonly<Record<RecordKind, number>> = { none: 0, organization: 1, person: 2 };
  return {
    kind: rank[a.kind] >= rank[b.kind] ? a.kind : b.kind,
    names: uniqueNames([...a.names, ...b.names]),
    dobs: unique([...a.dobs, ...b.dobs]),
    cities: unique([...a.cities, ...b.cities]),
    employers: unique([...a.employers, ...b.employers]),
    organizations: unique([...a.organizations, ...b.organizations]),
    addresses: unique([...a.addresses, ...b.addresses]),
  };
}

// An address is one string in the contract; the city is the `city` field when the connector
// sends one, else the component after the street ("12 Oak St, Springfield, IL 62704").
function cityOf(address: string, city: unknown): string | null {
  if (typeof city === 'string' && city.trim() !== '') return normalizeNamePart(city);
  const parts = address.split(',').map((p) => normalizeNamePart(p.replace(/\d+/g, ' ')));
  return parts.length >= 2 && parts[1] !== '' ? parts[1]! : null;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))].sort(compareStrings);
}

function uniqueNames(values: readonly NameParts[]): NameParts[] {
  const seen = new Map<string, NameParts>();
  for (const v of values) seen.set(`${v.first}|${v.last}`, v);
  return [...seen.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([, v]) => v);
}
