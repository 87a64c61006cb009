import type { JsonValue, OrganizationData, PersonData } from '../sdk.ts';
import { collectNodes, type JsonLdNode, textOf, textsOf, typesOf } from '../web-common/json-ld.ts';

/** What a page's JSON-LD says about the person and organisations it presents. */
export interface JsonLdEntities {
  readonly person: PersonData | null;
  readonly organizations: readonly OrganizationData[];
  /** `sameAs` links of the person and organisations: their other profiles. */
  readonly sameAs: readonly string[];
  readonly emails: readonly string[];
  readonly phones: readonly string[];
}

// schema.org Organization and the subtypes sites use most (schema.org/Organization "More specific Types").
const ORGANIZATION_TYPES = new Set([
  'Organization', 'Corporation', 'LocalBusiness', 'NGO', 'EducationalOrganization', 'CollegeOrUniversity', 'GovernmentOrganization',
  'NewsMediaOrganization', 'OnlineBusiness', 'OnlineStore', 'Store', 'Restaurant', 'ProfessionalService', 'MedicalOrganization',
  'SportsOrganization', 'PerformingGroup', 'MusicGroup', 'Airline', 'LibrarySystem', 'Project', 'ResearchOrganization',
  'FinancialService', 'LegalService', 'Hospital', 'Dentist', 'Physician', 'Hotel', 'AutomotiveBusiness', 'RealEstateAgent',
]);
const MAX_ORGANIZATIONS = 10;

/**
 * Reads the page's Person (ProfilePage.mainEntity, else the first top-level Person) and its
 * top-level Organizations, with their contact points and `sameAs` links. Nested organisations
 * (a Person's `worksFor`) are kept too, marked with their relation.
 */
export function readJsonLdEntities(blocks: readonly JsonValue[]): JsonLdEntities {
  const nodes = collectNodes(blocks);
  const personNode = mainPerson(nodes.map((n) => n.node), nodes.filter((n) => n.topLevel).map((n) => n.node));
  const organizations: { node: JsonLdNode; relation: string | null }[] = nodes
    .filter(({ node, topLevel }) => topLevel && typesOf(node).some((t) => ORGANIZATION_TYPES.has(t)))
    .map(({ node }) => ({ node, relation: null }));
  if (personNode !== null) {
    for (const employer of asNodes(personNode.worksFor)) organizations.push({ node: employer, relation: 'employer' });
  }
  const subjects = [...(personNode !== null ? [personNode] : []), ...organizations.map((o) => o.node)];
  return {
    person: personNode !== null ? personOf(personNode) : null,
    organizations: dedupeByName(organizations.map(({ node, relation }) => organizationOf(node, relation)).filter((o): o is OrganizationData => o !== null)).slice(0, MAX_ORGANIZATIONS),
    sameAs: [...new Set(subjects.flatMap((n) => textsOf(n.sameAs)))],
    emails: [...new Set(subjects.flatMap((n) => [...textsOf(n.email), ...contactPoints(n, 'email')]))].map((e) => e.replace(/^mailto:/i, '')),
    phones: [...new Set(subjects.flatMap((n) => [...textsOf(n.telephone), ...contactPoints(n, 'telephone')]))],
  };
}

function mainPerson(all: readonly JsonLdNode[], topLevel: readonly JsonLdNode[]): JsonLdNode | null {
  for (const node of all) {
    if (!typesOf(node).includes('ProfilePage')) continue;
    const main = asNodes(node.mainEntity).find((m) => typesOf(m).includes('Person'));
    if (main !== undefined) return main;
  }
  return topLevel.find((node) => typesOf(node).includes('Person')) ?? null;
}

function personOf(node: JsonLdNode): PersonData | null {
  const fields: Record<string, JsonValue> = {};
  const set = (key: string, value: string | null): void => {
    if (value !== null) fields[key] = value;
  };
  set('first_name', textOf(node.givenName));
  set('middle_name', textOf(node.additionalName));
  set('last_name', textOf(node.familyName));
  set('full_name', textOf(node.name));
  set('dob', textOf(node.birthDate));
  set('job_title', textOf(node.jobTitle));
  set('description', textOf(node.description));
  set('image', imageOf(node.image));
  set('url', textOf(node.url));
  return Object.keys(fields).length > 0 ? (fields as PersonData) : null;
}

function organizationOf(node: JsonLdNode, relation: string | null): OrganizationData | null {
  const name = textOf(node.name) ?? textOf(node.legalName);
  if (name === null) return null;
  const website = textOf(node.url);
  const founded = Number.parseInt((textOf(node.foundingDate) ?? '').slice(0, 4), 10);
  const employees = employeesOf(node.numberOfEmployees);
  const extra: Record<string, JsonValue> = {};
  for (const [key, value] of [
    ['legal_name', textOf(node.legalName)],
    ['description', textOf(node.description)],
    ['logo', imageOf(node.logo)],
    ['lei_code', textOf(node.leiCode)],
    ['vat_id', textOf(node.vatID)],
    ['tax_id', textOf(node.taxID)],
    ['duns', textOf(node.duns)],
    ['address', addressOf(node.address)],
    ['schema_type', typesOf(node)[0] ?? null],
    ['relation', relation],
  ] as const) {
    if (value !== null) extra[key] = value;
  }
  return {
    organization_name: name,
    ...(website !== null ? { website } : {}),
    ...(website !== null && hostOf(website) !== null ? { domain: hostOf(website)! } : {}),
    ...(founded >= 1000 && founded <= 2100 ? { founded_year: founded } : {}),
    ...(employees !== null ? { employees } : {}),
    ...extra,
  };
}

/** `numberOfEmployees`: a number, or a QuantitativeValue with `value` or a `minValue`–`maxValue` range. */
function employeesOf(value: JsonValue | undefined): string | null {
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  const node = asNodes(value)[0];
  if (node === undefined) return null;
  const exact = textOf(node.value);
  if (exact !== null) return exact;
  const min = textOf(node.minValue);
  const max = textOf(node.maxValue);
  return min !== null && max !== null ? `${min}-${max}` : (min !== null ? `${min}+` : max);
}

function addressOf(value: JsonValue | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null;
  const node = asNodes(value)[0];
  if (node === undefined) return null;
  const parts = [node.streetAddress, node.postalCode, node.addressLocality, node.addressRegion, node.addressCountry].map((p) => textOf(p)).filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : null;
}

function contactPoints(node: JsonLdNode, property: 'email' | 'telephone'): string[] {
  return asNodes(node.contactPoint).flatMap((point) => textsOf(point[property]));
}

function imageOf(value: JsonValue | undefined): string | null {
  const node = asNodes(value)[0];
  return node !== undefined ? textOf(node.url ?? node.contentUrl) : textOf(value);
}

function asNodes(value: JsonValue | undefined): JsonLdNode[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is JsonLdNode => typeof v === 'object' && v !== null && !Array.isArray(v));
}

function dedupeByName(organizations: readonly OrganizationData[]): OrganizationData[] {
  const seen = new Map<string, OrganizationData>();
  for (const org of organizations) {
    const key = org.organization_name.toLowerCase();
    if (!seen.has(key)) seen.set(key, org);
  }
  return [...seen.values()];
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
