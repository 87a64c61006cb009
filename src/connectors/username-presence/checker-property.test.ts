/**
 * Properties over arbitrary input: any username and any answer (status, headers, bytes,
 * charset) go through the real client and the checker without a crash and come out as one of
 * the six outcomes; a username can never move a request to another host; a block page never
 * reads as found, whatever else it contains.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { loopbackHttpClient, MAIGRET_SITES, SHERLOCK_SITES, sharedDataFile } from '../../../test/helpers/username-sites.ts';
import { BLOCK_FINGERPRINTS } from './block-fingerprints.ts';
import { parseCatalogue } from './catalogue.ts';
import { SITE_OUTCOMES } from './presence-decision.ts';
import { checkSite } from './site-checker.ts';
import { planProbe } from './site-probe.ts';
import type { SiteRule } from './site-rule.ts';
import { isSlotInAuthority, renderUrl } from './url-template.ts';

const load = (name: string) => parseCatalogue(fs.readFileSync(sharedDataFile(name), 'utf8'), name).rules;
const allRules = [...load(MAIGRET_SITES), ...load(SHERLOCK_SITES)];
// Every 15th rule: a spread of check types, engines, markers and patterns.
const sample = allRules.filter((_, i) => i % 15 === 0);

const usernames = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('.', '..', 'a/../b', 'x#y', 'evil.com#', '%2e%2e', 'a?b=c', 'ü', '@user'));

describe('username placement', () => {
  it('never moves a request to another host, whatever the username', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allRules), usernames, (rule, username) => {
        const planned = planProbe(rule, username, 'ua');
        if (!planned.ok) return;
        const template = rule.probeUrl ?? rule.profileUrl;
        const reference = renderUrl(template, 'cairnref');
        assert.ok(reference.ok);
        const asked = new URL(planned.plan.url);
        const expected = new URL(reference.url);
        if (isSlotInAuthority(template)) {
          // Only the one DNS label the username fills may differ.
          assert.equal(asked.hostname.replace(/^[a-z0-9-]+/, ''), expected.hostname.replace(/^cairnref/, ''));
          assert.match(asked.hostname, /^[a-z0-9-]+\./);
        } else {
          assert.equal(asked.host, expected.host);
        }
        assert.equal(asked.protocol, expected.protocol);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('arbitrary answers through the real client', { concurrency: 1 }, () => {
  let server: http.Server;
  let base = '';
  let next: { status: number; headers: Record<string, string>; body: Buffer } = { status: 200, headers: {}, body: Buffer.alloc(0) };
  const client = loopbackHttpClient();

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(next.status, { ...next.headers, 'content-length': String(next.body.length) });
      res.end(next.status === 204 || next.status === 304 || req.method === 'HEAD' ? undefined : next.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const pointAtServer = (rule: SiteRule): SiteRule => ({ ...rule, profileUrl: [`${base}/p/`, ''], probeUrl: null, errorUrl: rule.errorUrl && [`${base}/e/`, ''] });
  const check = (rule: SiteRule, username: string) =>
    checkSite(rule, username, planProbe(rule, username, 'ua'), { http: client, agentFor: () => undefined, requestTimeoutMs: 5_000, maxBodyBytes: 4_096, userAgent: 'ua' }, { signal: new AbortController().signal, deadline: Date.now() + 10_000 });

  const answers = fc.record({
    status: fc.constantFrom(200, 201, 204, 302, 400, 403, 404, 410, 429, 500, 503),
    headers: fc.dictionary(fc.constantFrom('content-type', 'retry-after', 'server', 'cf-mitigated', 'x-amzn-waf-action', 'location'), fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((v) => v.replace(/[^\x20-\x7e]/g, ''))),
    body: fc.oneof(fc.uint8Array({ maxLength: 6_000 }).map((b) => Buffer.from(b)), fc.string({ unit: 'grapheme', maxLength: 500 }).map((s) => Buffer.from(s))),
  });

  it('never crashes and always types the outcome', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sample), usernames, answers, async (rule, username, answer) => {
        const headers = { ...answer.headers };
        if (headers.location !== undefined) headers.location = `${base}/e/x`;
        next = { status: answer.status, headers, body: answer.body };
        const result = await check(pointAtServer(rule), username);
        assert.ok((SITE_OUTCOMES as readonly string[]).includes(result.outcome), result.outcome);
        assert.equal(typeof result.reason, 'string');
      }),
      { numRuns: 300 },
    );
  });

  it('never reads a block page as found, whatever profile markup surrounds it', async () => {
    const bodyFingerprints = BLOCK_FINGERPRINTS.filter((f) => f.body !== undefined && f.statuses === undefined);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...sample.filter((r) => r.claimedUsername !== null)), fc.constantFrom(...bodyFingerprints), fc.string({ maxLength: 200 }), async (rule, fingerprint, noise) => {
        const profile = [...rule.presenceMarkers, rule.claimedUsername!].join('\n');
        next = { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: Buffer.from(`${noise}${profile}${fingerprint.body!}${noise}`) };
        const result = await check(pointAtServer(rule), rule.claimedUsername!);
        assert.notEqual(result.outcome, 'found', `${rule.name} with ${fingerprint.id}`);
      }),
      { numRuns: 200 },
    );
  });
});
