import { z } from 'zod';
import { confidence, identifierType } from './common.ts';

/**
 * Cairn's additions to `Entity` and `EntityResolution` (the contract lets clients ignore unknown
 * fields): why a candidate was built and scored as it was (SPEC §7).
 */
export const entityExplanationSchema = z
  .object({
    kind: z.enum(['person', 'organization', 'none']).meta({ description: 'What the candidate describes; `none` when no record names a person or organization.' }),
    explains: z
      .array(
        z.object({
          type: identifierType,
          value: z.string(),
          strength: confidence.meta({ description: 'Noisy-OR over independent upstreams of record strength (finding confidence × source reliability).' }),
          sources: z.array(z.string()),
        }),
      )
      .meta({ description: 'Each query identifier and how strongly this candidate explains it.' }),
    links: z
      .array(z.object({ type: z.string(), value: z.string(), records: z.number().int() }))
      .meta({ description: 'Identifiers that joined two or more of its records.' }),
    shared_identifiers: z
      .array(
        z.object({
          type: z.string(),
          value: z.string(),
          shared_with: z.array(z.string()).meta({ description: 'Returned entities that hold it too.' }),
          other_candidates: z.number().int().meta({ description: 'Candidates holding it that were not returned.' }),
          disagreements: z.array(z.string()).meta({ description: 'Facts that kept them apart: name, dob, city, employer, kind, organization_name.' }),
        }),
      )
      .meta({ description: 'Identifiers shared with other candidates: evidence, not a merge.' }),
    conflicts: z.array(z.string()).meta({ description: 'Fields with contradicting values inside the candidate (listed with sources under `conflicts` in the profile).' }),
    conflict_penalty: confidence,
    records: z.number().int().meta({ description: 'Upstream records merged into the candidate.' }),
  })
  .meta({ id: 'EntityExplanation' });

export type EntityExplanationWire = z.infer<typeof entityExplanationSchema>;
