import { inflateSync } from 'node:zlib';

/**
 * Reads embedded files back out of a report PDF, for offline verification. It understands
 * the plain object syntax pdfkit writes (no object streams, no cross-reference streams),
 * which is what the engine produces; it is not a general PDF parser (`pdfdetach` from
 * poppler is, for third parties).
 */

// Anchored on the line break before the object number: unanchored, `\d+` backtracks quadratically
// through the long digit runs of the signature's hex string.
const FILESPEC = /[\r\n](\d+) 0 obj\s*<<\s*\/Type \/Filespec([\s\S]*?)>>\s*endobj/g;

/** The dictionary text and raw stream bytes of object `id` (its last definition wins, as in an incremental update). */
function readObject(pdf: Buffer, text: string, id: number): { dictionary: string; stream: Buffer | null } | null {
  const header = new RegExp(`(?:^|[\\r\\n])${id} 0 obj\\s*`, 'g');
  let start = -1;
  for (let m = header.exec(text); m; m = header.exec(text)) start = m.index + m[0].length;
  if (start < 0) return null;
  const streamAt = text.indexOf('stream', start);
  const endAt = text.indexOf('endobj', start);
  if (endAt < 0) return null;
  if (streamAt < 0 || streamAt > endAt) return { dictionary: text.slice(start, endAt), stream: null };
  const dictionary = text.slice(start, streamAt);
  const length = /\/Length (\d+)/.exec(dictionary);
  if (!length) return null;
  let dataAt = streamAt + 'stream'.length;
  if (text[dataAt] === '\r') dataAt++;
  if (text[dataAt] === '\n') dataAt++;
  const end = dataAt + Number(length[1]);
  return end <= pdf.length ? { dictionary, stream: pdf.subarray(dataAt, end) } : null;
}

/** Names of the embedded files, in file order. */
export function listEmbeddedFiles(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(FILESPEC)].map((m) => /\/F \(([^)]*)\)/.exec(m[2]!)?.[1]).filter((n): n is string => n !== undefined);
}

/** The bytes of embedded file `name`, or null when absent or unreadable (bad stream, bad compression). */
export function readEmbeddedFile(pdf: Buffer, name: string): Buffer | null {
  const text = pdf.toString('latin1');
  let streamId: number | null = null;
  for (const m of text.matchAll(FILESPEC)) {
    const body = m[2]!;
    if (/\/F \(([^)]*)\)/.exec(body)?.[1] !== name) continue;
    const ref = /\/EF\s*<<\s*\/F (\d+) 0 R/.exec(body);
    if (ref) streamId = Number(ref[1]);
  }
  if (streamId === null) return null;
  const object = readObject(pdf, text, streamId);
  if (!object?.stream || !/\/Type \/EmbeddedFile/.test(object.dictionary)) return null;
  if (!/\/Filter \/FlateDecode/.test(object.dictionary)) return Buffer.from(object.stream);
  try {
    return inflateSync(object.stream);
  } catch {
    return null;
  }
}
