/**
 * Where the catalogue comes from: a file (re-read on change), or a download (size cap, SHA-256
 * pin, strict schema) cached in DATA_DIR, where a bad download never replaces the last good
 * copy, and the shipped catalogue as the last resort. The catalogue host is a loopback server
 * serving files over plain HTTP, as a raw-file host does.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loopbackHttpClient } from '../../../test/helpers/username-sites.ts';
import { CACHE_FILE, CatalogueSource, type CatalogueSourceOptions } from './catalogue-source.ts';

const doc = (...names: string[]): string =>
  JSON.stringify(Object.fromEntries(names.map((n) => [n, { url: `https://${n.toLowerCase()}.example/{}`, urlMain: `https://${n.toLowerCase()}.example/`, errorType: 'status_code', username_claimed: 'a' }])));
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const names = (rules: readonly { name: string }[]): string[] => rules.map((r) => r.name);

describe('catalogue sources', { concurrency: 1 }, () => {
  const client = loopbackHttpClient();
  const warnings: string[] = [];
  const logger = { debug() {}, info() {}, warn: (_: object, msg?: string) => void warnings.push(msg ?? ''), error() {} };
  let server: http.Server;
  let url = '';
  let serve: { status: number; body: string } = { status: 200, body: doc('One') };
  let downloads = 0;
  let clock = Date.parse('2026-11-25T00:00:00Z');

  before(async () => {
    server = http.createServer((_req, res) => {
      downloads++;
      res.writeHead(serve.status, { 'content-type': 'application/json' });
      res.end(serve.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
  });
  after(async () => {
    await client.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-catalogue-'));
  const source = (overrides: Partial<CatalogueSourceOptions>): CatalogueSource =>
    new CatalogueSource({ path: null, url: null, sha256: null, refreshMs: 3_600_000, maxBytes: 1_000_000, downloadTimeoutMs: 5_000, dataDir: tempDir(), http: client, logger, now: () => new Date(clock), ...overrides });

  it('reads a file, re-reads it when it changes, and keeps the last good copy when an edit breaks it', async () => {
    const file = path.join(tempDir(), 'sites.json');
    fs.writeFileSync(file, doc('One'));
    const s = source({ path: file });
    assert.deepEqual(names((await s.current()).rules), ['One']);
    fs.writeFileSync(file, doc('One', 'Two'));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    assert.deepEqual(names((await s.current()).rules), ['One', 'Two']);
    fs.writeFileSync(file, '{"broken": ');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    assert.deepEqual(names((await s.current()).rules), ['One', 'Two']);
    assert.match(warnings.at(-1)!, /keeping the last good copy/);
  });

  it('refuses a file whose SHA-256 does not match the pin', async () => {
    const file = path.join(tempDir(), 'sites.json');
    fs.writeFileSync(file, doc('One'));
    await assert.rejects(source({ path: file, sha256: sha('something else') }).current(), /does not match USERNAME_SITES_SHA256/);
    assert.deepEqual(names((await source({ path: file, sha256: sha(doc('One')) }).current()).rules), ['One']);
  });

  it('downloads, caches in DATA_DIR, and starts from the cache without downloading again', async () => {
    const dataDir = tempDir();
    serve = { status: 200, body: doc('One') };
    downloads = 0;
    const first = source({ url, dataDir });
    assert.deepEqual(names((await first.current()).rules), ['One']);
    assert.equal(downloads, 1);
    assert.equal(fs.readFileSync(path.join(dataDir, CACHE_FILE), 'utf8'), doc('One'));
    const restarted = source({ url, dataDir });
    const fromCache = await restarted.current();
    assert.equal(fromCache.origin, `cache:${url}`);
    assert.equal(downloads, 1);
  });

  it('keeps the last good copy when a refresh is bad: wrong hash, not a catalogue, error status, too large', async () => {
    const dataDir = tempDir();
    serve = { status: 200, body: doc('One') };
    const s = source({ url, dataDir, sha256: null });
    await s.current();
    const bad = [
      { status: 200, body: '<html>oops</html>' },
      { status: 200, body: JSON.stringify({ nothing: 'here' }) },
      { status: 503, body: doc('One', 'Two') },
      { status: 200, body: doc(...Array.from({ length: 20_000 }, (_, i) => `S${i}`)) },
    ];
    for (const answer of bad) {
      serve = answer;
      clock += 2 * 3_600_000;
      await s.current();
      await s.settled();
      assert.deepEqual(names((await s.current()).rules), ['One'], `after ${answer.body.slice(0, 30)}`);
      assert.equal(fs.readFileSync(path.join(dataDir, CACHE_FILE), 'utf8'), doc('One'));
    }
    serve = { status: 200, body: doc('One', 'Two') };
    clock += 2 * 3_600_000;
    await s.current();
    await s.settled();
    assert.deepEqual(names((await s.current()).rules), ['One', 'Two']);
  });

  it('rejects a download that does not match the SHA-256 pin, and falls back to the shipped catalogue', async () => {
    serve = { status: 200, body: doc('One') };
    const s = source({ url, sha256: sha('another version') });
    const catalogue = await s.current();
    assert.equal(catalogue.origin, 'builtin');
    assert.ok(catalogue.rules.some((r) => r.name === 'GitHub'));
    assert.ok(warnings.some((w) => /download rejected/.test(w)));
  });

  it('uses the shipped catalogue when nothing is configured', async () => {
    const catalogue = await source({}).current();
    assert.equal(catalogue.origin, 'builtin');
    assert.equal(catalogue.report.format, 'sherlock');
  });
});
