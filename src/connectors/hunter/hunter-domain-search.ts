import { z } from 'zod';
import type { EmailData, OrganizationData } from '../sdk.ts';

const text = z.string().nullish();

const emailSchema = z.looseObject({
  value: z.string(),
  type: text,
  confidence: z.number().nullish(),
  first_name: text,
  last_name: text,
  position: text,
  seniority: text,
  department: text,
  linkedin: text,
  twitter: text,
  phone_number: text,
  sources: z.array(z.looseObject({ domain: text, uri: text, extracted_on: text, last_seen_on: text, still_on_page: z.boolean().nullish() })).nullish(),
  verification: z.looseObject({ date: text, status: text }).nullish(),
});
export type HunterEmail = z.infer<typeof emailSchema>;

/** Hunter API v2 `GET /domain-search` response (the fields Cairn reads). */
export const domainSearchSchema = z.looseObject({
  data: z.looseObject({
    domain: z.string(),
    disposable: z.boolean().nullish(),
    webmail: z.boolean().nullish(),
    accept_all: z.boolean().nullish(),
    pattern: text,
    organization: text,
    industry: text,
    country: text,
    headcount: text,
    company_type: text,
    emails: z.array(emailSchema),
  }),
  meta: z.looseObject({ results: z.number().nullish() }).nullish(),
});
export type DomainSearch = z.infer<typeof domainSearchSchema>;

/** Hunter's error body: `{"errors": [{"id": "…", "code": 401, "details": "…"}]}`. */
export const errorsSchema = z.looseObject({ errors: z.array(z.looseObject({ id: z.string(), details: z.string().nullish() })) });

export function emailOf(email: HunterEmail): EmailData {
  const name = [email.first_name, email.last_name].filter((n): n is string => typeof n === 'string' && n !== '').join(' ');
  return {
    email: email.value.toLowerCase(),
    ...(email.type ? { type: email.type } : {}),
    ...(typeof email.confidence === 'number' ? { hunter_confidence: email.confidence } : {}),
    ...(name !== '' ? { owner_name: name } : {}),
    ...(email.position ? { position: email.position } : {}),
    ...(email.department ? { department: email.department } : {}),
    ...(email.seniority ? { seniority: email.seniority } : {}),
    ...(email.linkedin ? { linkedin: email.linkedin } : {}),
    ...(email.verification?.status ? { verification_status: email.verification.status } : {}),
    sources_count: email.sources?.length ?? 0,
  };
}

export function organizationOf(search: DomainSearch): OrganizationData | null {
  const d = search.data;
  if (!d.organization) return null;
  return {
    organization_name: d.organization,
    domain: d.domain,
    ...(d.industry ? { industry: d.industry } : {}),
    ...(d.headcount ? { employees: d.headcount } : {}),
    ...(d.country ? { country: d.country } : {}),
    ...(d.company_type ? { company_type: d.company_type } : {}),
    ...(d.pattern ? { email_pattern: d.pattern } : {}),
  };
}
