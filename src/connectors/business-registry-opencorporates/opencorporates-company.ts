import { z } from 'zod';
import type { OrganizationData } from '../sdk.ts';

const text = z.string().nullish();

/** One `company` of OpenCorporates' API v0.4 search results (the fields Cairn reads). */
export const companySchema = z.looseObject({
  name: z.string(),
  company_number: z.string(),
  jurisdiction_code: z.string(),
  incorporation_date: text,
  dissolution_date: text,
  company_type: text,
  registry_url: text,
  branch: text,
  inactive: z.boolean().nullish(),
  current_status: text,
  opencorporates_url: text,
  previous_names: z.array(z.looseObject({ company_name: z.string() })).nullish(),
  registered_address_in_full: text,
  native_company_number: text,
});
export type Company = z.infer<typeof companySchema>;

export const searchResponseSchema = z.looseObject({
  results: z.looseObject({
    companies: z.array(z.looseObject({ company: z.unknown() })),
    total_count: z.number().optional(),
  }),
});

/** OpenCorporates' own error body: `{"error": {"message": "…"}}`. */
export const errorBodySchema = z.looseObject({ error: z.looseObject({ message: z.string() }) });

/** The contract's organization fields, which are OpenCorporates' own names. */
export function organizationOf(company: Company): OrganizationData {
  const previous = (company.previous_names ?? []).map((p) => p.company_name);
  return {
    organization_name: company.name,
    jurisdiction_code: company.jurisdiction_code,
    company_number: company.company_number,
    ...(company.current_status ? { current_status: company.current_status } : {}),
    ...(company.incorporation_date ? { incorporation_date: company.incorporation_date } : {}),
    ...(company.registered_address_in_full ? { registered_address_in_full: company.registered_address_in_full } : {}),
    ...(company.company_type ? { company_type: company.company_type } : {}),
    ...(company.dissolution_date ? { dissolution_date: company.dissolution_date } : {}),
    ...(typeof company.inactive === 'boolean' ? { inactive: company.inactive } : {}),
    ...(company.branch ? { branch: company.branch } : {}),
    ...(previous.length > 0 ? { previous_names: previous } : {}),
    ...(company.opencorporates_url ? { opencorporates_url: company.opencorporates_url } : {}),
    ...(company.registry_url ? { registry_url: company.registry_url } : {}),
  };
}
