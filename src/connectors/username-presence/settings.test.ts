import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CONNECTOR_DEFINITIONS } from '../registry.ts';
import { connectorManifestSchema } from '../sdk.ts';
import { DEFAULT_USER_AGENT, usernamePresenceSettings } from './settings.ts';
import { usernamePresence } from './username-presence.ts';

const issueOf = (env: Record<string, string>) => {
  const parsed = usernamePresenceSettings.safeParse(env);
  assert.equal(parsed.success, false);
  const issue = parsed.error!.issues[0]!;
  return `${String(issue.path[0])}: ${issue.message}`;
};

describe('username_presence definition', () => {
  it('is registered, with a manifest inside the closed vocabularies', () => {
    assert.ok(CONNECTOR_DEFINITIONS.includes(usernamePresence));
    assert.deepEqual(connectorManifestSchema.parse(usernamePresence.manifest), usernamePresence.manifest);
    const { category, tier, accepts, accepts_derived } = usernamePresence.manifest;
    assert.deepEqual({ category, tier, accepts, accepts_derived }, { category: 'social_media', tier: 'primary', accepts: ['username'], accepts_derived: ['username'] });
    assert.equal(usernamePresence.settings.safeParse({}).success, true);
  });
});

describe('connector settings', () => {
  it('has the documented defaults, and treats empty values as unset', () => {
    const s = usernamePresenceSettings.parse({ USERNAME_SITES_PATH: '', CONNECTOR_USERNAME_PRESENCE_TAGS: '' });
    assert.equal(s.CONNECTOR_USERNAME_PRESENCE_CONCURRENCY, 100);
    assert.equal(s.CONNECTOR_USERNAME_PRESENCE_PER_HOST_LIMIT, 4);
    assert.equal(s.CONNECTOR_USERNAME_PRESENCE_STANDARD_TOP, 500);
    assert.equal(s.CONNECTOR_USERNAME_PRESENCE_MAX_BODY_BYTES, 256 * 1024);
    assert.equal(s.USERNAME_SITES_PATH, undefined);
    assert.deepEqual(s.CONNECTOR_USERNAME_PRESENCE_TAGS, []);
    assert.equal(s.CONNECTOR_USERNAME_PRESENCE_USER_AGENT, DEFAULT_USER_AGENT);
    assert.equal(s.CONNECTOR_USERNAME_PRESENCE_CONTROL_PROBES, true);
  });

  it('names the variable at fault', () => {
    assert.match(issueOf({ CONNECTOR_USERNAME_PRESENCE_CONCURRENCY: '0' }), /^CONNECTOR_USERNAME_PRESENCE_CONCURRENCY: must be at least 1/);
    assert.match(issueOf({ USERNAME_SITES_URL: 'ftp://x' }), /^USERNAME_SITES_URL: must be an http\(s\) URL/);
    assert.match(issueOf({ USERNAME_SITES_SHA256: 'abc' }), /^USERNAME_SITES_SHA256: must be 64 hex digits/);
    assert.match(issueOf({ USERNAME_SITES_PATH: '/x.json', USERNAME_SITES_URL: 'https://x.example/d.json' }), /^USERNAME_SITES_URL: set USERNAME_SITES_PATH or USERNAME_SITES_URL, not both/);
    assert.match(issueOf({ CONNECTOR_USERNAME_PRESENCE_PROXY_BY_TAG: 'tor' }), /^CONNECTOR_USERNAME_PRESENCE_PROXY_BY_TAG: "tor" is not tag=proxy-url/);
    assert.match(issueOf({ CONNECTOR_USERNAME_PRESENCE_PROXY_URL: 'gopher://p:1' }), /^CONNECTOR_USERNAME_PRESENCE_PROXY_URL: .* must be an http, https or socks5 proxy URL/);
  });

  it('reads proxy routes per tag', () => {
    const s = usernamePresenceSettings.parse({ CONNECTOR_USERNAME_PRESENCE_PROXY_BY_TAG: 'tor=socks5://127.0.0.1:9050, RU=http://proxy.example:3128' });
    assert.deepEqual(s.CONNECTOR_USERNAME_PRESENCE_PROXY_BY_TAG, [
      { label: 'tor', proxyUrl: 'socks5://127.0.0.1:9050' },
      { label: 'ru', proxyUrl: 'http://proxy.example:3128' },
    ]);
  });
});
