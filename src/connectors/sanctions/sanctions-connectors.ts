import { defineSanctionsConnector } from './sanctions-connector.ts';

/** OFAC: the SDN list and the Consolidated (non-SDN) list, one connector (SPEC §8.5). */
export const sanctionsOfac = defineSanctionsConnector({
  id: 'sanctions_ofac',
  name: 'OFAC sanctions lists (SDN and Consolidated)',
  description:
    "Screens names and company names against the US Treasury OFAC Specially Designated Nationals list and the Consolidated " +
    '(non-SDN) list, synced from their official XML publications; aliases, dates of birth and nationalities included.',
  lists: ['ofac_sdn', 'ofac_consolidated'],
  upstream: 'ofac',
});

export const sanctionsUn = defineSanctionsConnector({
  id: 'sanctions_un',
  name: 'UN Security Council Consolidated List',
  description: 'Screens names and company names against the UN Security Council Consolidated Sanctions List, synced from its official XML.',
  lists: ['un_consolidated'],
  upstream: 'un_security_council',
});

export const sanctionsEu = defineSanctionsConnector({
  id: 'sanctions_eu',
  name: 'EU consolidated financial sanctions list',
  description: 'Screens names and company names against the EU Financial Sanctions Files (consolidated list of restrictive measures), synced from its official XML.',
  lists: ['eu_fsf'],
  upstream: 'eu_fsf',
});

export const sanctionsUk = defineSanctionsConnector({
  id: 'sanctions_uk',
  name: 'UK OFSI consolidated list',
  description: "Screens names and company names against HM Treasury OFSI's Consolidated List of Financial Sanctions Targets, synced from its official CSV.",
  lists: ['uk_ofsi'],
  upstream: 'uk_ofsi',
});
