import { z } from 'zod';
import type { OrganizationData } from '../sdk.ts';

const text = z.string().nullish();

const address = z.looseObject({
  addressLines: z.array(z.string()).nullish(),
  city: text,
  region: text,
  country: text,
  postalCode: text,
});

/** One `lei-records` resource as GLEIF's JSON:API returns it (the fields Cairn reads). */
export const leiRecordSchema = z.looseObject({
  type: z.literal('lei-records'),
  id: z.string(),
  attributes: z.looseObject({
    lei: z.string(),
    entity: z.looseObject({
      legalName: z.looseObject({ name: z.string() }),
      otherNames: z.array(z.looseObject({ name: z.string() })).nullish(),
      legalAddress: address.nullish(),
      headquartersAddress: address.nullish(),
      registeredAt: z.looseObject({ id: text }).nullish(),
      registeredAs: text,
      jurisdiction: text,
      legalForm: z.looseObject({ id: text, other: text }).nullish(),
      status: text,
      creationDate: text,
    }),
    registration: z.looseObject({ status: text, initialRegistrationDate: text, lastUpdateDate: text }).nullish(),
    ocid: text,
  }),
});
export type LeiRecord = z.infer<typeof leiRecordSchema>;

export const leiRecordsResponseSchema = z.looseObject({ data: z.array(z.unknown()) });

export const fuzzyCompletionsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      attributes: z.looseObject({ value: z.string() }),
      relationships: z.looseObject({ 'lei-records': z.looseObject({ data: z.looseObject({ id: z.string() }) }) }).optional(),
    }),
  ),
});

/** GLEIF's ISO 3166-2 style jurisdiction (US-DE, GB) in OpenCorporates' form (us_de, gb). */
export const jurisdictionCode = (jurisdiction: string): string => jurisdiction.toLowerCase().replace(/-/g, '_');

function fullAddress(a: z.infer<typeof address> | null | undefined): string | undefined {
  if (!a) return undefined;
  const parts = [...(a.addressLines ?? []), a.city, a.region, a.postalCode, a.country].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}

const titleCase = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/** The contract's organization fields from one LEI record, plus the LEI facts that identify it. */
export function organizationOf(record: LeiRecord): OrganizationData {
  const { entity, registration, lei, ocid } = record.attributes;
  const registered = fullAddress(entity.legalAddress);
  const headquarters = fullAddress(entity.headquartersAddress);
  return {
    organization_name: entity.legalName.name,
    ...(entity.jurisdiction ? { jurisdiction_code: jurisdictionCode(entity.jurisdiction) } : {}),
    ...(entity.registeredAs ? { company_number: entity.registeredAs } : {}),
    ...(entity.status ? { current_status: titleCase(entity.status) } : {}),
    ...(entity.creationDate ? { incorporation_date: entity.creationDate.slice(0, 10) } : {}),
    ...(registered ? { registered_address_in_full: registered } : {}),
    lei,
    ...(headquarters && headquarters !== registered ? { headquarters_address: headquarters } : {}),
    ...(entity.registeredAt?.id ? { registration_authority_id: entity.registeredAt.id } : {}),
    ...(entity.legalForm?.id ? { legal_form_id: entity.legalForm.id } : {}),
    ...(registration?.status ? { lei_registration_status: registration.status } : {}),
    ...(entity.otherNames && entity.otherNames.length > 0 ? { other_names: entity.otherNames.map((n) => n.name) } : {}),
    ...(ocid ? { opencorporates_id: ocid } : {}),
  };
}
