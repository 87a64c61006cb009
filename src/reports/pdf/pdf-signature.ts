import { createHash } from 'node:crypto';

/**
 * The PDF's own signature: a PAdES signature dictionary (ISO 32000-1 §12.8, SubFilter
 * ETSI.CAdES.detached) whose /ByteRange covers every byte of the file except the /Contents
 * hex string, which holds a detached CMS over those bytes. pdfkit writes the dictionary with
 * placeholders; `fillSignature` patches them once the whole file exists.
 */

/** Room for the CMS (certificate with a 4096-bit key + signature ≈ 2.2 kB). */
export const SIGNATURE_CAPACITY = 8192;
/** A 10-digit number written in each ByteRange slot, patched in place later. */
const PLACEHOLDER = 9_999_999_999;
const BYTE_RANGE_PLACEHOLDER = `/ByteRange [0 ${PLACEHOLDER} ${PLACEHOLDER} ${PLACEHOLDER}]`;

/** The slice of pdfkit's internals used to put the signature field in the catalog's AcroForm. */
interface PdfKitCatalog {
  readonly _root: { readonly data: { AcroForm?: { readonly data: Record<string, unknown> } } };
}

export interface SignatureFieldOptions {
  readonly signedAt: Date;
  readonly signerName: string;
  readonly reason: string;
}

/**
 * Adds an invisible signature field on the current page and the signature dictionary with
 * placeholders. Call on the page that should carry the field (the cover), before `end()`.
 */
export function addSignatureField(doc: PDFKit.PDFDocument, options: SignatureFieldOptions): void {
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, PLACEHOLDER, PLACEHOLDER, PLACEHOLDER],
    Contents: new Uint8Array(SIGNATURE_CAPACITY),
    M: options.signedAt,
    Name: new String(options.signerName),
    Reason: new String(options.reason),
  });
  signature.end(undefined);
  // pdfkit writes the options as the annotation dictionary; its type declarations spell the key `SubType`.
  const widgetDictionary: PDFKit.Mixins.AnnotationOption & Record<string, unknown> = {
    Subtype: 'Widget',
    FT: 'Sig',
    T: new String('Cairn report signature'),
    V: signature,
    F: 132, // Print | Locked
    P: doc.page.dictionary,
  };
  doc.annotate(0, 0, 0, 0, widgetDictionary);
  const widget = doc.page.annotations[doc.page.annotations.length - 1];
  doc.initForm();
  const acroForm = (doc as unknown as PdfKitCatalog)._root.data.AcroForm!.data;
  // NeedAppearances would make readers regenerate appearances and report the signed file as changed.
  delete acroForm.NeedAppearances;
  acroForm.SigFlags = 3; // SignaturesExist | AppendOnly
  (acroForm.Fields as unknown[]).push(widget);
}

function indexOnce(pdf: Buffer, needle: string): number {
  const at = pdf.indexOf(needle, 0, 'latin1');
  if (at < 0 || pdf.indexOf(needle, at + 1, 'latin1') >= 0) throw new Error(`expected exactly one ${needle.slice(0, 20)}… in the unsigned PDF`);
  return at;
}

/** SHA-256 over the two signed ranges. */
export function digestRanges(pdf: Buffer, range: readonly [number, number, number, number]): Buffer {
  return createHash('sha256')
    .update(pdf.subarray(range[0], range[0] + range[1]))
    .update(pdf.subarray(range[2], range[2] + range[3]))
    .digest();
}

/** `<` + lowercase hex of the CMS + zero padding + `>`: the one encoding the verifier accepts. */
export function encodeContents(cms: Buffer): string {
  return `<${cms.toString('hex').padEnd(SIGNATURE_CAPACITY * 2, '0')}>`;
}

/**
 * Patches the ByteRange, hashes the signed ranges, asks `signDigest` for the CMS and writes
 * it into /Contents. The file keeps its length, so no offset in the xref table moves.
 */
export async function fillSignature(unsigned: Buffer, signDigest: (digest: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const pdf = Buffer.from(unsigned);
  const contentsAt = indexOnce(pdf, `<${'00'.repeat(SIGNATURE_CAPACITY)}>`);
  const contentsEnd = contentsAt + SIGNATURE_CAPACITY * 2 + 2;
  const range = [0, contentsAt, contentsEnd, pdf.length - contentsEnd] as const;
  const byteRangeAt = indexOnce(pdf, BYTE_RANGE_PLACEHOLDER);
  pdf.write(`/ByteRange [${range.join(' ')}]`.padEnd(BYTE_RANGE_PLACEHOLDER.length, ' '), byteRangeAt, 'latin1');
  const cms = await signDigest(digestRanges(pdf, range));
  if (cms.length > SIGNATURE_CAPACITY) throw new Error(`CMS of ${cms.length} bytes exceeds the ${SIGNATURE_CAPACITY}-byte signature room`);
  pdf.write(encodeContents(cms), contentsAt, 'latin1');
  return pdf;
}
