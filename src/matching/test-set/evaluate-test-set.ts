import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNameQualifiers } from '../name-qualifiers.ts';
import { ScreeningIndex } from '../screening-index.ts';
import { type ScreenableEntry, type ScreeningHit, screen } from '../screening.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface TestSetEntry extends ScreenableEntry {
  readonly id: string;
}

export interface TestCase {
  readonly query: string;
  readonly kind: 'name' | 'company_name';
  readonly expect: string | null;
  readonly category: string;
}

export interface CaseResult {
  readonly testCase: TestCase;
  readonly hits: readonly { id: string; score: number; explanation: string }[];
}

export interface Evaluation {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly results: readonly CaseResult[];
}

/** The hand-made list and cases beside this file. */
export function loadTestSet(): { entries: TestSetEntry[]; cases: TestCase[] } {
  const list = JSON.parse(fs.readFileSync(path.join(here, 'screening-list.json'), 'utf8')) as { entries: (Omit<TestSetEntry, 'kind'> & { type: string })[] };
  const cases = JSON.parse(fs.readFileSync(path.join(here, 'screening-cases.json'), 'utf8')) as { cases: TestCase[] };
  const entries = list.entries.map((e) => ({ ...e, kind: e.type === 'individual' ? ('person' as const) : ('organization' as const) })) as TestSetEntry[];
  return { entries, cases: cases.cases };
}

/**
 * Screens every case at `threshold`. A hit on the expected entry is a true positive, a hit on
 * any other entry a false positive, and an expected entry without a hit a false negative.
 */
export function evaluateTestSet(threshold: number): Evaluation {
  const { entries, cases } = loadTestSet();
  const index = new ScreeningIndex(entries);
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  const results: CaseResult[] = [];
  for (const testCase of cases) {
    const kind = testCase.kind === 'name' ? 'person' : 'organization';
    const hits: ScreeningHit[] = screen(index, entries, parseNameQualifiers(testCase.query), kind, threshold);
    const ids = hits.map((h) => entries[h.entryIndex]!.id);
    for (const id of ids) {
      if (id === testCase.expect) truePositives++;
      else falsePositives++;
    }
    if (testCase.expect !== null && !ids.includes(testCase.expect)) falseNegatives++;
    results.push({ testCase, hits: hits.map((h) => ({ id: entries[h.entryIndex]!.id, score: h.score, explanation: h.explanation })) });
  }
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  return { truePositives, falsePositives, falseNegatives, precision, recall, results };
}
