import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ERROR_CATALOGUE } from '../src/errors/catalogue.ts';
import { sharedReferencePath } from './helpers/shared-data.ts';

// The code table of SPEC §13 ("| 400 | `request_malformed` | …"), read from the spec itself.
function specCodes(): Map<string, number> {
  const spec = fs.readFileSync(sharedReferencePath('SPEC.md'), 'utf8');
  const section = spec.slice(spec.indexOf('## 13. Errors'), spec.indexOf('## 14.'));
  const codes = new Map<string, number>();
  for (const match of section.matchAll(/^\|\s*(\d{3})\s*\|\s*`([a-z_]+)`\s*\|/gm)) codes.set(match[2]!, Number(match[1]));
  return codes;
}

describe('error catalogue', () => {
  it('has exactly the codes of the spec table, with the same HTTP statuses', () => {
    const spec = specCodes();
    assert.ok(spec.size >= 18, `parsed ${spec.size} codes from SPEC §13`);
    for (const [code, status] of spec) {
      assert.ok(code in ERROR_CATALOGUE, `spec code ${code} missing from the catalogue`);
      assert.equal(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status, status, code);
    }
    for (const code of Object.keys(ERROR_CATALOGUE)) assert.ok(spec.has(code), `catalogue code ${code} is not in the spec`);
  });

  it('gives every code a message and a retryable flag', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      assert.ok(entry.message.length > 10, code);
      assert.equal(typeof entry.retryable, 'boolean', code);
    }
  });

  it('is the only place a code is spelled in the HTTP layer', () => {
    const httpDir = path.resolve(import.meta.dirname, '../src/http');
    const files = fs.readdirSync(httpDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const text = fs.readFileSync(path.join(httpDir, file), 'utf8');
      for (const match of text.matchAll(/new ApiError\('([a-z_]+)'/g)) assert.ok(match[1]! in ERROR_CATALOGUE, `${file}: ${match[1]}`);
    }
  });
});

describe('error codes in the HTTP tests', () => {
  it('every code of the catalogue is asserted by at least one test that talks to the engine', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const files = ['src', 'test']
      .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((f) => path.join(root, dir, f)))
      .filter((f) => f.endsWith('.test.ts') && !f.endsWith('errors-catalogue.test.ts'))
      // Tests that talk to an engine: through inject or a real socket.
      .map((f) => fs.readFileSync(f, 'utf8'))
      .filter((text) => /startTestEngine|startServer|startIdentityRig|fetch\(/.test(text));
    for (const code of Object.keys(ERROR_CATALOGUE)) {
      assert.ok(files.some((text) => text.includes(`'${code}'`)), `no HTTP test asserts the error code ${code}`);
    }
  });
});
