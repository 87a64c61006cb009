/**
 * The small slice of ASN.1 DER (ITU-T X.690) that a self-signed certificate and a CMS
 * SignedData need: writing definite-length TLVs and reading them back. Node has no X.509 or
 * CMS writer, and one file of DER beats a dependency for the dozen types used here.
 */

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

function lengthBytes(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** One TLV with a definite length. */
export function tlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), lengthBytes(content.length), content]);
}

export const sequence = (...items: Buffer[]): Buffer => tlv(TAG.SEQUENCE, Buffer.concat(items));

/** SET OF: DER orders the encoded elements as byte strings (X.690 §11.6). */
export const setOf = (...items: Buffer[]): Buffer => tlv(TAG.SET, Buffer.concat([...items].sort(Buffer.compare)));

/** A non-negative INTEGER from big-endian magnitude bytes (or a small number). */
export function integer(value: Buffer | number): Buffer {
  let bytes = value;
  if (typeof bytes === 'number') {
    const hex = bytes.toString(16);
    bytes = Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
  }
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && (bytes[start + 1]! & 0x80) === 0) start++;
  bytes = bytes.subarray(start);
  return tlv(TAG.INTEGER, (bytes[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  const out: number[] = [];
  const first = arcs[0]! * 40n + arcs[1]!;
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [];
    let n = arc;
    do {
      chunk.unshift(Number(n & 0x7fn) | (chunk.length > 0 ? 0x80 : 0));
      n >>= 7n;
    } while (n > 0n);
    out.push(...chunk);
  }
  return tlv(TAG.OID, Buffer.from(out));
}

export const nullValue = (): Buffer => tlv(TAG.NULL, Buffer.alloc(0));
export const octetString = (bytes: Buffer): Buffer => tlv(TAG.OCTET_STRING, bytes);
export const bitString = (bytes: Buffer, unusedBits = 0): Buffer => tlv(TAG.BIT_STRING, Buffer.concat([Buffer.from([unusedBits]), bytes]));
export const utf8String = (text: string): Buffer => tlv(TAG.UTF8_STRING, Buffer.from(text, 'utf8'));
export const booleanTrue = (): Buffer => tlv(0x01, Buffer.from([0xff]));

/** [n] EXPLICIT (constructed context tag around one encoded element). */
export const explicit = (n: number, inner: Buffer): Buffer => tlv(0xa0 | n, inner);

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
export function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(TAG.UTC_TIME, Buffer.from(`${iso.slice(2)}Z`, 'latin1')) : tlv(TAG.GENERALIZED_TIME, Buffer.from(`${iso}Z`, 'latin1'));
}

/** A parsed TLV: positions point into the buffer it was read from. */
export interface DerNode {
  readonly tag: number;
  /** The whole TLV. */
  readonly raw: Buffer;
  readonly content: Buffer;
}

export class DerError extends Error {}

/** Reads one TLV at `offset`; throws DerError on truncated or indefinite-length input. */
export function readNode(buffer: Buffer, offset = 0): DerNode {
  if (offset + 2 > buffer.length) throw new DerError('truncated DER');
  const tag = buffer[offset]!;
  let length = buffer[offset + 1]!;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || offset + 2 + count > buffer.length) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[offset + 2 + i]!;
    header += count;
  }
  const end = offset + header + length;
  if (end > buffer.length) throw new DerError('truncated DER');
  return { tag, raw: buffer.subarray(offset, end), content: buffer.subarray(offset + header, end) };
}

/** The elements inside a constructed node (SEQUENCE, SET, context tag). */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.content.length; ) {
    const child = readNode(node.content, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

export function readOid(node: DerNode): string {
  if (node.tag !== TAG.OID || node.content.length === 0) throw new DerError('expected an OID');
  const arcs: bigint[] = [];
  let n = 0n;
  for (const byte of node.content) {
    n = (n << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(n);
      n = 0n;
    }
  }
  const first = arcs[0]!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** Child `index` of `node`, required to carry `tag`. */
export function child(node: DerNode, index: number, tag?: number): DerNode {
  const found = children(node)[index];
  if (!found || (tag !== undefined && found.tag !== tag)) throw new DerError(`unexpected DER structure at element ${index}`);
  return found;
}
