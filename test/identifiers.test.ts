import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { IDENTIFIER_TYPES } from '../src/identifiers/identifier-types.ts';
import { checkIdentifier } from '../src/identifiers/validate-identifier.ts';

const ok = (type: Parameters<typeof checkIdentifier>[0], value: string) => {
  const check = checkIdentifier(type, value);
  assert.ok(check.ok, `${type} ${value} should be valid`);
  return check.normalized;
};
const bad = (type: Parameters<typeof checkIdentifier>[0], value: string) => assert.equal(checkIdentifier(type, value).ok, false, `${type} ${JSON.stringify(value)} should be invalid`);

describe('identifier validation and normal forms', () => {
  it('emails: RFC 5321 forms, lengths, lower-case IDNA domain', () => {
    assert.equal(ok('email', 'Jane.Doe@Example.COM'), 'Jane.Doe@example.com');
    assert.equal(ok('email', 'a@bücher.example'), 'a@xn--bcher-kva.example');
    ok('email', '"quoted string"@example.com');
    ok('email', 'user@[IPv6:2001:db8::1]');
    ok('email', `${'a'.repeat(64)}@example.com`);
    bad('email', `${'a'.repeat(65)}@example.com`);
    bad('email', 'a..b@example.com');
    bad('email', '.a@example.com');
    bad('email', 'a@example');
    bad('email', 'a@-example.com');
    bad('email', `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(60)}.com`);
  });

  it('phones: strict E.164', () => {
    assert.equal(ok('phone', ' +15551234567 '), '+15551234567');
    bad('phone', '15551234567');
    bad('phone', '+1 555 123 4567');
    bad('phone', '+0123456');
    bad('phone', '+1234567890123456');
  });

  it('ips and domains', () => {
    assert.equal(ok('ip', '2001:0DB8:0000:0000:0000:0000:0000:0001'), '2001:db8::1');
    bad('ip', '1.2.3');
    bad('ip', '::ffff:1.2.3.4.5');
    assert.equal(ok('domain', 'WWW.Example.COM.'), 'www.example.com');
    bad('domain', 'example');
    bad('domain', 'a_b.example.com');
    bad('domain', `${'a'.repeat(64)}.com`);
    bad('domain', 'example.123');
  });

  it('urls: http(s) only, no credentials', () => {
    assert.equal(ok('url', 'HTTPS://Example.com:443/x'), 'https://example.com/x');
    bad('url', 'file:///etc/passwd');
    bad('url', 'https://u:p@example.com/');
    bad('url', `https://example.com/${'a'.repeat(2100)}`);
  });

  it('free text: trimmed, NFC, no control characters', () => {
    assert.equal(ok('name', ' Jane \t Doe '), 'Jane Doe');
    assert.equal(ok('username', '@handle'), 'handle');
    bad('name', '\u0007bell');
    bad('username', '');
    bad('address', 'x'.repeat(513));
  });

  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...IDENTIFIER_TYPES), fc.string({ unit: 'binary', maxLength: 400 }), (type, value) => {
        const check = checkIdentifier(type, value);
        if (check.ok) assert.equal(checkIdentifier(type, check.normalized).ok, true, 'normal form is itself valid');
      }),
      { numRuns: 3000 },
    );
  });
});
