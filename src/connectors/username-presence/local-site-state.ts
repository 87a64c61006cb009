/**
 * What this deployment learned about its sites: the latest self-check verdict per site and the
 * sites it disabled locally (`cairn sites selfcheck --disable-broken`). Kept in one JSON file in
 * DATA_DIR, next to the catalogue cache, so it survives catalogue updates; the connector reads
 * it before every sweep (re-reading only when the file changed).
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const STATE_FILE = 'username-sites-state.json';

const siteStateSchema = z.strictObject({
  verdict: z.enum(['ok', 'broken', 'inconclusive']),
  checked_at: z.string(),
  reason: z.string(),
  disabled: z.boolean(),
});
export type SiteState = z.infer<typeof siteStateSchema>;

const stateSchema = z.strictObject({ version: z.literal(1), sites: z.record(z.string(), siteStateSchema) });
export type LocalState = z.infer<typeof stateSchema>;

const EMPTY: LocalState = { version: 1, sites: {} };

/** Reads and caches the state file by modification time. A missing or bad file reads as empty. */
export class LocalSiteState {
  readonly #file: string;
  #cached: { mtimeMs: number; state: LocalState } | null = null;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, STATE_FILE);
  }

  get file(): string {
    return this.#file;
  }

  read(): LocalState {
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(this.#file).mtimeMs;
    } catch {
      return EMPTY;
    }
    if (this.#cached?.mtimeMs === mtimeMs) return this.#cached.state;
    let state = EMPTY;
    try {
      const parsed = stateSchema.safeParse(JSON.parse(fs.readFileSync(this.#file, 'utf8')));
      if (parsed.success) state = parsed.data;
    } catch {
      // Unreadable: treated as empty; the next self-check rewrites it.
    }
    this.#cached = { mtimeMs, state };
    return state;
  }

  disabledSites(): Set<string> {
    return new Set(Object.entries(this.read().sites).filter(([, s]) => s.disabled).map(([name]) => name));
  }

  /** Merges self-check verdicts in and writes the file atomically (temp file, then rename). */
  write(updates: Readonly<Record<string, SiteState>>): LocalState {
    const next: LocalState = { version: 1, sites: { ...this.read().sites, ...updates } };
    fs.mkdirSync(path.dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`);
    fs.renameSync(temp, this.#file);
    this.#cached = null;
    return next;
  }
}
