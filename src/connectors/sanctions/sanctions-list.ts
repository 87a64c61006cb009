import { z } from 'zod';

/**
 * The stored form of one sanctions list: the parsed, normalised entries the sync writes to the
 * datasets table and the connectors read back. Raw XML or CSV is never stored; every field here
 * is one a screening decision or its explanation uses.
 */

/** The lists Cairn syncs, each stored as its own dataset (`sanctions.<list>`). */
export const LIST_IDS = ['ofac_sdn', 'ofac_consolidated', 'un_consolidated', 'eu_fsf', 'uk_ofsi'] as const;
export type ListId = (typeof LIST_IDS)[number];

/** The dataset id a list is stored under. */
export const datasetIdOf = (list: ListId): string => `sanctions.${list}`;

const nameSchema = z.strictObject({
  name: z.string().min(1),
  quality: z.enum(['primary', 'strong', 'weak']),
  /** `aka`, `fka` (formerly known as), `nka` (now known as), `original_script`, `primary`. */
  kind: z.string().optional(),
});

export const sanctionsEntrySchema = z.strictObject({
  /** The list's own identifier: OFAC uid, UN reference number, EU reference or logical id, OFSI group id. */
  id: z.string().min(1),
  type: z.enum(['individual', 'entity', 'vessel', 'aircraft', 'unknown']),
  names: z.array(nameSchema).min(1),
  programs: z.array(z.string()),
  /** YYYY-MM-DD, when the list gives one. */
  listed_on: z.string().optional(),
  /** Normal forms (see matching/birth-date.ts). */
  dob: z.array(z.string()),
  /** ISO alpha-2 where the list's text could be read, else the text as listed. */
  nationalities: z.array(z.string()),
  remarks: z.string().optional(),
});
export type SanctionsEntry = z.infer<typeof sanctionsEntrySchema>;

export const sanctionsListSchema = z.strictObject({
  list: z.enum(LIST_IDS),
  /** ISO 8601: the publisher's own publication or generation date. */
  published_at: z.string(),
  /** Where the file came from: its URL, or `file:` and the path it was loaded from. */
  source: z.string(),
  entry_count: z.number().int().nonnegative(),
  entries: z.array(sanctionsEntrySchema),
});
export type SanctionsList = z.infer<typeof sanctionsListSchema>;

/** What a parser returns: entries and the publication date read from the file itself. */
export interface ParsedList {
  readonly publishedAt: Date;
  readonly entries: readonly SanctionsEntry[];
}
