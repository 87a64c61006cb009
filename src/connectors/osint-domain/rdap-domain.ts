import {
  calendarDate,
  entitiesOf,
  entitiesWithRole,
  entityName,
  eppStatus,
  eventDate,
  objectsMember,
  roleEmail,
  stringMember,
  stringsMember,
} from '../network-common/rdap-objects.ts';
import { UpstreamFormatError } from '../sdk.ts';
import type { RegistrationFacts } from './registration-facts.ts';

/**
 * Reads an RFC 9083 §5.3 domain object: the registrar is the entity with role `registrar`
 * (its IANA id in `publicIds`, its abuse contact a nested `abuse` entity, as ICANN's RDAP
 * profile has it), dates are the `registration`, `expiration` and `last changed` events, and
 * `port43` names the WHOIS server.
 *
 * @example
 * parseRdapDomain(body, 'https://rdap.verisign.com/com/v1/domain/example.com').registrar
 * // 'RESERVED-Internet Assigned Numbers Authority'
 */
export function parseRdapDomain(body: unknown, url: string): RegistrationFacts {
  if (stringMember(body, 'objectClassName') !== 'domain') {
    throw new UpstreamFormatError(`${new URL(url).host} did not answer with an RDAP domain object`);
  }
  const entities = entitiesOf(body);
  const registrar = entitiesWithRole(entities, 'registrar')[0];
  const registrant = entitiesWithRole(entities, 'registrant')[0];
  const secureDns = (body as { secureDNS?: { delegationSigned?: unknown } }).secureDNS;
  const date = (action: string): string | null => {
    const value = eventDate(body, action);
    return value === null ? null : calendarDate(value);
  };
  return {
    source: 'rdap',
    url,
    handle: stringMember(body, 'handle'),
    registrar: registrar ? entityName(registrar) : null,
    registrarIanaId: registrar?.publicIds.find((p) => /iana registrar id/i.test(p.type))?.identifier ?? null,
    registrarAbuseEmail: registrar ? roleEmail(registrar.entities, 'abuse') : null,
    registrant: registrant ? entityName(registrant) : null,
    created: date('registration'),
    expires: date('expiration'),
    updated: date('last changed'),
    status: eppStatus(stringsMember(body, 'status')),
    nameservers: objectsMember(body, 'nameservers').flatMap((ns) =>
      typeof ns.ldhName === 'string' && ns.ldhName !== '' ? [ns.ldhName.toLowerCase().replace(/\.$/, '')] : [],
    ),
    whoisServer: stringMember(body, 'port43'),
    dnssecSigned: typeof secureDns?.delegationSigned === 'boolean' ? secureDns.delegationSigned : null,
  };
}
