/**
 * Combines independent pieces of evidence, each a strength in [0, 1], by noisy-OR:
 * 1 − Π(1 − pᵢ). Adding a source never lowers the result (monotone), two weak sources beat
 * one, and the result stays below 1 unless some source is certain. Callers pass one strength
 * per independent upstream, so two connectors reading the same upstream count once.
 *
 * @example
 * combineIndependent([0.8, 0.5]) // 0.9
 */
export function combineIndependent(strengths: readonly number[]): number {
  let doubt = 1;
  for (const p of strengths) doubt *= 1 - Math.min(1, Math.max(0, p));
  return 1 - doubt;
}
