/**
 * The decision rule of SPEC §7, with its constants in one place (docs/resolution-and-analysis.md
 * explains them):
 * - `no_match`: no candidate explains any query identifier.
 * - `resolved`: the best candidate beats the runner-up by at least RESOLVE_MARGIN, and scores at
 *   least RESOLVE_FLOOR when there is a runner-up; only that candidate is returned.
 * - `ambiguous`: otherwise; every candidate scoring at least CANDIDATE_FLOOR is returned,
 *   ranked, and always the two best, so the caller sees what competes.
 */
export const RESOLVE_MARGIN = 0.15;
export const RESOLVE_FLOOR = 0.5;
export const CANDIDATE_FLOOR = 0.3;

export interface Decision {
  readonly status: 'resolved' | 'ambiguous' | 'no_match';
  /** Positions (in the ranked list) of the candidates returned. */
  readonly returned: readonly number[];
  readonly explanation: string;
}

/**
 * Decides from candidate scores ranked best first.
 *
 * @example
 * decide([0.91, 0.44]) // { status: 'resolved', returned: [0], … }
 * decide([0.82, 0.79]) // { status: 'ambiguous', returned: [0, 1], … }
 */
export function decide(ranked: readonly number[]): Decision {
  const scores = ranked.filter((s) => s > 0);
  if (scores.length === 0) return { status: 'no_match', returned: [], explanation: 'No finding is linked to any query identifier.' };
  const top = scores[0]!;
  const second = scores[1];
  if (second === undefined) {
    return { status: 'resolved', returned: [0], explanation: `One candidate (score ${fmt(top)}) explains the query identifiers; no other candidate was found.` };
  }
  const margin = top - second;
  if (margin >= RESOLVE_MARGIN && top >= RESOLVE_FLOOR) {
    return {
      status: 'resolved',
      returned: [0],
      explanation: `The best candidate scores ${fmt(top)}, ${fmt(margin)} above the next (${fmt(second)}); a margin of at least ${RESOLVE_MARGIN} resolves.`,
    };
  }
  const returned = scores.map((s, i) => (s >= CANDIDATE_FLOOR || i < 2 ? i : -1)).filter((i) => i >= 0);
  const why = margin < RESOLVE_MARGIN ? `only ${fmt(margin)} apart (a margin of ${RESOLVE_MARGIN} is needed)` : `the best scores below ${RESOLVE_FLOOR}`;
  return {
    status: 'ambiguous',
    returned,
    explanation: `${scores.length} candidates explain the query; the two best (${fmt(top)}, ${fmt(second)}) are ${why}. Review them: the first is not necessarily right.`,
  };
}

function fmt(value: number): string {
  return value.toFixed(2);
}
