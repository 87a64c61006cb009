/**
 * Reading the common parts of RDAP objects (RFC 9083 §4–5): entities with roles and jCard
 * (RFC 7095) contact data, events, status values. Registries fill these unevenly, so every
 * reader is lenient: a member of the wrong shape reads as absent, never as an exception.
 */

export interface RdapEntity {
  readonly handle?: string;
  readonly roles: readonly string[];
  /** jCard properties: [name, params, type, value, …]. */
  readonly vcard: readonly (readonly unknown[])[];
  readonly publicIds: readonly { readonly type: string; readonly identifier: string }[];
  readonly entities: readonly RdapEntity[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * The `entities` member of an RDAP object, read leniently (nested entities included).
 *
 * @example
 * entitiesOf({ entities: [{ roles: ['registrar'], vcardArray: ['vcard', [['fn', {}, 'text', 'Registrar Inc.']]] }] })[0].roles // ['registrar']
 */
export function entitiesOf(object: unknown): RdapEntity[] {
  if (!isObject(object) || !Array.isArray(object.entities)) return [];
  return object.entities.filter(isObject).map((e) => ({
    ...(typeof e.handle === 'string' ? { handle: e.handle } : {}),
    roles: stringsOf(e.roles).map((r) => r.toLowerCase()),
    vcard: Array.isArray(e.vcardArray) && e.vcardArray[0] === 'vcard' && Array.isArray(e.vcardArray[1]) ? e.vcardArray[1].filter((p): p is unknown[] => Array.isArray(p)) : [],
    publicIds: Array.isArray(e.publicIds)
      ? e.publicIds.filter(isObject).flatMap((p) => (typeof p.type === 'string' && typeof p.identifier === 'string' ? [{ type: p.type, identifier: p.identifier }] : []))
      : [],
    entities: entitiesOf(e),
  }));
}

/** Every entity with `role`, searched depth-first through nested entities. */
export function entitiesWithRole(entities: readonly RdapEntity[], role: string): RdapEntity[] {
  const out: RdapEntity[] = [];
  for (const entity of entities) {
    if (entity.roles.includes(role)) out.push(entity);
    out.push(...entitiesWithRole(entity.entities, role));
  }
  return out;
}

// ICANN's Registration Data Policy lets registries blank or mask contact fields.
const REDACTED = /^(?:redacted|redacted for privacy|data redacted|not disclosed|withheld|privacy)/i;

/**
 * The text of a jCard property (`fn`, `org`, `email` …); structured values are joined.
 * Redaction placeholders read as absent.
 *
 * @example
 * vcardText({ roles: [], vcard: [['fn', {}, 'text', 'Example Registrar']], publicIds: [], entities: [] }, 'fn') // 'Example Registrar'
 */
export function vcardText(entity: RdapEntity, property: string): string | null {
  for (const prop of entity.vcard) {
    if (prop[0] !== property) continue;
    const values = prop.slice(3).flatMap((v) => (Array.isArray(v) ? v : [v]));
    const text = values
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
      .join(', ')
      .trim();
    if (text !== '' && !REDACTED.test(text)) return text;
  }
  return null;
}

/** `fn`, else `org`: the name an entity goes by. */
export function entityName(entity: RdapEntity): string | null {
  return vcardText(entity, 'fn') ?? vcardText(entity, 'org');
}

/** The first e-mail address of an entity or of its nested entities with `role`. */
export function roleEmail(entities: readonly RdapEntity[], role: string): string | null {
  for (const entity of entitiesWithRole(entities, role)) {
    const email = vcardText(entity, 'email');
    if (email !== null) return email;
  }
  return null;
}

/**
 * The date of the first event with this `eventAction` (`registration`, `expiration`,
 * `last changed` …), as the registry wrote it.
 */
export function eventDate(object: unknown, action: string): string | null {
  if (!isObject(object) || !Array.isArray(object.events)) return null;
  for (const event of object.events) {
    if (isObject(event) && typeof event.eventAction === 'string' && event.eventAction.toLowerCase() === action && typeof event.eventDate === 'string') {
      return event.eventDate;
    }
  }
  return null;
}

/**
 * An RFC 3339 timestamp reduced to its calendar date (the contract's `created_date` is a
 * date, e.g. `2003-08-15`); text that is not a timestamp is returned as it is.
 *
 * @example
 * calendarDate('1995-08-14T04:00:00Z') // '1995-08-14'
 */
export function calendarDate(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/.exec(value.trim());
  return match ? match[1]! : value.trim();
}

// RFC 8056 §2 maps EPP statuses to RDAP's space-separated words; these two are renamed.
const RDAP_TO_EPP: Readonly<Record<string, string>> = { active: 'ok', associated: 'linked' };

/**
 * RDAP status values in EPP spelling, as the contract shows them (`clientTransferProhibited`).
 *
 * @example
 * eppStatus(['client transfer prohibited', 'active']) // ['clientTransferProhibited', 'ok']
 */
export function eppStatus(values: readonly string[]): string[] {
  return values.map((value) => {
    const lower = value.trim().toLowerCase();
    const renamed = RDAP_TO_EPP[lower];
    if (renamed !== undefined) return renamed;
    const words = lower.split(/\s+/).filter((w) => w !== '');
    return words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  });
}

/** A string member of an RDAP object, or null. */
export function stringMember(object: unknown, name: string): string | null {
  return isObject(object) && typeof object[name] === 'string' && object[name] !== '' ? (object[name] as string) : null;
}

/** A string-array member of an RDAP object (`status` …). */
export function stringsMember(object: unknown, name: string): string[] {
  return isObject(object) ? stringsOf(object[name]) : [];
}

/** Elements of an array member that are objects (`nameservers`, `cidr0_cidrs` …). */
export function objectsMember(object: unknown, name: string): Record<string, unknown>[] {
  return isObject(object) && Array.isArray(object[name]) ? object[name].filter(isObject) : [];
}
