/**
 * Decodes a response body to text: the charset of Content-Type first, then an HTML
 * `<meta charset>` in the first 1 KiB (sites like Maigret's GBK forums declare it only there),
 * then UTF-8. An unknown label falls back to UTF-8 rather than failing.
 *
 * @example
 * decodeBody(Buffer.from([0xc4, 0xe3]), 'text/html; charset=gbk') // '你'
 */
export function decodeBody(body: Buffer, contentType: string | undefined): string {
  const label = charsetOf(contentType) ?? sniffMetaCharset(body) ?? 'utf-8';
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

function charsetOf(contentType: string | undefined): string | null {
  const match = contentType?.match(/charset\s*=\s*"?([\w.:-]+)"?/i);
  return match?.[1]?.toLowerCase() ?? null;
}

function sniffMetaCharset(body: Buffer): string | null {
  const head = body.subarray(0, 1024).toString('latin1');
  const match = head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i);
  return match?.[1]?.toLowerCase() ?? null;
}
