import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { CONNECTOR_DEFINITIONS } from '../registry.ts';
import { connectorManifestSchema } from '../sdk.ts';
import { osintDomain } from '../osint-domain/osint-domain.ts';
import { osintIp } from '../osint-ip/osint-ip.ts';
import { tlsCertificate } from '../tls-certificate/tls-certificate.ts';

const NETWORK = [osintDomain, osintIp, tlsCertificate] as const;

describe('network connector definitions', () => {
  it('are registered, with manifests inside the closed vocabularies', () => {
    for (const definition of NETWORK) {
      assert.ok(CONNECTOR_DEFINITIONS.includes(definition), `${definition.manifest.id} is not in the registry`);
      assert.deepEqual(connectorManifestSchema.parse(definition.manifest), definition.manifest);
      assert.equal(definition.manifest.category, 'network_intelligence');
    }
  });

  it('start from an empty environment: defaults parse and the shipped data files are found', () => {
    for (const definition of NETWORK) assert.equal(definition.settings.safeParse({}).success, true, definition.manifest.id);
    const ip = osintIp.settings.parse({});
    for (const file of [ip.CONNECTOR_OSINT_IP_GEOIP_IPV4_PATH, ip.CONNECTOR_OSINT_IP_GEOIP_IPV6_PATH, ip.CONNECTOR_OSINT_IP_ASN_IPV4_PATH, ip.CONNECTOR_OSINT_IP_ASN_IPV6_PATH]) {
      assert.ok(file !== '' && fs.existsSync(file), `default data file ${file} is missing`);
    }
    const domain = osintDomain.settings.parse({});
    assert.equal(domain.CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL, 'https://data.iana.org/rdap/dns.json');
    assert.equal(domain.CONNECTOR_OSINT_DOMAIN_WHOIS_HOST, 'whois.iana.org');
    assert.equal(tlsCertificate.settings.parse({}).CONNECTOR_TLS_CERTIFICATE_PORT, 443);
  });

  it('name the variable at fault when a value is malformed', () => {
    const cases: [typeof NETWORK[number], Record<string, string>][] = [
      [osintDomain, { CONNECTOR_OSINT_DOMAIN_RDAP_BOOTSTRAP_URL: 'ftp://data.iana.org/dns.json' }],
      [osintDomain, { CONNECTOR_OSINT_DOMAIN_WHOIS_PORT: '70000' }],
      [osintIp, { CONNECTOR_OSINT_IP_DNS_TIMEOUT_MS: 'soon' }],
      [tlsCertificate, { CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET: 'example.com' }],
    ];
    for (const [definition, env] of cases) {
      const parsed = definition.settings.safeParse(env);
      assert.equal(parsed.success, false, JSON.stringify(env));
      assert.equal(parsed.error?.issues[0]?.path[0], Object.keys(env)[0]);
    }
  });

  it('treat an empty variable as unset', () => {
    assert.equal(osintDomain.settings.parse({ CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS: '' }).CONNECTOR_OSINT_DOMAIN_RDAP_TIMEOUT_MS, 5000);
  });
});
