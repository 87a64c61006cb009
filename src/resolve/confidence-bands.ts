/**
 * The qualitative bands of SPEC §7. Scores are strengths of evidence, not probabilities; the
 * bands say how to read them.
 */
export const CONFIDENCE_BANDS = [
  { band: 'high', min: 0.9, reading: 'several independent sources agree' },
  { band: 'moderate', min: 0.7, reading: 'partial corroboration' },
  { band: 'low', min: 0.5, reading: 'single source or conflicting signals' },
  { band: 'speculative', min: 0, reading: 'weak evidence' },
] as const;

export type ConfidenceBand = (typeof CONFIDENCE_BANDS)[number]['band'];

/**
 * The band a score falls in.
 *
 * @example
 * confidenceBand(0.93) // 'high'
 * confidenceBand(0.69) // 'low'
 */
export function confidenceBand(score: number): ConfidenceBand {
  return CONFIDENCE_BANDS.find((b) => score >= b.min)!.band;
}
