/**
 * Entity-resolution quality on synthetic worlds (issue #7): pairwise precision, recall and F1
 * of the clustering, precision per SPEC §7 confidence band (entities and data points), and how
 * the lookups were decided. Usage: `node --import tsx bench/resolution-eval.ts [seed …]`.
 */
import { DEFAULT_EVALUATION, evaluateResolution } from '../test/resolution/evaluate-resolution.ts';
import type { BandStats, EvaluationReport } from '../test/resolution/resolution-metrics.ts';

const seeds = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n));
const runs = seeds.length > 0 ? seeds : [7, 11, 23];

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

function bands(stats: readonly BandStats[]): string {
  return stats.map((b) => `${b.band.padEnd(11)} ${b.total > 0 ? pct(b.correct / b.total).padStart(6) : '   n/a'} (${b.correct}/${b.total})`).join('\n    ');
}

function print(seed: number | 'all', r: EvaluationReport, ms: number): void {
  console.log(`seed ${seed}: ${r.lookups} lookups, ${r.records} records, ${ms.toFixed(0)} ms`);
  console.log(`  pairwise  precision ${pct(r.pairwise.precision)}  recall ${pct(r.pairwise.recall)}  F1 ${r.pairwise.f1.toFixed(4)}  (tp ${r.pairwise.tp}, fp ${r.pairwise.fp}, fn ${r.pairwise.fn})`);
  console.log(`  entity precision by band\n    ${bands(r.entityBands)}`);
  console.log(`  data-point precision by band\n    ${bands(r.dataPointBands)}`);
  console.log(`  decisions ${Object.entries(r.decisions).sort().map(([k, v]) => `${k}=${v}`).join(', ')}`);
}

const all: EvaluationReport[] = [];
for (const seed of runs) {
  const started = performance.now();
  const report = await evaluateResolution({ seed, ...DEFAULT_EVALUATION });
  print(seed, report, performance.now() - started);
  all.push(report);
}
if (all.length > 1) {
  const sum = (f: (r: EvaluationReport) => number): number => all.reduce((s, r) => s + f(r), 0);
  const tp = sum((r) => r.pairwise.tp);
  const fp = sum((r) => r.pairwise.fp);
  const fn = sum((r) => r.pairwise.fn);
  const merge = (pick: (r: EvaluationReport) => readonly BandStats[]): BandStats[] =>
    pick(all[0]!).map((b, i) => ({ band: b.band, total: sum((r) => pick(r)[i]!.total), correct: sum((r) => pick(r)[i]!.correct) }));
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  const decisions: Record<string, number> = {};
  for (const r of all) for (const [k, v] of Object.entries(r.decisions)) decisions[k] = (decisions[k] ?? 0) + v;
  print('all', { lookups: sum((r) => r.lookups), records: sum((r) => r.records), pairwise: { tp, fp, fn, precision, recall, f1: (2 * precision * recall) / (precision + recall) }, entityBands: merge((r) => r.entityBands), dataPointBands: merge((r) => r.dataPointBands), decisions }, 0);
}
