import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { whoisServerInIanaAnswer } from './whois-client.ts';
import { parseWhois, whoisDate } from './whois-parse.ts';

// Layouts as the registries print them (values invented).
const ICANN_GTLD = `Domain Name: EXAMPLE-SHOP.ORG
Registry Domain ID: 5a1b2c3d-LROR
Registrar WHOIS Server: whois.example-registrar.com
Registrar URL: http://www.example-registrar.com
Updated Date: 2025-02-11T08:27:14Z
Creation Date: 2004-05-03T16:35:41Z
Registry Expiry Date: 2027-05-03T16:35:41Z
Registrar: Example Registrar, LLC
Registrar IANA ID: 9999
Registrar Abuse Contact Email: abuse@example-registrar.com
Registrar Abuse Contact Phone: +1.5555550100
Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited
Domain Status: clientUpdateProhibited https://icann.org/epp#clientUpdateProhibited
Registrant Organization: Example Shop Foundation
Registrant State/Province: CA
Name Server: NS1.EXAMPLE-DNS.NET
Name Server: NS2.EXAMPLE-DNS.NET
DNSSEC: unsigned
URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/
>>> Last update of WHOIS database: 2026-06-01T10:42:11Z <<<

For more information on Whois status codes, please visit https://icann.org/epp
`;

const DENIC = `Domain: beispiel.de
Nserver: ns1.beispiel-hosting.de
Nserver: ns2.beispiel-hosting.de
Status: connect
Changed: 2024-11-05T13:47:35+01:00
`;

const JPRS = `[ JPRS database provides information on network administration. ]
Domain Information:
a. [Domain Name]                EXAMPLE.JP
g. [Organization]               Example Corp.
p. [Name Server]                ns1.example.jp
p. [Name Server]                ns2.example.jp
[Created on]                    2001/02/03
[Expires on]                    2027/02/28
[Status]                        Active
[Last Updated]                  2026/03/01 01:05:03 (JST)
`;

const FICORA = `domain.............: esimerkki.fi
status.............: Registered
created............: 12.3.2002 00:00:00
expires............: 31.8.2027 10:33:39
nserver............: ns1.esimerkki.fi [Technical Error]
registrar..........: Esimerkki Oy
`;

describe('WHOIS answer parsing', () => {
  it('reads the ICANN gTLD layout', () => {
    const facts = parseWhois(ICANN_GTLD, 'whois.pir.org');
    assert.ok(facts !== null && facts !== 'not_registered');
    assert.equal(facts.registrar, 'Example Registrar, LLC');
    assert.equal(facts.registrarIanaId, '9999');
    assert.equal(facts.registrarAbuseEmail, 'abuse@example-registrar.com');
    assert.equal(facts.registrant, 'Example Shop Foundation');
    assert.equal(facts.created, '2004-05-03');
    assert.equal(facts.expires, '2027-05-03');
    assert.equal(facts.updated, '2025-02-11');
    assert.deepEqual(facts.status, ['clientTransferProhibited', 'clientUpdateProhibited']);
    assert.deepEqual(facts.nameservers, ['ns1.example-dns.net', 'ns2.example-dns.net']);
    assert.equal(facts.whoisServer, 'whois.example-registrar.com');
    assert.equal(facts.dnssecSigned, false);
    assert.equal(facts.handle, '5a1b2c3d-LROR');
  });

  it('reads DENIC, JPRS and dotted-key layouts', () => {
    const denic = parseWhois(DENIC, 'whois.denic.de');
    assert.ok(denic !== null && denic !== 'not_registered');
    assert.deepEqual(denic.nameservers, ['ns1.beispiel-hosting.de', 'ns2.beispiel-hosting.de']);
    assert.deepEqual(denic.status, ['connect']);
    assert.equal(denic.updated, '2024-11-05');
    assert.equal(denic.whoisServer, 'whois.denic.de');

    const jprs = parseWhois(JPRS, 'whois.jprs.jp');
    assert.ok(jprs !== null && jprs !== 'not_registered');
    assert.equal(jprs.created, '2001-02-03');
    assert.equal(jprs.expires, '2027-02-28');
    assert.deepEqual(jprs.nameservers, ['ns1.example.jp', 'ns2.example.jp']);
    assert.deepEqual(jprs.status, ['Active']);

    const fi = parseWhois(FICORA, 'whois.fi');
    assert.ok(fi !== null && fi !== 'not_registered');
    assert.equal(fi.registrar, 'Esimerkki Oy');
    assert.deepEqual(fi.nameservers, ['ns1.esimerkki.fi']);
  });

  it('recognises the "not registered" answers of several registries', () => {
    for (const text of ['No match for "NOPE.COM".\n>>> Last update', '%ERROR:101: no entries found\n', 'Domain: frei.de\nStatus: free\n', 'NOT FOUND\n', '  No Data Found\n']) {
      assert.equal(parseWhois(text, 'whois.example'), 'not_registered', text);
    }
  });

  it('returns null for an answer without registration fields', () => {
    assert.equal(parseWhois('% Rate limit exceeded. Try again later.\n', 'whois.example'), null);
  });

  it('normalises registry date layouts', () => {
    assert.equal(whoisDate('2001.06.15 13:00:00'), '2001-06-15');
    assert.equal(whoisDate('15.06.2001'), '2001-06-15');
    assert.equal(whoisDate('26-Aug-1996'), '1996-08-26');
    assert.equal(whoisDate('before Aug-1996'), 'before Aug-1996');
  });

  it('finds the TLD WHOIS server in an IANA answer', () => {
    assert.equal(whoisServerInIanaAnswer('refer:        whois.nic.uk\n\ndomain:       UK\nwhois:        whois.other.uk\n'), 'whois.nic.uk');
    assert.equal(whoisServerInIanaAnswer('domain:       XX\n\nwhois:        whois.nic.xx\n'), 'whois.nic.xx');
    assert.equal(whoisServerInIanaAnswer('domain:       XX\n\nwhois:\n'), null);
  });
});
