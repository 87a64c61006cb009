import { type PhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import {
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  defineConnector,
  defineManifest,
  type Finding,
  found,
  type HealthReport,
} from '../sdk.ts';
import { PrefixTables } from './prefix-tables.ts';

const manifest = defineManifest({
  id: 'phone_metadata',
  name: 'Phone numbering metadata',
  description:
    'Offline numbering-plan facts for a phone number: validity, line type, original carrier, region and time zones, ' +
    "from Google's libphonenumber metadata (no network).",
  category: 'person_data',
  tier: 'primary',
  accepts: ['phone'],
  credential_mode: 'intrace_managed',
  // Numbering-plan data is authoritative for how a range is allocated, not for who holds it.
  reliability: 0.9,
  upstream: 'libphonenumber',
});

// libphonenumber's types, in the contract's vocabulary ("mobile, landline, voip …").
const LINE_TYPES: Record<string, string> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'landline',
  FIXED_LINE_OR_MOBILE: 'landline_or_mobile',
  VOIP: 'voip',
  TOLL_FREE: 'toll_free',
  PREMIUM_RATE: 'premium_rate',
  SHARED_COST: 'shared_cost',
  PERSONAL_NUMBER: 'personal_number',
  PAGER: 'pager',
  UAN: 'uan',
  VOICEMAIL: 'voicemail',
};

async function describe(number: PhoneNumber, tables: PrefixTables): Promise<Finding> {
  const valid = number.isValid();
  const cc = number.countryCallingCode;
  const national = number.nationalNumber;
  const [carrier, region, zones] = await Promise.all([
    tables.longestPrefix(`carrier/en/${cc}.bson`, national),
    tables.longestPrefix(`geocodes/en/${cc}.bson`, national),
    tables.longestPrefix('timezones.bson', `${cc}${national}`),
  ]);
  const type = number.getType();
  return {
    kind: 'phone',
    data: {
      number: number.number,
      ...(type !== undefined ? { type: LINE_TYPES[type] ?? type.toLowerCase() } : {}),
      ...(carrier !== null ? { carrier } : {}),
      ...(number.country !== undefined ? { country: number.country } : {}),
      valid,
      possible: number.isPossible(),
      ...(region !== null ? { region } : {}),
      ...(zones !== null ? { time_zones: zones.split('&') } : {}),
      country_calling_code: cc,
      national_number: national,
      formats: {
        e164: number.format('E.164'),
        international: number.formatInternational(),
        national: number.formatNational(),
        rfc3966: number.getURI(),
      },
    },
    // An invalid number is still a fact worth reporting, but a weak one.
    confidence: valid ? 0.95 : 0.4,
    about: [{ type: 'phone', normalized: number.number }],
    evidence: { detail: valid ? 'number is valid in its numbering plan' : 'number is possible but not assigned in its numbering plan' },
  };
}

export const phoneMetadata = defineConnector({
  manifest,
  settings: z.object({}),
  create(): Connector {
    const tables = new PrefixTables();
    return {
      manifest,
      egress: [],
      async run(input: ConnectorInput): Promise<ConnectorResult> {
        const findings: Finding[] = [];
        for (const identifier of input.identifiers) {
          const number = parsePhoneNumberFromString(identifier.normalized);
          // An unassigned country calling code parses to nothing: no facts, not a failure.
          if (number !== undefined) findings.push(await describe(number, tables));
        }
        return found(findings);
      },
      async health(): Promise<HealthReport> {
        const started = performance.now();
        const probe = parsePhoneNumberFromString('+33612345678');
        const carrier = probe ? await tables.longestPrefix('carrier/en/33.bson', probe.nationalNumber) : null;
        const latency = Math.round(performance.now() - started);
        return carrier === null
          ? { status: 'unreachable', latency_ms: null, error: 'numbering metadata files could not be read', reason: 'connector_error' }
          : { status: 'reachable', latency_ms: latency, error: null };
      },
    };
  },
});
