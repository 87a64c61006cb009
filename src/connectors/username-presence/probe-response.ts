import type { HttpResponse } from '../sdk.ts';

/** What the decision reads of one answer: status, headers, where it ended, and the text. */
export interface ProbeResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The URL that was asked for (the probe URL). */
  readonly requestUrl: string;
  /** The URL of the final answer, after redirects. */
  readonly url: string;
  readonly redirects: readonly string[];
  /** The body decoded (possibly cut at the body cap). */
  readonly text: string;
}

/**
 * Reads an HTTP answer into a ProbeResponse. `encoding` is the catalogue's forced charset
 * (Maigret `encoding`, e.g. gbk), used when the server's Content-Type does not name one.
 */
export function toProbeResponse(response: HttpResponse, requestUrl: string, encoding: string | null): ProbeResponse {
  return {
    status: response.status,
    headers: response.headers,
    requestUrl,
    url: response.url,
    redirects: response.redirects,
    text: decode(response, encoding),
  };
}

function decode(response: HttpResponse, encoding: string | null): string {
  const declared = /charset=/i.test(response.headers['content-type'] ?? '');
  if (encoding === null || declared) return response.text();
  try {
    return new TextDecoder(encoding).decode(response.body);
  } catch {
    return response.text();
  }
}
