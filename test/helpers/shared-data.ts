import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * `../shared` beside the repository (CI's layout), falling back to /work/shared (a worktree
 * elsewhere on a development machine). Data files are read from there, never copied in.
 */
export function sharedRoot(): string {
  const beside = path.resolve(repoRoot, '..', 'shared');
  if (fs.existsSync(path.join(beside, 'reference'))) return beside;
  return '/work/shared';
}

export function sharedDataPath(file: string): string {
  return path.join(sharedRoot(), 'data', file);
}

export function sharedReferencePath(file: string): string {
  return path.join(sharedRoot(), 'reference', file);
}
