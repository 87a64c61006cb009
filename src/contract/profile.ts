import { z } from 'zod';
import { confidence, sourceIds } from './common.ts';

/** SPEC §6.4 `EntityProfile` and its sections. Loose objects: extra fields pass through. */

const dated = { first_reported_date: z.string().optional(), last_reported_date: z.string().optional() };

export const personEntry = z
  .looseObject({
    first_name: z.string().optional(),
    middle_name: z.string().optional(),
    last_name: z.string().optional(),
    full_name: z.string().optional(),
    age: z.number().int().optional(),
    dob: z.string().optional(),
    confidence: confidence.optional(),
    sources: sourceIds.optional(),
  })
  .meta({ id: 'PersonEntry' });

export const phoneEntry = z
  .looseObject({
    number: z.string(),
    type: z.string().optional(),
    carrier: z.string().optional(),
    country: z.string().optional(),
    is_connected: z.boolean().optional(),
    ...dated,
    confidence,
    sources: sourceIds,
  })
  .meta({ id: 'PhoneEntry' });

export const emailEntry = z.looseObject({ email: z.string(), confidence, sources: sourceIds }).meta({ id: 'EmailEntry' });

export const addressEntry = z
  .looseObject({ address: z.string(), country: z.string().optional(), ...dated, confidence, sources: sourceIds })
  .meta({ id: 'AddressEntry' });

export const socialProfileEntry = z
  .looseObject({
    platform: z.string(),
    username: z.string().optional(),
    bio: z.string().optional(),
    profile_url: z.string().optional(),
    profile_photo: z.string().optional(),
    followers_count: z.number().int().optional(),
    following_count: z.number().int().optional(),
    verified: z.boolean().optional(),
    joined_date: z.string().optional(),
    extended: z.record(z.string(), z.unknown()).optional(),
    confidence,
    sources: sourceIds,
  })
  .meta({ id: 'SocialProfileEntry' });

export const organizationEntry = z
  .looseObject({
    organization_name: z.string(),
    industry: z.string().optional(),
    domain: z.string().optional(),
    website: z.string().optional(),
    employees: z.string().optional(),
    founded_year: z.number().int().optional(),
    revenue: z.string().optional(),
    jurisdiction_code: z.string().optional(),
    company_number: z.string().optional(),
    current_status: z.string().optional(),
    incorporation_date: z.string().optional(),
    registered_address_in_full: z.string().optional(),
    confidence,
    sources: sourceIds,
  })
  .meta({ id: 'OrganizationEntry' });

export const domainRecord = z
  .looseObject({
    domain: z.string(),
    created_date: z.string().optional(),
    registrar: z.string().optional(),
    nameservers: z.string().optional(),
    whois_server: z.string().optional(),
    status: z.string().optional(),
    sources: sourceIds,
  })
  .meta({ id: 'DomainRecord' });

export const ipRecord = z.looseObject({ ip: z.string(), sources: sourceIds }).meta({ id: 'IpRecord' });

export const sslCertificateRecord = z
  .looseObject({
    subject: z.string().optional(),
    issuer: z.string().optional(),
    fingerprint: z.string().optional(),
    valid_from: z.string().optional(),
    valid_until: z.string().optional(),
    alt_names: z.string().optional(),
    sources: sourceIds,
  })
  .meta({ id: 'SslCertificateRecord' });

export const serviceRecord = z
  .looseObject({
    port: z.number().int(),
    service: z.string().optional(),
    protocol: z.string().optional(),
    product: z.string().optional(),
    version: z.string().optional(),
    sources: sourceIds,
  })
  .meta({ id: 'ServiceRecord' });

export const credentialEntry = z
  .looseObject({
    email: z.string().optional(),
    username: z.string().optional(),
    password: z.string().optional(),
    hash: z.string().optional(),
    source_name: z.string().optional(),
    breach_date: z.string().optional(),
    sources: sourceIds,
  })
  .meta({ id: 'CredentialEntry' });

const personNameParts = {
  first_name: z.string().optional(),
  middle_name: z.string().optional(),
  last_name: z.string().optional(),
  dob: z.string().optional(),
  is_deceased: z.boolean().optional(),
};

export const associateEntry = z
  .looseObject({ ...personNameParts, associate_of: z.string().optional(), confidence, sources: sourceIds })
  .meta({ id: 'AssociateEntry' });

export const relativeEntry = z
  .looseObject({
    ...personNameParts,
    relative_type: z.string().optional(),
    city: z.string().optional(),
    state: z.string().optional(),
    confidence,
    sources: sourceIds,
  })
  .meta({ id: 'RelativeEntry' });

export const indicatorsEntry = z
  .looseObject({
    has_bankruptcy_records: z.boolean().optional(),
    has_business_records: z.boolean().optional(),
    has_divorce_records: z.boolean().optional(),
    has_domains_records: z.boolean().optional(),
    has_evictions_records: z.boolean().optional(),
    has_fein_records: z.boolean().optional(),
    has_foreclosures_records: z.boolean().optional(),
    has_judgment_records: z.boolean().optional(),
    has_lien_records: z.boolean().optional(),
    has_marriage_records: z.boolean().optional(),
    has_professional_license_records: z.boolean().optional(),
    has_property_records: z.boolean().optional(),
    has_vehicle_registrations_records: z.boolean().optional(),
    has_workplace_records: z.boolean().optional(),
    has_dea_records: z.boolean().optional(),
    has_debt_records: z.boolean().optional(),
    sources: sourceIds.optional(),
  })
  .meta({ id: 'IndicatorsEntry' });

export const geolocationEntry = z
  .looseObject({ latitude: z.number(), longitude: z.number(), title: z.string().optional(), sources: sourceIds })
  .meta({ id: 'GeolocationEntry' });

export const webResultEntry = z
  .looseObject({ title: z.string(), url: z.string(), snippet: z.string().optional(), sources: sourceIds })
  .meta({ id: 'WebResultEntry' });

/** Cairn's addition: sanctions list matches, with the matched name and the score explained. */
export const sanctionsEntry = z
  .looseObject({
    list: z.string(),
    entry_id: z.string(),
    matched_name: z.string(),
    score: confidence,
    program: z.string().optional(),
    listed_date: z.string().optional(),
    explanation: z.string().optional(),
    confidence,
    sources: sourceIds,
  })
  .meta({ id: 'SanctionsEntry' });

export const networkSection = z
  .looseObject({
    domains: z.array(domainRecord).optional(),
    ips: z.array(ipRecord).optional(),
    ssl_certificates: z.array(sslCertificateRecord).optional(),
    services: z.array(serviceRecord).optional(),
  })
  .meta({ id: 'NetworkSection' });

export const entityProfileSchema = z
  .looseObject({
    person: personEntry.optional(),
    phones: z.array(phoneEntry).optional(),
    emails: z.array(emailEntry).optional(),
    addresses: z.array(addressEntry).optional(),
    social_profiles: z.array(socialProfileEntry).optional(),
    organizations: z.array(organizationEntry).optional(),
    network: networkSection.optional(),
    credentials: z.array(credentialEntry).optional(),
    associates: z.array(associateEntry).optional(),
    relatives: z.array(relativeEntry).optional(),
    indicators: indicatorsEntry.optional(),
    geolocation: z.array(geolocationEntry).optional(),
    web_results: z.array(webResultEntry).optional(),
    sanctions: z.array(sanctionsEntry).optional(),
  })
  .meta({ id: 'EntityProfile' });

export type EntityProfile = z.infer<typeof entityProfileSchema>;
