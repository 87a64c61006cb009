import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file of the browser console, read into memory at start. */
export interface ConsoleAsset {
  readonly body: Buffer;
  readonly contentType: string;
  /** Strong validator: the browser revalidates (Cache-Control: no-cache) and gets a 304. */
  readonly etag: string;
}

/** The only files served: anything else in the folder (its tsconfig, notes) stays private. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** `src/console/`, beside this file's folder; the files ship with the source (no build step). */
export const CONSOLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'console');

/**
 * Reads the console's files once, by exact name: requests are answered from this map only, so
 * no request path ever reaches the file system (no traversal, encoded or not).
 *
 * @example
 * const assets = await loadConsoleAssets();
 * assets.get('app.js')?.contentType // 'text/javascript; charset=utf-8'
 */
export async function loadConsoleAssets(dir: string = CONSOLE_DIR): Promise<ReadonlyMap<string, ConsoleAsset>> {
  const assets = new Map<string, ConsoleAsset>();
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const contentType = CONTENT_TYPES[path.extname(entry.name)];
    if (!entry.isFile() || entry.name.startsWith('.') || contentType === undefined) continue;
    const body = await fs.readFile(path.join(dir, entry.name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    assets.set(entry.name, { body, contentType, etag });
  }
  if (!assets.has('index.html')) throw new Error(`console: no index.html in ${dir}`);
  return assets;
}
