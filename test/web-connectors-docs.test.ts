import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { emailIntel } from '../src/connectors/email-intel/email-intel.ts';
import { ROLE_ACCOUNTS } from '../src/connectors/email-intel/role-accounts.ts';
import { SOCIAL_PLATFORMS } from '../src/connectors/social-url/social-platforms.ts';
import { socialUrl } from '../src/connectors/social-url/social-url.ts';
import { webPage } from '../src/connectors/web-page/web-page.ts';

const doc = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'web-connectors.md'), 'utf8');

/** docs/web-connectors.md must name what the code has, and nothing it does not. */
describe('docs/web-connectors.md', () => {
  it('documents every setting of the three connectors, and no other CONNECTOR_ variable of theirs', () => {
    const variables = [emailIntel, webPage, socialUrl].flatMap((d) => (d.settings instanceof z.ZodObject ? Object.keys(d.settings.shape) : []));
    for (const name of variables) assert.ok(doc.includes(`\`${name}\``), `${name} is not documented`);
    const documented = new Set([...doc.matchAll(/`(CONNECTOR_(?:EMAIL_INTEL|WEB_PAGE|SOCIAL_URL)_[A-Z_]+)`/g)].map((m) => m[1]));
    assert.deepEqual([...documented].filter((name) => !variables.includes(name!)), []);
  });

  it('lists every role account', () => {
    for (const role of ROLE_ACCOUNTS) assert.ok(doc.includes(`\`${role}\``), `role account ${role} is not documented`);
  });

  it('lists every platform of the social_url table', () => {
    for (const platform of SOCIAL_PLATFORMS) assert.ok(doc.includes(`| \`${platform.id}\` | ${platform.name} |`), `platform ${platform.id} is not documented`);
  });
});
