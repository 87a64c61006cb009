import { birthDates, dayOf, distinctNames, isoDate, joinParts, nationalityCodes } from './entry-building.ts';
import { ListFormatError } from './list-format-error.ts';
import type { ParsedList, SanctionsEntry } from './sanctions-list.ts';
import { children, parseXmlDocument, textOf, textsOf, type XmlNode } from './xml-reading.ts';

const ARRAYS = new Set([
  'INDIVIDUAL', 'ENTITY', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH', 'VALUE', 'INDIVIDUAL_ADDRESS',
  'ENTITY_ADDRESS', 'INDIVIDUAL_DOCUMENT', 'INDIVIDUAL_PLACE_OF_BIRTH',
]);

// QUALITY of an alias: Good and Low on individuals, a.k.a. and f.k.a. on entities.
const ALIAS_QUALITY: Readonly<Record<string, { quality: 'strong' | 'weak'; kind: string }>> = {
  good: { quality: 'strong', kind: 'aka' },
  low: { quality: 'weak', kind: 'aka' },
  'a.k.a.': { quality: 'strong', kind: 'aka' },
  'f.k.a.': { quality: 'strong', kind: 'fka' },
};

/**
 * Parses the UN Security Council Consolidated List XML: `CONSOLIDATED_LIST` with its
 * `dateGenerated` attribute, `INDIVIDUALS/INDIVIDUAL` (FIRST_NAME…FOURTH_NAME, UN_LIST_TYPE,
 * REFERENCE_NUMBER, LISTED_ON, NAME_ORIGINAL_SCRIPT, NATIONALITY/VALUE, INDIVIDUAL_ALIAS with
 * QUALITY and ALIAS_NAME, INDIVIDUAL_DATE_OF_BIRTH with TYPE_OF_DATE and DATE, YEAR or
 * FROM_YEAR/TO_YEAR) and `ENTITIES/ENTITY` (FIRST_NAME, ENTITY_ALIAS).
 *
 * @throws ListFormatError when the file is not the format.
 */
export function parseUnXml(bytes: Buffer): ParsedList {
  const root = parseXmlDocument(bytes, ARRAYS)['CONSOLIDATED_LIST'];
  if (root === undefined || typeof root !== 'object') throw new ListFormatError('no CONSOLIDATED_LIST root element: not the UN consolidated list');
  const publishedAt = isoDate(textOf(root, 'dateGenerated'));
  if (publishedAt === null) throw new ListFormatError('CONSOLIDATED_LIST/@dateGenerated missing or unreadable');
  const individuals = children(children(root, 'INDIVIDUALS')[0], 'INDIVIDUAL').map((n) => toEntry(n, 'individual'));
  const entities = children(children(root, 'ENTITIES')[0], 'ENTITY').map((n) => toEntry(n, 'entity'));
  return { publishedAt, entries: [...individuals, ...entities] };
}

function toEntry(node: XmlNode, type: 'individual' | 'entity'): SanctionsEntry {
  const id = textOf(node, 'REFERENCE_NUMBER') ?? textOf(node, 'DATAID');
  const primary = joinParts(textOf(node, 'FIRST_NAME'), textOf(node, 'SECOND_NAME'), textOf(node, 'THIRD_NAME'), textOf(node, 'FOURTH_NAME'));
  if (id === undefined || primary === '') throw new ListFormatError(`an ${type === 'individual' ? 'INDIVIDUAL' : 'ENTITY'} lacks its reference number or name`);
  const aliases = children(node, type === 'individual' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS').flatMap((alias) => {
    const quality = ALIAS_QUALITY[textOf(alias, 'QUALITY')?.toLowerCase() ?? ''] ?? { quality: 'strong' as const, kind: 'aka' };
    // One ALIAS_NAME sometimes holds several names separated by "; ".
    return (textOf(alias, 'ALIAS_NAME') ?? '').split(/;\s*/).map((name) => ({ name, ...quality }));
  });
  const original = textOf(node, 'NAME_ORIGINAL_SCRIPT');
  const listedOn = isoDate(textOf(node, 'LISTED_ON'));
  const comments = textOf(node, 'COMMENTS1');
  return {
    id,
    type,
    names: distinctNames([
      { name: primary, quality: 'primary', kind: 'primary' },
      ...aliases,
      ...(original !== undefined ? [{ name: original, quality: 'strong' as const, kind: 'original_script' }] : []),
    ]),
    programs: [textOf(node, 'UN_LIST_TYPE')].filter((p): p is string => p !== undefined),
    ...(listedOn !== null ? { listed_on: dayOf(listedOn) } : {}),
    dob: birthDates(children(node, 'INDIVIDUAL_DATE_OF_BIRTH').map(dateOfBirth)),
    nationalities: nationalityCodes(textsOf(children(node, 'NATIONALITY')[0], 'VALUE')),
    ...(comments !== undefined ? { remarks: comments } : {}),
  };
}

function dateOfBirth(node: XmlNode): string {
  const type = textOf(node, 'TYPE_OF_DATE')?.toUpperCase();
  const date = textOf(node, 'DATE')?.slice(0, 10);
  const year = textOf(node, 'YEAR');
  if (type === 'BETWEEN') return `${textOf(node, 'FROM_YEAR') ?? ''} to ${textOf(node, 'TO_YEAR') ?? ''}`;
  if (date !== undefined) return date;
  return type === 'APPROXIMATELY' && year !== undefined ? `circa ${year}` : (year ?? '');
}
