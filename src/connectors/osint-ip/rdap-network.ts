import {
  calendarDate,
  entitiesOf,
  entitiesWithRole,
  entityName,
  eventDate,
  objectsMember,
  roleEmail,
  stringMember,
  stringsMember,
} from '../network-common/rdap-objects.ts';
import { UpstreamFormatError } from '../sdk.ts';

/** What a regional registry says about the network that holds an address. */
export interface NetworkFacts {
  readonly url: string;
  readonly handle: string | null;
  readonly name: string | null;
  readonly type: string | null;
  readonly range: string | null;
  /** CIDR blocks (the `cidr0` extension), comma-separated. */
  readonly cidr: string | null;
  readonly country: string | null;
  readonly parentHandle: string | null;
  readonly owner: string | null;
  readonly abuseEmail: string | null;
  readonly registered: string | null;
  readonly updated: string | null;
  readonly status: readonly string[];
}

/**
 * Reads an RFC 9083 §5.4 IP network object. The owner is the `registrant` entity (RIPE and
 * APNIC also name it by `org`); the abuse contact is an `abuse` entity at any depth, as ARIN
 * nests it under the registrant.
 *
 * @example
 * parseRdapNetwork(body, 'https://rdap.arin.net/registry/ip/8.8.8.8').owner // 'Google LLC'
 */
export function parseRdapNetwork(body: unknown, url: string): NetworkFacts {
  if (stringMember(body, 'objectClassName') !== 'ip network') {
    throw new UpstreamFormatError(`${new URL(url).host} did not answer with an RDAP ip network object`);
  }
  const entities = entitiesOf(body);
  const owner = entitiesWithRole(entities, 'registrant')[0];
  const start = stringMember(body, 'startAddress');
  const end = stringMember(body, 'endAddress');
  const cidrs = objectsMember(body, 'cidr0_cidrs').flatMap((c) => {
    const prefix = typeof c.v4prefix === 'string' ? c.v4prefix : typeof c.v6prefix === 'string' ? c.v6prefix : null;
    return prefix !== null && typeof c.length === 'number' ? [`${prefix}/${c.length}`] : [];
  });
  const date = (action: string): string | null => {
    const value = eventDate(body, action);
    return value === null ? null : calendarDate(value);
  };
  return {
    url,
    handle: stringMember(body, 'handle'),
    name: stringMember(body, 'name'),
    type: stringMember(body, 'type'),
    range: start !== null && end !== null ? `${start} - ${end}` : null,
    cidr: cidrs.length > 0 ? cidrs.join(', ') : null,
    country: stringMember(body, 'country'),
    parentHandle: stringMember(body, 'parentHandle'),
    owner: owner ? entityName(owner) : null,
    abuseEmail: roleEmail(entities, 'abuse'),
    registered: date('registration'),
    updated: date('last changed'),
    status: stringsMember(body, 'status'),
  };
}
