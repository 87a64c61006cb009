import fs from 'node:fs/promises';
import type { HttpClient } from '../connectors/sdk.ts';

/** Where a list file is read from: a URL (through the guarded client) or a local path. */
export type ListLocation = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'file'; readonly path: string };

export interface FetchLimits {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A download or read that failed: status, size, timeout, unreadable file. */
export class ListFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListFetchError';
  }
}

/**
 * The bytes of one list file. Downloads go through the engine's SSRF-guarded client with a
 * size cap and a deadline; only a 200 with a body is accepted. A connection that drops before
 * the declared Content-Length arrives fails in the client, so a half-downloaded file never
 * reaches the parser.
 */
export async function fetchListFile(location: ListLocation, http: HttpClient, limits: FetchLimits): Promise<Buffer> {
  if (location.kind === 'file') return readListFile(location.path, limits.maxBytes);
  let response;
  try {
    response = await http.request(location.url, {
      timeoutMs: limits.timeoutMs,
      maxBytes: limits.maxBytes,
      onOverflow: 'error',
      headers: { accept: 'application/xml, text/xml, text/csv, */*' },
      ...(limits.signal ? { signal: limits.signal } : {}),
    });
  } catch (err) {
    throw new ListFetchError(`download failed: ${describeError(err)}`);
  }
  if (response.status !== 200) throw new ListFetchError(`download failed: HTTP ${response.status}`);
  if (response.body.length === 0) throw new ListFetchError('download failed: empty body');
  return response.body;
}

async function readListFile(path: string, maxBytes: number): Promise<Buffer> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw new ListFetchError(`${path} is not a file`);
    if (stat.size > maxBytes) throw new ListFetchError(`${path} is ${stat.size} bytes, over the ${maxBytes}-byte limit (SANCTIONS_MAX_BYTES)`);
    return await fs.readFile(path);
  } catch (err) {
    if (err instanceof ListFetchError) throw err;
    throw new ListFetchError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

function describeError(err: unknown): string {
  const e = err as { name?: string; code?: string; message?: string };
  if (e.name === 'TimeoutError' || e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT') return 'timed out';
  if (e.code === 'RESPONSE_TOO_LARGE') return `${e.message ?? 'too large'} (SANCTIONS_MAX_BYTES)`;
  return e.code !== undefined ? `${e.code}: ${e.message ?? ''}`.trim() : (e.message ?? String(err));
}
