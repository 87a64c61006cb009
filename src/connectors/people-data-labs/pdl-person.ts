import { z } from 'zod';
import { countryCode } from '../../matching/country-codes.ts';
import type { AddressData, EmailData, OrganizationData, PersonData, PhoneData, SocialProfileData } from '../sdk.ts';

// On some plans PDL replaces a field's value with `true` ("exists, not included"), so every
// field is read defensively: a value of the wrong type is treated as absent.
const str = z.unknown().transform((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined));
const num = z.unknown().transform((v) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined));
const list = <T extends z.ZodTypeAny>(item: T) => z.unknown().transform((v) => (Array.isArray(v) ? v : [])).pipe(z.array(z.unknown())).transform((items) => items.flatMap((i) => {
  const parsed = item.safeParse(i);
  return parsed.success ? [parsed.data as z.output<T>] : [];
}));

const company = z.looseObject({ name: str, website: str, industry: str, size: str, founded: num, linkedin_url: str });

/** The `data` of a PDL v5 person enrichment response (the fields Cairn reads). */
export const pdlPersonSchema = z.looseObject({
  full_name: str,
  first_name: str,
  middle_name: str,
  last_name: str,
  sex: str,
  birth_date: str,
  birth_year: num,
  work_email: str,
  personal_emails: list(z.string()),
  emails: list(z.looseObject({ address: z.string(), type: z.string().nullish() })),
  mobile_phone: str,
  phone_numbers: list(z.string()),
  location_name: str,
  location_street_address: str,
  location_locality: str,
  location_region: str,
  location_postal_code: str,
  location_country: str,
  profiles: list(z.looseObject({ network: z.string(), url: z.string().nullish(), username: z.string().nullish(), id: z.string().nullish() })),
  experience: list(
    z.looseObject({
      company: company.nullish(),
      title: z.looseObject({ name: str }).nullish(),
      start_date: str,
      end_date: str,
      is_primary: z.boolean().nullish(),
    }),
  ),
});
export type PdlPerson = z.output<typeof pdlPersonSchema>;

export const enrichResponseSchema = z.looseObject({ status: z.number(), likelihood: z.number().optional(), data: z.unknown() });

/** The typed data points of one enriched person, grouped by profile section. */
export interface PersonSections {
  readonly person: PersonData | null;
  readonly phones: PhoneData[];
  readonly emails: EmailData[];
  readonly addresses: AddressData[];
  readonly organizations: OrganizationData[];
  readonly socialProfiles: SocialProfileData[];
}

const withScheme = (url: string): string => (/^https?:\/\//i.test(url) ? url : `https://${url}`);

export function sectionsOf(p: PdlPerson): PersonSections {
  const dob = p.birth_date ?? (p.birth_year !== undefined ? String(p.birth_year) : undefined);
  const person: PersonData = {
    ...(p.full_name ? { full_name: p.full_name } : {}),
    ...(p.first_name ? { first_name: p.first_name } : {}),
    ...(p.middle_name ? { middle_name: p.middle_name } : {}),
    ...(p.last_name ? { last_name: p.last_name } : {}),
    ...(dob ? { dob } : {}),
    ...(p.sex ? { sex: p.sex } : {}),
  };
  const phones = [...new Set([p.mobile_phone, ...p.phone_numbers].filter((n): n is string => n !== undefined))].map(
    (number): PhoneData => ({ number, ...(number === p.mobile_phone ? { type: 'mobile' } : {}) }),
  );
  const emailTypes = new Map<string, string | undefined>();
  for (const e of p.emails) emailTypes.set(e.address.toLowerCase(), e.type ?? undefined);
  if (p.work_email && !emailTypes.has(p.work_email.toLowerCase())) emailTypes.set(p.work_email.toLowerCase(), 'professional');
  for (const e of p.personal_emails) if (!emailTypes.has(e.toLowerCase())) emailTypes.set(e.toLowerCase(), 'personal');
  const emails = [...emailTypes].map(([email, type]): EmailData => ({ email, ...(type ? { type } : {}) }));
  const street = [p.location_street_address, p.location_locality, p.location_region, p.location_postal_code, p.location_country].filter((x) => x !== undefined);
  const country = p.location_country ? countryCode(p.location_country) : null;
  const address = p.location_street_address ? street.join(', ') : p.location_name;
  const addresses: AddressData[] = address ? [{ address, ...(country ? { country } : {}) }] : [];
  return { person: Object.keys(person).length > 0 ? person : null, phones, emails, addresses, organizations: organizationsOf(p), socialProfiles: socialOf(p) };
}

function organizationsOf(p: PdlPerson): OrganizationData[] {
  return p.experience.flatMap((job): OrganizationData[] => {
    const c = job.company;
    if (!c?.name) return [];
    const website = c.website;
    return [
      {
        organization_name: c.name,
        ...(c.industry ? { industry: c.industry } : {}),
        ...(website ? { website: withScheme(website), domain: website.replace(/^https?:\/\//i, '').replace(/\/.*$/, '').replace(/^www\./, '') } : {}),
        ...(c.size ? { employees: c.size } : {}),
        ...(c.founded !== undefined ? { founded_year: c.founded } : {}),
        ...(job.title?.name ? { job_title: job.title.name } : {}),
        ...(job.start_date ? { start_date: job.start_date } : {}),
        ...(job.end_date ? { end_date: job.end_date } : {}),
        is_current: job.end_date === undefined,
      },
    ];
  });
}

function socialOf(p: PdlPerson): SocialProfileData[] {
  return p.profiles.map((profile): SocialProfileData => ({
    platform: profile.network,
    ...(profile.username ? { username: profile.username } : {}),
    ...(profile.url ? { profile_url: withScheme(profile.url) } : {}),
    ...(profile.id ? { extended: { id: profile.id } } : {}),
  }));
}
