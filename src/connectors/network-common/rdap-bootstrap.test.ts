import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eppStatus, calendarDate } from './rdap-objects.ts';
import { DomainBootstrap, IpBootstrap } from './rdap-bootstrap.ts';

describe('RDAP bootstrap registries (RFC 9224)', () => {
  it('matches the longest label suffix and prefers https', () => {
    const registry = DomainBootstrap.parse({
      version: '1.0',
      services: [
        [['com', 'net'], ['http://rdap.example/com/', 'https://rdap.verisign.example/com/v1']],
        [['co.example'], ['https://rdap.co-example.example/']],
        [['example'], ['https://rdap.example-tld.example/']],
      ],
    });
    assert.equal(registry.serverFor('www.Example.COM'), 'https://rdap.verisign.example/com/v1/');
    assert.equal(registry.serverFor('shop.co.example'), 'https://rdap.co-example.example/');
    assert.equal(registry.serverFor('other.example'), 'https://rdap.example-tld.example/');
    assert.equal(registry.serverFor('example.uk'), null);
  });

  it('matches the longest address prefix of the right family', () => {
    const registry = IpBootstrap.parse({
      services: [
        [['8.0.0.0/8'], ['https://rdap.arin.example/registry/']],
        [['8.8.0.0/16'], ['https://rdap.more-specific.example/']],
        [['2001:4800::/23'], ['https://rdap.arin.example/registry/']],
        [['not-a-cidr', '2a00::/12'], ['https://rdap.ripe.example/']],
      ],
    });
    assert.equal(registry.serverFor('8.8.8.8'), 'https://rdap.more-specific.example/');
    assert.equal(registry.serverFor('8.1.2.3'), 'https://rdap.arin.example/registry/');
    assert.equal(registry.serverFor('2a00:1450::1'), 'https://rdap.ripe.example/');
    assert.equal(registry.serverFor('9.9.9.9'), null);
  });

  it('rejects a file that is not a bootstrap registry', () => {
    assert.throws(() => DomainBootstrap.parse({ services: 'nope' }), /RFC 9224/);
  });

  it('spells RDAP statuses the EPP way and reduces timestamps to dates', () => {
    assert.deepEqual(eppStatus(['client transfer prohibited', 'active', 'associated', 'pending delete']), ['clientTransferProhibited', 'ok', 'linked', 'pendingDelete']);
    assert.equal(calendarDate('1995-08-14T04:00:00Z'), '1995-08-14');
    assert.equal(calendarDate('sometime'), 'sometime');
  });
});
