/**
 * Where the site catalogue comes from, in order of precedence:
 * 1. USERNAME_SITES_PATH: a file, re-read when it changes;
 * 2. USERNAME_SITES_URL: downloaded through the guarded client (size cap), checked (optional
 *    SHA-256 pin, then the strict schema), cached in DATA_DIR and refreshed every
 *    USERNAME_SITES_REFRESH_HOURS. A bad download never replaces the last good copy;
 * 3. the small catalogue shipped with the connector (`default-sites.json`).
 * Maigret's own updater follows the same pattern (versioned, hashed, offline fallback).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConnectorLogger, HttpClient } from '../sdk.ts';
import { type Catalogue, describeReport, parseCatalogue } from './catalogue.ts';

export const CACHE_FILE = 'username-sites-cache.json';
export const CACHE_META_FILE = 'username-sites-cache.meta.json';
const RETRY_MS = 10 * 60_000;
export const BUILTIN_CATALOGUE = fileURLToPath(new URL('./default-sites.json', import.meta.url));

export interface CatalogueSourceOptions {
  readonly path: string | null;
  readonly url: string | null;
  /** Lower-case hex SHA-256 the catalogue text must have; null for no pin. */
  readonly sha256: string | null;
  readonly refreshMs: number;
  readonly maxBytes: number;
  readonly downloadTimeoutMs: number;
  readonly dataDir: string;
  readonly http: HttpClient;
  readonly logger: ConnectorLogger;
  readonly now: () => Date;
  /** The fallback catalogue file (the shipped one unless a test says otherwise). */
  readonly builtinPath?: string;
}

interface CacheMeta {
  readonly url: string;
  readonly sha256: string;
  readonly fetched_at: string;
}

/** Loads the catalogue on first use and keeps it current; `current()` is what a sweep reads. */
export class CatalogueSource {
  readonly #o: CatalogueSourceOptions;
  #catalogue: Catalogue | null = null;
  #fileStamp = '';
  #nextRefreshAt = 0;
  #refreshing: Promise<void> | null = null;

  constructor(options: CatalogueSourceOptions) {
    this.#o = options;
  }

  /** The catalogue to sweep with now. Throws only when no usable catalogue was ever loaded. */
  async current(): Promise<Catalogue> {
    if (this.#o.path !== null) return this.#fromPath(this.#o.path);
    if (this.#o.url !== null) return this.#fromUrl(this.#o.url);
    return this.#builtin();
  }

  /** Resolves when no background download is running (tests, and the CLI before it exits). */
  async settled(): Promise<void> {
    await this.#refreshing;
  }

  /** The shipped catalogue: ours, so the operator's SHA-256 pin does not apply to it. */
  #builtin(): Catalogue {
    return this.#fromPath(this.#o.builtinPath ?? BUILTIN_CATALOGUE, 'builtin', false);
  }

  #fromPath(file: string, origin = file, pinned = true): Catalogue {
    const stat = fs.statSync(file);
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    if (this.#catalogue !== null && stamp === this.#fileStamp) return this.#catalogue;
    try {
      const text = fs.readFileSync(file, 'utf8');
      this.#accept(pinned ? this.#parseChecked(text, origin) : parseCatalogue(text, origin));
      this.#fileStamp = stamp;
    } catch (err) {
      if (this.#catalogue === null) throw err;
      this.#o.logger.warn({ file, err: (err as Error).message }, 'username site catalogue file is bad; keeping the last good copy');
    }
    return this.#catalogue!;
  }

  async #fromUrl(url: string): Promise<Catalogue> {
    if (this.#catalogue === null) this.#readCache(url);
    const due = this.#o.now().getTime() >= this.#nextRefreshAt;
    if (this.#catalogue !== null) {
      // Stale-while-refresh: this sweep uses the copy it has; a later one gets the new one.
      if (due) this.#refreshing ??= this.#download(url).finally(() => (this.#refreshing = null));
      return this.#catalogue;
    }
    await (this.#refreshing ??= this.#download(url).finally(() => (this.#refreshing = null)));
    if (this.#catalogue !== null) return this.#catalogue;
    this.#o.logger.warn({ url }, 'no good copy of the username site catalogue yet; using the built-in catalogue');
    return this.#builtin();
  }

  /** Downloads, checks and caches; a failure leaves the current copy in place. */
  async #download(url: string): Promise<void> {
    const now = this.#o.now().getTime();
    try {
      const response = await this.#o.http.request(url, { timeoutMs: this.#o.downloadTimeoutMs, maxBytes: this.#o.maxBytes, headers: { accept: 'application/json' } });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      const text = response.text();
      const catalogue = this.#parseChecked(text, url);
      this.#writeCache(url, text, catalogue.sha256);
      this.#accept(catalogue);
      this.#nextRefreshAt = now + this.#o.refreshMs;
    } catch (err) {
      this.#o.logger.warn({ url, err: (err as Error).message }, 'username site catalogue download rejected; keeping the last good copy');
      // Retry sooner than a full interval when there is no good copy, never at every sweep.
      this.#nextRefreshAt = now + Math.min(this.#o.refreshMs, RETRY_MS);
    }
  }

  /** The integrity pin, then the strict schema (parseCatalogue throws when nothing is usable). */
  #parseChecked(text: string, origin: string): Catalogue {
    const pin = this.#o.sha256;
    if (pin !== null) {
      const actual = createHash('sha256').update(text).digest('hex');
      if (actual !== pin) throw new Error(`SHA-256 ${actual} does not match USERNAME_SITES_SHA256`);
    }
    return parseCatalogue(text, origin);
  }

  #accept(catalogue: Catalogue): void {
    this.#catalogue = catalogue;
    this.#o.logger.info({ origin: catalogue.origin, sha256: catalogue.sha256 }, `username site catalogue loaded: ${describeReport(catalogue.report)}`);
  }

  /** Loads the last good downloaded copy of `url` from DATA_DIR, when there is one. */
  #readCache(url: string): Catalogue | null {
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(this.#o.dataDir, CACHE_META_FILE), 'utf8')) as CacheMeta;
      if (meta.url !== url) return null;
      const catalogue = this.#parseChecked(fs.readFileSync(path.join(this.#o.dataDir, CACHE_FILE), 'utf8'), `cache:${url}`);
      if (catalogue.sha256 !== meta.sha256) return null;
      this.#accept(catalogue);
      this.#nextRefreshAt = (Date.parse(meta.fetched_at) || 0) + this.#o.refreshMs;
      return catalogue;
    } catch {
      return null;
    }
  }

  #writeCache(url: string, text: string, sha256: string): void {
    fs.mkdirSync(this.#o.dataDir, { recursive: true });
    const write = (name: string, content: string): void => {
      const file = path.join(this.#o.dataDir, name);
      fs.writeFileSync(`${file}.tmp`, content);
      fs.renameSync(`${file}.tmp`, file);
    };
    write(CACHE_FILE, text);
    const meta: CacheMeta = { url, sha256, fetched_at: this.#o.now().toISOString() };
    write(CACHE_META_FILE, JSON.stringify(meta, null, 2));
  }
}
