import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The isemail test vectors (BSD licence, /work/shared/data/isemail-tests.LICENSE): a JSON array
 * of `[address, expectedDiagnosisName]`. Read from `../shared/data` beside the repository (CI),
 * else `/work/shared/data`; never copied into the repository.
 */
export function loadIsemailVectors(): [string, string][] {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const candidates = [path.resolve(repoRoot, '..', 'shared', 'data'), '/work/shared/data'];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'isemail-tests.json')));
  if (dir === undefined) throw new Error(`isemail-tests.json not found in ${candidates.join(' or ')}`);
  return JSON.parse(fs.readFileSync(path.join(dir, 'isemail-tests.json'), 'utf8')) as [string, string][];
}
