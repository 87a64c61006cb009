import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_EVALUATION, evaluateResolution } from './evaluate-resolution.ts';
import type { BandStats } from './resolution-metrics.ts';

/** Precision must not rise from a higher band to a lower one (bands with too few items are skipped). */
function assertOrdered(bands: readonly BandStats[], minItems: number, what: string): void {
  const measured = bands.filter((b) => b.total >= minItems).map((b) => ({ band: b.band, precision: b.correct / b.total }));
  assert.ok(measured.length >= 3, `${what}: at least three bands have ${minItems} items (${JSON.stringify(bands)})`);
  for (let i = 1; i < measured.length; i++) {
    assert.ok(measured[i - 1]!.precision >= measured[i]!.precision, `${what}: ${measured[i - 1]!.band} ${measured[i - 1]!.precision} < ${measured[i]!.band} ${measured[i]!.precision}`);
  }
}

describe('entity resolution on a synthetic world (seed 7)', () => {
  it('clusters with pairwise F1 of at least 0.95 and orders the confidence bands by precision', async () => {
    const report = await evaluateResolution({ seed: 7, ...DEFAULT_EVALUATION });
    assert.ok(report.lookups >= 250 && report.records > 1000, 'the world is not trivially small');
    assert.ok(report.pairwise.f1 >= 0.95, `pairwise F1 ${report.pairwise.f1} (precision ${report.pairwise.precision}, recall ${report.pairwise.recall})`);
    assertOrdered(report.entityBands, 5, 'entities');
    assertOrdered(report.dataPointBands, 5, 'data points');
    // The traps are present and handled: lookups of a shared identifier come back ambiguous.
    assert.ok((report.decisions['shared:ambiguous_all_holders'] ?? 0) >= 10, JSON.stringify(report.decisions));
    assert.ok((report.decisions['single:resolved_correct'] ?? 0) / report.lookups >= 0.75, JSON.stringify(report.decisions));
  });
});
