/**
 * The typed data points a connector returns. Each kind maps to one section of the contract's
 * `EntityProfile` (SPEC §6.4); the fields are the contract's, minus `confidence` and `sources`,
 * which the engine computes. Extra fields are allowed (the contract lets clients ignore unknown
 * fields) and are carried into the profile as they are.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Room for fields beyond the contract's, e.g. `time_zones` on a phone. */
interface Extra {
  readonly [extra: string]: JsonValue | undefined;
}

export interface PersonData extends Extra {
  readonly first_name?: string;
  readonly middle_name?: string;
  readonly last_name?: string;
  readonly full_name?: string;
  readonly age?: number;
  readonly dob?: string;
}

export interface PhoneData extends Extra {
  readonly number: string;
  readonly type?: string;
  readonly carrier?: string;
  readonly country?: string;
  readonly is_connected?: boolean;
  readonly first_reported_date?: string;
  readonly last_reported_date?: string;
}

export interface EmailData extends Extra {
  readonly email: string;
}

export interface AddressData extends Extra {
  readonly address: string;
  readonly country?: string;
  readonly first_reported_date?: string;
  readonly last_reported_date?: string;
}

export interface SocialProfileData extends Extra {
  readonly platform: string;
  readonly username?: string;
  readonly bio?: string;
  readonly profile_url?: string;
  readonly profile_photo?: string;
  readonly followers_count?: number;
  readonly following_count?: number;
  readonly verified?: boolean;
  readonly joined_date?: string;
  readonly extended?: { [key: string]: JsonValue };
}

export interface OrganizationData extends Extra {
  readonly organization_name: string;
  readonly industry?: string;
  readonly domain?: string;
  readonly website?: string;
  readonly employees?: string;
  readonly founded_year?: number;
  readonly revenue?: string;
  readonly jurisdiction_code?: string;
  readonly company_number?: string;
  readonly current_status?: string;
  readonly incorporation_date?: string;
  readonly registered_address_in_full?: string;
}

export interface DomainData extends Extra {
  readonly domain: string;
  readonly created_date?: string;
  readonly registrar?: string;
  /** Comma-separated, as the contract has it. */
  readonly nameservers?: string;
  readonly whois_server?: string;
  readonly status?: string;
}

export interface IpData extends Extra {
  readonly ip: string;
}

export interface SslCertificateData extends Extra {
  readonly subject?: string;
  readonly issuer?: string;
  readonly fingerprint?: string;
  readonly valid_from?: string;
  readonly valid_until?: string;
  /** Comma-separated, as the contract has it. */
  readonly alt_names?: string;
}

export interface ServiceData extends Extra {
  readonly port: number;
  readonly service?: string;
  readonly protocol?: string;
  readonly product?: string;
  readonly version?: string;
}

export interface CredentialData extends Extra {
  readonly email?: string;
  readonly username?: string;
  readonly password?: string;
  readonly hash?: string;
  readonly source_name?: string;
  readonly breach_date?: string;
}

export interface AssociateData extends Extra {
  readonly first_name?: string;
  readonly middle_name?: string;
  readonly last_name?: string;
  readonly dob?: string;
  readonly is_deceased?: boolean;
  readonly associate_of?: string;
}

export interface RelativeData extends Extra {
  readonly first_name?: string;
  readonly middle_name?: string;
  readonly last_name?: string;
  readonly dob?: string;
  readonly is_deceased?: boolean;
  readonly relative_type?: string;
  readonly city?: string;
  readonly state?: string;
}

export type IndicatorFlag =
  | 'has_bankruptcy_records'
  | 'has_business_records'
  | 'has_divorce_records'
  | 'has_domains_records'
  | 'has_evictions_records'
  | 'has_fein_records'
  | 'has_foreclosures_records'
  | 'has_judgment_records'
  | 'has_lien_records'
  | 'has_marriage_records'
  | 'has_professional_license_records'
  | 'has_property_records'
  | 'has_vehicle_registrations_records'
  | 'has_workplace_records'
  | 'has_dea_records'
  | 'has_debt_records'
  /** Cairn's addition: the email appears in at least one known data breach. */
  | 'has_breach_records';

export type IndicatorsData = { readonly [flag in IndicatorFlag]?: boolean };

export interface GeolocationData extends Extra {
  readonly latitude: number;
  readonly longitude: number;
  readonly title?: string;
}

export interface WebResultData extends Extra {
  readonly title: string;
  readonly url: string;
  readonly snippet?: string;
}

/** A match against a sanctions list (Cairn's `profile.sanctions[]`, an addition to the contract). */
export interface SanctionsHitData extends Extra {
  /** e.g. `ofac_sdn`, `un_consolidated`, `eu_fsf`, `uk_ofsi`. */
  readonly list: string;
  readonly entry_id: string;
  readonly matched_name: string;
  /** 0–1 similarity of the query name to `matched_name`. */
  readonly score: number;
  readonly program?: string;
  readonly listed_date?: string;
  readonly entry_type?: string;
  readonly explanation?: string;
}

/** Which contract profile section each finding kind lands in. */
export interface FindingDataByKind {
  person: PersonData;
  phone: PhoneData;
  email: EmailData;
  address: AddressData;
  social_profile: SocialProfileData;
  organization: OrganizationData;
  domain: DomainData;
  ip: IpData;
  ssl_certificate: SslCertificateData;
  service: ServiceData;
  credential: CredentialData;
  associate: AssociateData;
  relative: RelativeData;
  indicators: IndicatorsData;
  geolocation: GeolocationData;
  web_result: WebResultData;
  sanctions_hit: SanctionsHitData;
}

export type FindingKind = keyof FindingDataByKind;

export const FINDING_KINDS: readonly FindingKind[] = [
  'person',
  'phone',
  'email',
  'address',
  'social_profile',
  'organization',
  'domain',
  'ip',
  'ssl_certificate',
  'service',
  'credential',
  'associate',
  'relative',
  'indicators',
  'geolocation',
  'web_result',
  'sanctions_hit',
];

/** What backs a finding: where it was read and what matched. Kept with the stored report. */
export interface Evidence {
  readonly url?: string;
  readonly status?: number;
  /** The marker, record or field that matched, e.g. a presence string or an RDAP handle. */
  readonly matched?: string;
  readonly method?: string;
  readonly detail?: string;
}

/** The query identifier (type + normal form) a finding describes. */
export interface FindingSubject {
  readonly type: string;
  readonly normalized: string;
}

/** One data point from one connector. */
export type Finding = {
  [K in FindingKind]: {
    readonly kind: K;
    readonly data: FindingDataByKind[K];
    /** The connector's own confidence in this data point, 0–1. */
    readonly confidence: number;
    /** The identifiers this finding was found for; the resolver links findings through them. */
    readonly about: readonly FindingSubject[];
    readonly evidence?: Evidence;
    /**
     * The upstream record this finding was read from, as the connector names it (a provider's
     * person or company record id, a row number …). Findings of one run that share it came from
     * one record and are kept together by the resolver; a connector that can return several
     * people for one query must set it. Omitted: the findings of a run that describe the same
     * query identifiers count as one record.
     */
    readonly record?: string;
  };
}[FindingKind];
