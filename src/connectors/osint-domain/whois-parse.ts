/**
 * Reads the free-text answers of WHOIS servers. There is no standard format, but most
 * registries use one of three layouts, all handled here: `Key: value` lines (ICANN's gTLD
 * format and most ccTLDs), a key alone on its line with indented values below (Nominet),
 * and `[Key] value` (JPRS). Keys are matched through alias lists; the first alias present wins.
 */
import type { RegistrationFacts } from './registration-facts.ts';

type Field = 'registrar' | 'created' | 'expires' | 'updated' | 'status' | 'nameservers' | 'whoisServer' | 'registrant' | 'handle' | 'dnssec' | 'abuse';

// Order matters: an earlier alias is the better source of the field.
const ALIASES: Readonly<Record<Field, readonly string[]>> = {
  registrar: ['registrar', 'sponsoring registrar', 'registrar name', 'registrar organization', 'registrar organisation', 'authorized agency'],
  created: ['creation date', 'created', 'created on', 'created date', 'registered on', 'registration time', 'registration date', 'registered', 'domain registration date', 'domain create date', 'registered date', 'domain record activated'],
  expires: ['registry expiry date', 'registrar registration expiration date', 'expiry date', 'expiration date', 'expiration time', 'expires', 'expires on', 'expire date', 'paid-till', 'renewal date', 'domain expiration date', 'valid until'],
  updated: ['updated date', 'last updated', 'last updated on', 'last modified', 'last-modified', 'modified', 'changed', 'last-update', 'last update'],
  status: ['domain status', 'status', 'state', 'domain state'],
  nameservers: ['name server', 'name servers', 'nameserver', 'nameservers', 'nserver', 'name server information'],
  whoisServer: ['registrar whois server', 'whois server'],
  registrant: ['registrant organization', 'registrant organisation', 'registrant name', 'registrant'],
  handle: ['registry domain id', 'domain id', 'roid'],
  dnssec: ['dnssec'],
  abuse: ['registrar abuse contact email'],
};

// Phrases registries use for "no such domain" (gTLD "No match for", DENIC "Status: free" …).
const NOT_REGISTERED =
  /^\s*(?:%+\s*)?(?:no match(?: for)?\b|not found\b|no entries found|no data found|no matching record|domain not found|no object found|object does not exist|the queried object does not exist|status:\s*(?:free|available)\b|this domain name has not been registered|%error:101)/im;

const KEY_VALUE = /^\s*([A-Za-z][A-Za-z0-9 ./()_-]{0,60}?)\s*:(?:\s+(.*?))?\s*$/;
const BRACKETED = /^\s*(?:[a-z]\.\s*)?\[([^\]]{1,60})\]\s*(.*?)\s*$/;

/** Collects `key → values` from the three layouts. */
function collectPairs(text: string): Map<string, string[]> {
  const pairs = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    const k = key.toLowerCase().replace(/\s+/g, ' ').replace(/\.+$/, '').trim();
    // Placeholders some registries print for an empty field.
    if (value.trim() === '' || /^(?:n\/a|none|not available|-+)$/i.test(value.trim())) return;
    const list = pairs.get(k);
    if (list) list.push(value.trim());
    else pairs.set(k, [value.trim()]);
  };
  let blockKey: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(?:%|#|>>>)/.test(raw)) continue;
    if (raw.trim() === '') {
      blockKey = null;
      continue;
    }
    // Nominet: "Registrar:" alone, its values indented on the following lines.
    if (blockKey !== null && /^\s+\S/.test(raw) && !KEY_VALUE.test(raw)) {
      add(blockKey, raw);
      continue;
    }
    const bracketed = BRACKETED.exec(raw);
    const keyValue = bracketed ?? KEY_VALUE.exec(raw);
    if (keyValue === null) continue;
    const value = keyValue[2] ?? '';
    if (value === '') blockKey = keyValue[1]!;
    else {
      add(keyValue[1]!, value);
      if (!/^\s/.test(raw)) blockKey = null;
    }
  }
  return pairs;
}

function values(pairs: Map<string, string[]>, field: Field): string[] {
  for (const alias of ALIASES[field]) {
    const found = pairs.get(alias);
    if (found !== undefined) return found;
  }
  return [];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A registry date as YYYY-MM-DD, from the layouts registries use; other text is kept as is.
 *
 * @example
 * whoisDate('13-Aug-2025') // '2025-08-13'
 * whoisDate('2001.06.15 13:00:00') // '2001-06-15'
 */
export function whoisDate(value: string): string {
  const v = value.trim();
  let m = /^(\d{4})[-./](\d{2})[-./](\d{2})(?:\b|T)/.exec(v);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /^(\d{2})[-./](\d{2})[-./](\d{4})\b/.exec(v);
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  m = /^(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ](\d{4})\b/.exec(v);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (m && month >= 0) return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return v;
}

const firstToken = (value: string): string => value.split(/\s+/)[0] ?? value;

/**
 * Parses a WHOIS answer for `domain` from `server`: the registration facts, `not_registered`
 * when the registry says the name is free, or null when nothing in it could be read.
 *
 * @example
 * parseWhois('Domain Name: EXAMPLE.TEST\nRegistrar: Example Registrar\nCreation Date: 1997-03-10T05:00:00Z\n', 'whois.nic.test')?.registrar
 * // 'Example Registrar'
 */
export function parseWhois(text: string, server: string): RegistrationFacts | 'not_registered' | null {
  if (NOT_REGISTERED.test(text.slice(0, 4096))) return 'not_registered';
  const pairs = collectPairs(text);
  const one = (field: Field): string | null => values(pairs, field)[0] ?? null;
  const date = (field: Field): string | null => {
    const v = one(field);
    return v === null ? null : whoisDate(v);
  };
  const nameservers = [...new Set(values(pairs, 'nameservers').map((v) => firstToken(v).toLowerCase().replace(/\.$/, '')))].filter((n) => /\./.test(n));
  const status = [...new Set(values(pairs, 'status').map(firstToken))];
  const registrar = one('registrar');
  const created = date('created');
  if (registrar === null && created === null && nameservers.length === 0 && status.length === 0) return null;
  const dnssec = one('dnssec');
  return {
    source: 'whois',
    url: `whois://${server}`,
    handle: one('handle'),
    registrar,
    registrarIanaId: pairs.get('registrar iana id')?.[0] ?? null,
    registrarAbuseEmail: one('abuse'),
    registrant: one('registrant'),
    created,
    expires: date('expires'),
    updated: date('updated'),
    status,
    nameservers,
    whoisServer: one('whoisServer')?.toLowerCase() ?? server,
    dnssecSigned: dnssec === null ? null : /^(?:signed|yes|signeddelegation|active)/i.test(dnssec),
  };
}
