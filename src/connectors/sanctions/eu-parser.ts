import { birthDates, dayOf, distinctNames, isoDate, joinParts, nationalityCodes } from './entry-building.ts';
import { ListFormatError } from './list-format-error.ts';
import type { ParsedList, SanctionsEntry } from './sanctions-list.ts';
import { children, parseXmlDocument, textOf, type XmlNode } from './xml-reading.ts';

const ARRAYS = new Set(['sanctionEntity', 'regulation', 'nameAlias', 'citizenship', 'birthdate', 'address', 'identification']);
const TYPES: Readonly<Record<string, SanctionsEntry['type']>> = { person: 'individual', enterprise: 'entity', vessel: 'vessel', aircraft: 'aircraft' };

/**
 * Parses the EU Financial Sanctions Files full XML (`xmlFullSanctionsList_1_1`): `export` with
 * its `generationDate`, one `sanctionEntity` per designation (euReferenceNumber, logicalId,
 * designationDate), its `regulation`s (programme, publicationDate), `subjectType`
 * (person/enterprise), `nameAlias`es (wholeName or first/middle/last name, `strong`),
 * `birthdate`s (birthdate, or year/monthOfYear/dayOfMonth, circa) and `citizenship`s
 * (countryIso2Code). The EU does not mark a primary name; the first strong alias is taken as it.
 *
 * @throws ListFormatError when the file is not the format.
 */
export function parseEuXml(bytes: Buffer): ParsedList {
  const root = parseXmlDocument(bytes, ARRAYS)['export'];
  if (root === undefined || typeof root !== 'object') throw new ListFormatError('no export root element: not an EU Financial Sanctions File');
  const publishedAt = isoDate(textOf(root, 'generationDate'));
  if (publishedAt === null) throw new ListFormatError('export/@generationDate missing or unreadable');
  return { publishedAt, entries: children(root, 'sanctionEntity').map(toEntry) };
}

function toEntry(node: XmlNode): SanctionsEntry {
  const id = textOf(node, 'euReferenceNumber') ?? textOf(node, 'logicalId');
  if (id === undefined) throw new ListFormatError('a sanctionEntity lacks both euReferenceNumber and logicalId');
  const aliases = children(node, 'nameAlias').map((alias) => ({
    name: textOf(alias, 'wholeName') ?? joinParts(textOf(alias, 'firstName'), textOf(alias, 'middleName'), textOf(alias, 'lastName')),
    strong: textOf(alias, 'strong') !== 'false',
  }));
  const primaryIndex = Math.max(0, aliases.findIndex((a) => a.strong && a.name !== ''));
  const names = distinctNames(
    aliases.map((a, i) => ({
      name: a.name,
      quality: i === primaryIndex ? ('primary' as const) : a.strong ? ('strong' as const) : ('weak' as const),
      kind: i === primaryIndex ? 'primary' : 'aka',
    })),
  );
  if (names.length === 0) throw new ListFormatError(`sanctionEntity ${id} has no name`);
  const regulations = children(node, 'regulation');
  const listed = [textOf(node, 'designationDate'), ...regulations.map((r) => textOf(r, 'publicationDate'))]
    .map((d) => isoDate(d))
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  const remark = textOf(node, 'remark');
  return {
    id,
    type: TYPES[textOf(children(node, 'subjectType')[0], 'code') ?? ''] ?? 'unknown',
    names,
    programs: [...new Set(regulations.map((r) => textOf(r, 'programme')).filter((p): p is string => p !== undefined))],
    ...(listed !== undefined ? { listed_on: dayOf(listed) } : {}),
    dob: birthDates(children(node, 'birthdate').map(birthDate)),
    nationalities: nationalityCodes(
      children(node, 'citizenship')
        .map((c) => textOf(c, 'countryIso2Code') ?? textOf(c, 'countryDescription') ?? '')
        .filter((c) => c !== '00'),
    ),
    ...(remark !== undefined ? { remarks: remark } : {}),
  };
}

function birthDate(node: XmlNode): string {
  const full = textOf(node, 'birthdate');
  if (full !== undefined) return full;
  const year = textOf(node, 'year');
  if (year === undefined) return '';
  if (textOf(node, 'circa') === 'true') return `circa ${year}`;
  const month = textOf(node, 'monthOfYear');
  const day = textOf(node, 'dayOfMonth');
  return month === undefined ? year : `${year}-${month.padStart(2, '0')}${day !== undefined ? `-${day.padStart(2, '0')}` : ''}`;
}
