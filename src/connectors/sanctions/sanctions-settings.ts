import { z } from 'zod';
import { DEFAULT_MATCH_THRESHOLD } from '../../matching/screening.ts';
import { baseUrlField, blankAsUnset, boolText, intField } from '../sdk.ts';
import { LIST_GROUPS } from './list-groups.ts';

const optionalPath = z.string().trim().min(1).optional();

/** Every field with `FOO=` read as unset, so its default applies (as in config.ts). */
function blankFieldsAsUnset<S extends Record<string, z.ZodTypeAny>>(shape: S): { [K in keyof S]: ReturnType<typeof blankAsUnset<S[K]>> } {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, blankAsUnset(v)])) as { [K in keyof S]: ReturnType<typeof blankAsUnset<S[K]>> };
}

const bool = (fallback: boolean) => boolText().default(fallback);

// Five cron fields (minute hour day-of-month month day-of-week), as pg-boss reads them, in UTC.
const cron = z
  .string()
  .trim()
  .regex(/^(\S+\s+){4}\S+$/, 'must be a five-field cron expression, e.g. "0 3 * * *"');

/**
 * Every SANCTIONS_* variable, read by the four sanctions connectors (threshold, egress, staleness)
 * and by the sync job (sources, limits, schedule). Defaults are the publishers' official
 * download addresses as of 2026; any of them can point elsewhere (a mirror, a loopback fake), and
 * a `_PATH` variable replaces the download with a file on disk for air-gapped installs.
 *
 * @example
 * sanctionsSettingsSchema.parse({ SANCTIONS_UN_PATH: '/srv/lists/consolidated.xml' }).SANCTIONS_UN_PATH
 */
export const sanctionsSettingsSchema = z.object(
  blankFieldsAsUnset({
    SANCTIONS_OFAC_URL: baseUrlField('https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML'),
    SANCTIONS_OFAC_PATH: optionalPath,
    SANCTIONS_OFAC_CONSOLIDATED_URL: baseUrlField('https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML'),
    SANCTIONS_OFAC_CONSOLIDATED_PATH: optionalPath,
    SANCTIONS_UN_URL: baseUrlField('https://scsanctions.un.org/resources/xml/en/consolidated.xml'),
    SANCTIONS_UN_PATH: optionalPath,
    SANCTIONS_EU_URL: baseUrlField('https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw'),
    SANCTIONS_EU_PATH: optionalPath,
    SANCTIONS_UK_URL: baseUrlField('https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv'),
    SANCTIONS_UK_PATH: optionalPath,
    /** Score at and above which an entry is reported (0–1). */
    SANCTIONS_MATCH_THRESHOLD: z
      .string()
      .trim()
      .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number from 0 to 1')
      .transform(Number)
      .default(DEFAULT_MATCH_THRESHOLD),
    /** Which publishers the sync fetches (comma-separated: ofac, un, eu, uk). */
    SANCTIONS_SYNC_LISTS: z
      .string()
      .transform((v) => [...new Set(v.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''))])
      .pipe(z.array(z.enum(LIST_GROUPS), { error: 'must be a comma-separated list of ofac, un, eu, uk' }))
      .default([...LIST_GROUPS]),
    /** When the background sync runs (UTC). */
    SANCTIONS_SYNC_CRON: cron.default('0 3 * * *'),
    /** Sync at start when a list was never synced, instead of waiting for the schedule. */
    SANCTIONS_SYNC_ON_START: bool(true),
    SANCTIONS_DOWNLOAD_TIMEOUT_SECONDS: intField(5, 3600, 300),
    /** Largest list file accepted, in bytes (the full EU file is the biggest, tens of MB). */
    SANCTIONS_MAX_BYTES: intField(1024, 2 * 1024 * 1024 * 1024, 256 * 1024 * 1024),
    /** A new version with fewer entries than this share of the current one is refused (a cut or
     * emptied publication); `cairn sanctions sync --force` overrides it. */
    SANCTIONS_MIN_RETAINED_PERCENT: intField(0, 100, 50),
    /** A list not confirmed current for this many days makes its connector's health `degraded`. */
    SANCTIONS_STALE_AFTER_DAYS: intField(1, 365, 7),
  }),
);
export type SanctionsSettings = z.output<typeof sanctionsSettingsSchema>;
