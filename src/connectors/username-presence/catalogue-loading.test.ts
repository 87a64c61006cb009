import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { MAIGRET_SITES, SHERLOCK_SITES, sharedDataFile } from '../../../test/helpers/username-sites.ts';
import { CatalogueFormatError, parseCatalogue } from './catalogue.ts';
import { BUILTIN_CATALOGUE } from './catalogue-source.ts';
import { translatePythonRegex } from './python-regex.ts';
import { renderPayload, renderUrl } from './url-template.ts';

const read = (name: string): string => fs.readFileSync(sharedDataFile(name), 'utf8');
const maigret = parseCatalogue(read(MAIGRET_SITES), MAIGRET_SITES);
const sherlock = parseCatalogue(read(SHERLOCK_SITES), SHERLOCK_SITES);
const rule = (catalogue: typeof maigret, name: string) => {
  const found = catalogue.rules.find((r) => r.name === name);
  assert.ok(found, `${name} is loaded`);
  return found;
};

describe('Maigret catalogue (real shared file)', () => {
  it('loads every site that is an HTTP username check, and counts the others by reason', () => {
    const { report } = maigret;
    console.log(`# maigret: ${report.total} entries, ${report.loaded} loaded, ${report.disabled} disabled, skipped ${JSON.stringify(report.skipped)}`);
    assert.equal(report.format, 'maigret');
    assert.equal(report.total, 3236);
    assert.equal(report.skipped.invalid, undefined, JSON.stringify(report.problems.filter((p) => p.reason === 'invalid').slice(0, 3)));
    assert.deepEqual(report.skipped, { other_identifier_type: 25, unsupported_protocol: 12, no_markers: 1 });
    assert.equal(report.loaded, 3198);
    assert.equal(report.disabled, 677);
  });

  it('merges engine presets into their sites', () => {
    const site = rule(maigret, 'TechSpot');
    assert.equal(site.engine, 'XenForo');
    assert.deepEqual(site.checks, ['message']);
    assert.ok(site.absenceMarkers.includes('The specified member cannot be found. Please enter a member'));
    assert.equal(site.ignore403, true);
    assert.ok(site.errorMarkers.some((m) => m.reason === 'Login required' && m.outcome === 'blocked'));
    const url = renderUrl(site.profileUrl, 'alex');
    assert.ok(url.ok && url.url === 'http://www.techspot.com/community/members/?username=alex', JSON.stringify(url));
  });

  it('reads both spellings of the presence markers', () => {
    const sites = JSON.parse(read(MAIGRET_SITES)).sites as Record<string, { presenceStrs?: string[]; type?: string }>;
    const name = Object.keys(sites).find((n) => sites[n]!.presenceStrs && sites[n]!.type === undefined)!;
    assert.deepEqual(rule(maigret, name).presenceMarkers, sites[name]!.presenceStrs);
  });

  it('reads Python format templates: {{ }} escapes in URLs and payloads, and POST bodies as JSON', () => {
    const reddit = rule(maigret, 'Reddit Search (Pushshift)');
    const profile = renderUrl(reddit.profileUrl, 'bob');
    assert.ok(profile.ok && profile.url.endsWith('#{%22author%22:%22bob%22,%22resultSize%22:100}'), JSON.stringify(profile));
    const leetcode = rule(maigret, 'LeetCode');
    assert.equal(leetcode.method, 'POST');
    const body = JSON.parse(renderPayload(leetcode.payload!, 'a"b')) as { query: string };
    assert.match(body.query, /^\{ matchedUser\(username: "a"b"\) \{ username/);
  });

  it('keeps status-code HEAD requests only where the site asks for them', () => {
    assert.equal(rule(maigret, 'lightstalking.com').method, 'HEAD');
    // Maigret reads requestHeadOnly only for status_code checks.
    assert.equal(rule(maigret, 'Photobucket').method, 'GET');
    assert.equal(rule(maigret, 'GitHub').method, 'GET');
  });
});

describe('Sherlock catalogue (real shared file)', () => {
  it('loads all 481 sites', () => {
    assert.equal(sherlock.report.format, 'sherlock');
    assert.equal(sherlock.report.total, 481);
    assert.equal(sherlock.report.loaded, 481, JSON.stringify(sherlock.report.problems.slice(0, 3)));
  });

  it('reads {} templates, errorCode, errorUrl, request payloads and isNSFW', () => {
    const anilist = rule(sherlock, 'Anilist');
    assert.equal(anilist.method, 'POST');
    assert.deepEqual(JSON.parse(renderPayload(anilist.payload!, 'zoe')).variables, { name: 'zoe' });
    assert.deepEqual(rule(sherlock, 'Slides').notFoundStatuses, [204]);
    assert.ok(rule(sherlock, 'APClips').tags.includes('nsfw'));
    assert.ok(rule(sherlock, 'Avizo').errorUrl !== null);
    assert.deepEqual(rule(sherlock, '1337x').absenceMarkers.length, 2);
  });
});

describe('strict validation', () => {
  const sherlockDoc = (site: Record<string, unknown>) => JSON.stringify({ Good: { url: 'https://a.example/{}', urlMain: 'https://a.example/', errorType: 'status_code', username_claimed: 'x' }, Odd: site });

  it('fails one site with an unknown key (a typo), and keeps the others', () => {
    const c = parseCatalogue(sherlockDoc({ url: 'https://b.example/{}', urlMain: 'https://b.example/', errorType: 'message', errorMsgs: 'nope', username_claimed: 'x' }), 't');
    assert.deepEqual(c.rules.map((r) => r.name), ['Good']);
    assert.equal(c.report.skipped.invalid, 1);
    assert.match(c.report.problems[0]!.detail, /unknown key errorMsgs/);
  });

  it('rejects a Maigret typo such as presenseStr', () => {
    const doc = { sites: { A: { url: 'https://a.example/{username}', checkType: 'message', presenseStr: ['x'], absenceStrs: ['y'], usernameClaimed: 'a' }, B: { url: 'https://b.example/{username}', checkType: 'status_code', usernameClaimed: 'b' } }, engines: {}, tags: [] };
    const c = parseCatalogue(JSON.stringify(doc), 't');
    assert.deepEqual(c.rules.map((r) => r.name), ['B']);
    assert.match(c.report.problems[0]!.detail, /unknown key presenseStr/);
  });

  it('reads a list errorType as checks that must all pass', () => {
    const c = parseCatalogue(sherlockDoc({ url: 'https://b.example/{}', urlMain: 'https://b.example/', errorType: ['message', 'status_code'], errorMsg: 'gone', errorCode: [404, 410], username_claimed: 'x' }), 't');
    const odd = c.rules.find((r) => r.name === 'Odd')!;
    assert.deepEqual(odd.checks, ['message', 'status_code']);
    assert.deepEqual(odd.notFoundStatuses, [404, 410]);
  });

  it('warns when an engine preset overrides a site value', () => {
    const doc = { sites: { A: { engine: 'E', urlMain: 'https://a.example', checkType: 'status_code', usernameClaimed: 'a' } }, engines: { E: { name: 'E', site: { checkType: 'message', absenceStrs: ['no'], url: '{urlMain}/u/{username}' } } } };
    const c = parseCatalogue(JSON.stringify(doc), 't');
    assert.deepEqual(c.rules[0]!.checks, ['message']);
    assert.equal(c.report.warnings.length, 1);
    assert.match(c.report.warnings[0]!.message, /checkType: "status_code" replaced by engine value "message"/);
  });

  it('skips a site whose request would not carry the username', () => {
    const c = parseCatalogue(sherlockDoc({ url: 'https://b.example/#{}', urlMain: 'https://b.example/', errorType: 'status_code', username_claimed: 'x' }), 't');
    assert.equal(c.report.skipped.no_username_slot, 1);
  });

  it('refuses documents that are not a catalogue', () => {
    assert.throws(() => parseCatalogue('{nope', 't'), CatalogueFormatError);
    assert.throws(() => parseCatalogue('[1,2]', 't'), CatalogueFormatError);
    assert.throws(() => parseCatalogue(JSON.stringify({ sites: { A: { checkType: 'bogus' } } }), 't'), /no usable site/);
  });
});

describe('the shipped default catalogue', () => {
  it('is a Sherlock-format catalogue of well-known sites that loads without a skip', () => {
    const c = parseCatalogue(fs.readFileSync(BUILTIN_CATALOGUE, 'utf8'), 'builtin');
    assert.equal(c.report.format, 'sherlock');
    assert.ok(c.rules.length >= 30 && c.rules.length <= 60, `${c.rules.length} sites`);
    assert.equal(c.report.loaded, c.report.total);
    assert.ok(c.rules.every((r) => r.claimedUsername !== null));
  });
});

describe('Python regexCheck translation', () => {
  const test = (pattern: string, value: string): boolean => {
    const p = translatePythonRegex(pattern);
    assert.ok(p, `${pattern} translates`);
    return new RegExp(p.source, p.flags).test(value);
  };
  it('treats {,n} as {0,n}', () => assert.equal(test('^[\\w-]{,5}$', 'abc'), true));
  it('keeps \\w Unicode-aware as in Python 3', () => assert.equal(test('^\\w+$', 'Алексей'), true));
  it('keeps a literal hyphen after a class shorthand', () => assert.equal(test('^[\\w-_]+$', 'a-b_c'), true));
  it('searches unanchored like re.search', () => assert.equal(test('[a-z]{4,16}', '__abcd__'), true));
  it('reads a leading (?i)', () => assert.equal(test('(?i)^abc$', 'ABC'), true));
  it('returns null for a pattern JavaScript cannot compile', () => assert.equal(translatePythonRegex('(?P<a>x)(?P=b)'), null));
});
