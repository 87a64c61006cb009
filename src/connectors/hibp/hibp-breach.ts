import { z } from 'zod';
import type { CredentialData } from '../sdk.ts';

/** A breach model of HIBP API v3 (`truncateResponse=false`), the fields Cairn reads. */
export const breachSchema = z.looseObject({
  Name: z.string(),
  Title: z.string(),
  Domain: z.string().nullish(),
  BreachDate: z.string().nullish(),
  AddedDate: z.string().nullish(),
  PwnCount: z.number().nullish(),
  DataClasses: z.array(z.string()).nullish(),
  IsVerified: z.boolean().nullish(),
  IsFabricated: z.boolean().nullish(),
  IsSensitive: z.boolean().nullish(),
  IsSpamList: z.boolean().nullish(),
  IsMalware: z.boolean().nullish(),
});
export type Breach = z.infer<typeof breachSchema>;

/**
 * One credential entry per breach. Never a password or hash: HIBP does not return them, and
 * the entry says which kinds of data leaked (`data_classes`) instead.
 */
export function credentialOf(email: string, breach: Breach): CredentialData {
  return {
    email,
    source_name: breach.Title,
    ...(breach.BreachDate ? { breach_date: breach.BreachDate } : {}),
    breach_name: breach.Name,
    ...(breach.Domain ? { breach_domain: breach.Domain } : {}),
    ...(breach.DataClasses ? { data_classes: breach.DataClasses } : {}),
    ...(typeof breach.PwnCount === 'number' ? { pwn_count: breach.PwnCount } : {}),
    ...(breach.AddedDate ? { added_date: breach.AddedDate } : {}),
    is_verified: breach.IsVerified === true,
    is_sensitive: breach.IsSensitive === true,
    is_fabricated: breach.IsFabricated === true,
    is_spam_list: breach.IsSpamList === true,
  };
}

/** A verified breach is strong evidence that the address existed and was used there. */
export const confidenceOf = (breach: Breach): number => (breach.IsFabricated ? 0.3 : breach.IsVerified ? 0.9 : 0.6);
