import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ListFormatError } from './list-format-error.ts';

/** A parsed XML element: attributes (no prefix), child elements and `#text`. */
export type XmlNode = { readonly [key: string]: XmlValue };
export type XmlValue = string | XmlNode | readonly XmlValue[] | undefined;

/**
 * Checks and parses a whole list file. A truncated download is not well-formed XML, so the
 * validator is what turns "half a file" into a refusal instead of half a list. Documents with a
 * DOCTYPE are refused outright: no official list uses one, and entity expansion is the classic
 * way to make an XML parser exhaust memory.
 *
 * @param arrays element names that may repeat, always returned as arrays.
 */
export function parseXmlDocument(bytes: Buffer, arrays: ReadonlySet<string>): XmlNode {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(text.slice(0, 4096))) throw new ListFormatError('XML with a DOCTYPE is refused');
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new ListFormatError(`not well-formed XML: ${verdict.err.msg} (line ${verdict.err.line})`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  return parser.parse(text) as XmlNode;
}

/** The child element(s) of a node as an array (absent → empty). */
export function children(node: XmlValue, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const value = (node as XmlNode)[name];
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v));
}

/** The child element's text, or an attribute's value; undefined when absent or empty. */
export function textOf(node: XmlValue, name: string): string | undefined {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return undefined;
  const value = (node as XmlNode)[name];
  const first = Array.isArray(value) ? value[0] : value;
  const text = typeof first === 'string' ? first : typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as XmlNode)['#text'] : undefined;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** Every text value of repeated child elements. */
export function textsOf(node: XmlValue, name: string): string[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const value = (node as XmlNode)[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list
    .map((v) => (typeof v === 'string' ? v : typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as XmlNode)['#text'] : undefined))
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .map((t) => t.trim());
}
