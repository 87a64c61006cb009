import type { ConnectorRun } from '../connectors/runner.ts';
import type { ConnectorOutcome, UnavailabilityReason } from '../connectors/sdk.ts';
import type { SourceCoverage } from '../contract/lookup.ts';

// When connectors failed for different reasons, the most frequent one is the "primary"
// reason (SPEC §6.3); ties go to the reason an operator can act on first.
const REASON_PRECEDENCE: readonly UnavailabilityReason[] = ['egress_blocked', 'credentials_invalid', 'rate_limited', 'timeout', 'connector_error'];

/**
 * `source_coverage` of one lookup: which planned connectors were reached (`ok` or `no_data`)
 * and which were not, with the primary reason, plus Cairn's per-connector details and the
 * connectors that were not asked at all.
 */
export function buildSourceCoverage(
  runs: readonly ConnectorRun[],
  notQueried: readonly { connector_id: string; reason: 'depth' | 'not_applicable' }[],
): SourceCoverage {
  const byConnector = new Map<string, { outcome: ConnectorOutcome; durationMs: number; detail: string | undefined }>();
  for (const run of runs) {
    const id = run.connector.manifest.id;
    const previous = byConnector.get(id);
    // A connector reached in either wave counts as reached.
    if (!previous || (isReached(run.outcome) && !isReached(previous.outcome))) {
      byConnector.set(id, { outcome: run.outcome, durationMs: run.durationMs + (previous?.durationMs ?? 0), detail: run.detail });
    }
  }
  const available: string[] = [];
  const unavailable: string[] = [];
  const reasons = new Map<UnavailabilityReason, number>();
  const details: NonNullable<SourceCoverage['details']> = [];
  for (const [id, { outcome, durationMs, detail }] of byConnector) {
    details.push({ connector_id: id, outcome, duration_ms: durationMs, ...(detail !== undefined ? { detail } : {}) });
    if (isReached(outcome)) {
      available.push(id);
    } else {
      unavailable.push(id);
      reasons.set(outcome, (reasons.get(outcome) ?? 0) + 1);
    }
  }
  let reason: UnavailabilityReason | null = null;
  for (const candidate of REASON_PRECEDENCE) {
    if ((reasons.get(candidate) ?? 0) > (reason === null ? 0 : (reasons.get(reason) ?? 0))) reason = candidate;
  }
  return { available, unavailable, unavailability_reason: reason, details, not_queried: [...notQueried] };
}

function isReached(outcome: ConnectorOutcome): outcome is 'ok' | 'no_data' {
  return outcome === 'ok' || outcome === 'no_data';
}
