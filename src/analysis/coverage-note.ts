import type { LookupResponse } from '../contract/lookup.ts';

/**
 * The `coverage_note` an analysis inherits from its subject's lookup (SPEC §9): connectors that
 * could not be reached then may have held data the analysis cannot see.
 *
 * @example
 * coverageNoteOf(lookup) // 'One or more connectors were unavailable … (timeout: sanctions_ofac). Results may be incomplete.'
 */
export function coverageNoteOf(lookup: LookupResponse): string | null {
  const { unavailable, unavailability_reason } = lookup.source_coverage;
  if (unavailable.length === 0) return null;
  return `One or more connectors were unavailable when the subject was looked up (${unavailability_reason ?? 'unavailable'}: ${unavailable.join(', ')}). Results may be incomplete.`;
}
