import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/config.ts';

const oidc = { AUTH_MODE: 'oidc', OIDC_ISSUER_URL: 'https://idp.example.com/realms/x', OIDC_AUDIENCE: 'cairn' };

describe('SSO configuration is checked at start', () => {
  it('derives the callback, entity id and ACS URLs from PUBLIC_URL', () => {
    const config = loadConfig({ ...oidc, AUTH_MODE: 'both', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', SAML_METADATA_URL: 'https://idp.example.com/md', PUBLIC_URL: 'https://cairn.example.org/' });
    assert.equal(config.oidc.redirectUrl, 'https://cairn.example.org/auth/oidc/callback');
    assert.equal(config.saml.entityId, 'https://cairn.example.org/auth/saml/metadata');
    assert.equal(config.saml.acsUrl, 'https://cairn.example.org/auth/saml/acs');
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    ['a client id without its secret', { ...oidc, OIDC_CLIENT_ID: 'c', PUBLIC_URL: 'https://cairn.example.org' }, /^OIDC_CLIENT_SECRET: is required when OIDC_CLIENT_ID is set/],
    ['a code flow with nowhere to come back to', { ...oidc, OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }, /^OIDC_REDIRECT_URL: or PUBLIC_URL is required/],
    ['an issuer without an audience', { AUTH_MODE: 'oidc', OIDC_ISSUER_URL: 'https://idp.example.com' }, /^OIDC_AUDIENCE: is required/],
    ['SAML without an entity id', { AUTH_MODE: 'saml', SAML_METADATA_XML_PATH: '/etc/idp.xml', SAML_ACS_URL: 'https://c.example/auth/saml/acs' }, /^SAML_ENTITY_ID: is required/],
    ['SAML without metadata', { AUTH_MODE: 'saml', PUBLIC_URL: 'https://c.example' }, /^SAML_METADATA_URL: or SAML_METADATA_XML_PATH is required/],
    ['a JWKS cooldown out of range', { OIDC_JWKS_COOLDOWN_SECONDS: '-1' }, /^OIDC_JWKS_COOLDOWN_SECONDS: must be at least 0/],
  ];
  for (const [what, env, message] of refused) {
    it(`refuses ${what}`, () => {
      assert.throws(() => loadConfig(env), (err: Error) => message.test(err.message));
    });
  }
});
