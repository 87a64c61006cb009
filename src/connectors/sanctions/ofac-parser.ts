import { birthDates, distinctNames, joinParts, nationalityCodes, slashDate } from './entry-building.ts';
import { ListFormatError } from './list-format-error.ts';
import type { ParsedList, SanctionsEntry } from './sanctions-list.ts';
import { children, parseXmlDocument, textOf, textsOf, type XmlNode } from './xml-reading.ts';

const ARRAYS = new Set(['sdnEntry', 'program', 'aka', 'dateOfBirthItem', 'nationality', 'citizenship', 'id', 'address', 'placeOfBirthItem']);

const TYPES: Readonly<Record<string, SanctionsEntry['type']>> = { individual: 'individual', entity: 'entity', vessel: 'vessel', aircraft: 'aircraft' };
const AKA_KINDS: Readonly<Record<string, string>> = { 'a.k.a.': 'aka', 'f.k.a.': 'fka', 'n.k.a.': 'nka' };

/**
 * Parses OFAC's classic XML publication (`sdnList`, the schema of SDN.XML and of the
 * Consolidated non-SDN list CONSOLIDATED.XML): `publshInformation/Publish_Date` (MM/DD/YYYY, the
 * publisher's spelling) and `Record_Count`, then one `sdnEntry` per designation with its
 * `akaList` (type a.k.a./f.k.a./n.k.a., category strong/weak), programs, dates of birth,
 * nationalities and citizenships. The classic format carries no listing date.
 *
 * @throws ListFormatError when the file is not the format or disagrees with its own record count.
 */
export function parseOfacXml(bytes: Buffer): ParsedList {
  const root = parseXmlDocument(bytes, ARRAYS)['sdnList'];
  if (root === undefined || typeof root !== 'object') throw new ListFormatError('no sdnList root element: not an OFAC XML publication');
  const info = children(root, 'publshInformation')[0];
  const publishedAt = slashDate(textOf(info, 'Publish_Date'), 'mdy');
  if (publishedAt === null) throw new ListFormatError('publshInformation/Publish_Date missing or not MM/DD/YYYY');
  const entries = children(root, 'sdnEntry').map(toEntry);
  const declared = textOf(info, 'Record_Count');
  if (declared !== undefined && Number(declared) !== entries.length) {
    throw new ListFormatError(`Record_Count says ${declared} entries, the file holds ${entries.length}`);
  }
  return { publishedAt, entries };
}

function toEntry(node: XmlNode): SanctionsEntry {
  const uid = textOf(node, 'uid');
  const lastName = textOf(node, 'lastName');
  if (uid === undefined || lastName === undefined) throw new ListFormatError('an sdnEntry lacks its uid or lastName');
  const firstName = textOf(node, 'firstName');
  const akas = children(children(node, 'akaList')[0], 'aka').map((aka) => ({
    name: displayName(textOf(aka, 'lastName'), textOf(aka, 'firstName')),
    quality: textOf(aka, 'category')?.toLowerCase() === 'weak' ? ('weak' as const) : ('strong' as const),
    kind: AKA_KINDS[textOf(aka, 'type')?.toLowerCase() ?? ''] ?? 'aka',
  }));
  const remarks = textOf(node, 'remarks');
  return {
    id: uid,
    type: TYPES[textOf(node, 'sdnType')?.toLowerCase() ?? ''] ?? 'unknown',
    names: distinctNames([{ name: displayName(lastName, firstName), quality: 'primary', kind: 'primary' }, ...akas]),
    programs: textsOf(children(node, 'programList')[0], 'program'),
    dob: birthDates(children(children(node, 'dateOfBirthList')[0], 'dateOfBirthItem').map((d) => textOf(d, 'dateOfBirth') ?? '')),
    nationalities: nationalityCodes([
      ...children(children(node, 'nationalityList')[0], 'nationality').map((n) => textOf(n, 'country') ?? ''),
      ...children(children(node, 'citizenshipList')[0], 'citizenship').map((n) => textOf(n, 'country') ?? ''),
    ]),
    ...(remarks !== undefined ? { remarks } : {}),
  };
}

/** OFAC's own display form: "LASTNAME, First Names" for people, the name alone otherwise. */
function displayName(lastName: string | undefined, firstName: string | undefined): string {
  if (firstName === undefined) return lastName ?? '';
  return lastName === undefined ? firstName : `${lastName}, ${joinParts(firstName)}`;
}
