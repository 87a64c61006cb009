import { parseEuXml } from './eu-parser.ts';
import type { ListGroup } from './list-groups.ts';
import { parseOfacXml } from './ofac-parser.ts';
import type { ListId, ParsedList } from './sanctions-list.ts';
import type { SanctionsSettings } from './sanctions-settings.ts';
import { parseUkCsv } from './uk-parser.ts';
import { parseUnXml } from './un-parser.ts';

export { LIST_GROUPS, type ListGroup } from './list-groups.ts';

/** Where one list comes from and how it is read. */
export interface ListSource {
  readonly list: ListId;
  readonly group: ListGroup;
  /** Shown in findings and status output. */
  readonly title: string;
  readonly urlSetting: keyof SanctionsSettings & `SANCTIONS_${string}_URL`;
  readonly pathSetting: keyof SanctionsSettings & `SANCTIONS_${string}_PATH`;
  /** The file name `cairn sanctions sync --from-path DIR` looks for. */
  readonly fileName: string;
  readonly parse: (bytes: Buffer) => ParsedList;
}

export const LIST_SOURCES: readonly ListSource[] = [
  {
    list: 'ofac_sdn',
    group: 'ofac',
    title: 'OFAC Specially Designated Nationals (SDN) List',
    urlSetting: 'SANCTIONS_OFAC_URL',
    pathSetting: 'SANCTIONS_OFAC_PATH',
    fileName: 'ofac-sdn.xml',
    parse: parseOfacXml,
  },
  {
    list: 'ofac_consolidated',
    group: 'ofac',
    title: 'OFAC Consolidated (non-SDN) Sanctions List',
    urlSetting: 'SANCTIONS_OFAC_CONSOLIDATED_URL',
    pathSetting: 'SANCTIONS_OFAC_CONSOLIDATED_PATH',
    fileName: 'ofac-consolidated.xml',
    parse: parseOfacXml,
  },
  {
    list: 'un_consolidated',
    group: 'un',
    title: 'UN Security Council Consolidated List',
    urlSetting: 'SANCTIONS_UN_URL',
    pathSetting: 'SANCTIONS_UN_PATH',
    fileName: 'un-consolidated.xml',
    parse: parseUnXml,
  },
  {
    list: 'eu_fsf',
    group: 'eu',
    title: 'EU Financial Sanctions Files (consolidated list)',
    urlSetting: 'SANCTIONS_EU_URL',
    pathSetting: 'SANCTIONS_EU_PATH',
    fileName: 'eu-fsf.xml',
    parse: parseEuXml,
  },
  {
    list: 'uk_ofsi',
    group: 'uk',
    title: 'UK OFSI Consolidated List of Financial Sanctions Targets',
    urlSetting: 'SANCTIONS_UK_URL',
    pathSetting: 'SANCTIONS_UK_PATH',
    fileName: 'uk-conlist.csv',
    parse: parseUkCsv,
  },
];

export const sourcesOf = (group: ListGroup): ListSource[] => LIST_SOURCES.filter((s) => s.group === group);
