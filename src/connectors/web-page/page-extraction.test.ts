import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Finding } from '../sdk.ts';
import { decodeCloudflareEmail } from './contact-extraction.ts';
import { ACME_PAGE, cloudflareEncode, JANE_PAGE } from './fake-website.ts';
import { extractFromHtml } from './page-extraction.ts';

const facts = (url: string) => ({ url, status: 200, contentType: 'text/html; charset=utf-8', redirects: [], truncated: false });
const extract = (html: string, url = 'https://janedoe.dev/') => extractFromHtml(html, facts(url), { type: 'url', normalized: url });
const dataOf = <K extends Finding['kind']>(findings: readonly Finding[], kind: K) =>
  findings.filter((f) => f.kind === kind).map((f) => f.data as Extract<Finding, { kind: K }>['data']);

describe('web page extraction', () => {
  it('reads the web result: title, description, canonical, OpenGraph and Twitter card', () => {
    const [result] = dataOf(extract(JANE_PAGE).findings, 'web_result');
    assert.equal(result?.title, 'Jane Doe – Security researcher');
    assert.equal(result?.url, 'https://janedoe.dev/');
    assert.match(result?.snippet ?? '', /^Jane Doe is a security researcher in Berlin/);
    assert.equal(result?.canonical_url, 'https://janedoe.dev/');
    assert.deepEqual((result?.open_graph as Record<string, string>).locale, 'de_DE');
    assert.equal((result?.twitter_card as Record<string, string>).creator, '@janedoe_sec');
    assert.deepEqual(result?.rel_me, ['https://mastodon.social/@janedoe', 'https://github.com/janedoe', 'https://bsky.app/profile/janedoe.bsky.social']);
  });

  it('finds emails in mailto links, Cloudflare protection, obfuscated text and JSON-LD, not in scripts or file names', () => {
    const emails = dataOf(extract(JANE_PAGE).findings, 'email');
    assert.deepEqual(
      emails.map((e) => [e.email, e.source]),
      [
        ['jane@janedoe.dev', 'mailto'],
        ['talks@janedoe.dev', 'cloudflare_protected'],
        ['keys@janedoe.dev', 'text'],
      ],
    );
  });

  it('normalises phones to E.164 with the page’s country hint, valid numbers only', () => {
    const phones = dataOf(extract(JANE_PAGE).findings, 'phone');
    assert.deepEqual(
      phones.map((p) => [p.number, p.country, p.type, p.source]),
      [
        ['+4930901820', 'DE', 'landline', 'tel'],
        ['+4915123456789', 'DE', 'mobile', 'text'],
      ],
    );
    // The US page's "(555) 010-0100" is a fictional range: not valid, not reported.
    assert.deepEqual(dataOf(extract(ACME_PAGE, 'https://acme-widgets.com/').findings, 'phone').map((p) => p.number), ['+493012345678']);
  });

  it('reads national numbers only with a hint', () => {
    const page = '<html><body><p>Call 030 901820 or +33 6 12 34 56 78</p></body></html>';
    assert.deepEqual(dataOf(extract(page, 'https://example.com/').findings, 'phone').map((p) => p.number), ['+33612345678']);
    assert.deepEqual(dataOf(extract(page, 'https://example.de/').findings, 'phone').map((p) => p.number).sort(), ['+33612345678', '+4930901820']);
  });

  it('recognises profile links: rel=me and sameAs as claims, other sites’ links weaker, share links and repos not at all', () => {
    const { findings, derived } = extract(JANE_PAGE);
    const profiles = findings.filter((f) => f.kind === 'social_profile');
    assert.deepEqual(
      profiles.map((f) => [f.data.platform, (f.data as { username?: string }).username, f.confidence]),
      [
        ['mastodon', 'janedoe', 0.8],
        ['github', 'janedoe', 0.8],
        ['bluesky', 'janedoe.bsky.social', 0.8],
        ['linkedin', 'jane-doe-sec', 0.8],
        ['youtube', 'janedoe-talks', 0.5],
      ],
    );
    assert.deepEqual(
      derived.map((d) => d.value),
      ['https://mastodon.social/@janedoe', 'https://github.com/janedoe', 'https://bsky.app/profile/janedoe.bsky.social', 'https://www.linkedin.com/in/jane-doe-sec/'],
    );
  });

  it('reads the JSON-LD Person and the Organizations, @graph included', () => {
    const jane = extract(JANE_PAGE).findings;
    assert.deepEqual(dataOf(jane, 'person')[0], {
      first_name: 'Jane',
      last_name: 'Doe',
      full_name: 'Jane Doe',
      job_title: 'Security Researcher',
      image: 'https://janedoe.dev/img/jane-400.jpg',
      url: 'https://janedoe.dev/',
    });
    assert.equal(dataOf(jane, 'organization')[0]?.relation, 'employer');
    const acme = dataOf(extract(ACME_PAGE, 'https://acme-widgets.com/').findings, 'organization');
    assert.equal(acme.length, 1);
    assert.deepEqual(
      { ...acme[0] },
      {
        organization_name: 'Acme Widgets GmbH',
        website: 'https://acme-widgets.com/',
        domain: 'acme-widgets.com',
        founded_year: 2012,
        employees: '51-200',
        legal_name: 'Acme Widgets GmbH',
        logo: 'https://acme-widgets.com/logo.png',
        vat_id: 'DE123456789',
        address: 'Torstraße 1, 10119, Berlin, DE',
        schema_type: 'Organization',
      },
    );
  });

  it('decodes Cloudflare-protected addresses', () => {
    assert.equal(decodeCloudflareEmail(cloudflareEncode('jane@janedoe.dev')), 'jane@janedoe.dev');
    assert.equal(decodeCloudflareEmail('zz'), '');
  });
});

describe('web page extraction never throws', () => {
  const check = (html: string): boolean => {
    const { findings } = extract(html, 'https://example.org/page');
    return findings.filter((f) => f.kind === 'web_result').length === 1;
  };

  it('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), check), { numRuns: 500 });
  });

  it('on random markup built from the elements and attributes it reads', () => {
    const tag = fc.constantFrom('a', 'link', 'meta', 'script', 'title', 'p', 'div', 'html', 'base', 'style', 'body', 'head');
    const attr = fc.tuple(
      fc.constantFrom('href', 'rel', 'property', 'name', 'content', 'type', 'lang', 'data-cfemail', 'charset'),
      fc.oneof(
        fc.constantFrom('me', 'canonical', 'og:title', 'twitter:card', 'application/ld+json', 'description', 'mailto:a@b.co', 'tel:+33612345678', '//x', 'javascript:0', 'fr-FR', '42ff', 'https://github.com/x'),
        fc.string({ maxLength: 30 }),
      ),
    );
    const jsonLd = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
    const element = fc
      .tuple(tag, fc.array(attr, { maxLength: 4 }), fc.oneof(fc.string({ maxLength: 60 }), jsonLd), fc.boolean())
      .map(([t, attrs, body, closed]) => `<${t} ${attrs.map(([k, v]) => `${k}="${v.replace(/"/g, '&quot;')}"`).join(' ')}>${body}${closed ? `</${t}>` : ''}`);
    fc.assert(fc.property(fc.array(element, { maxLength: 40 }), (els) => check(els.join(''))), { numRuns: 500 });
  });

  it('on JSON-LD of any shape', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => check(`<script type="application/ld+json">${JSON.stringify(value)}</script>`)),
      { numRuns: 500 },
    );
    const typed = fc.record({ '@type': fc.constantFrom('Person', 'Organization', 'ProfilePage', ['Person', 'Thing']), name: fc.jsonValue(), sameAs: fc.jsonValue(), mainEntity: fc.jsonValue(), numberOfEmployees: fc.jsonValue(), address: fc.jsonValue(), contactPoint: fc.jsonValue() });
    fc.assert(fc.property(fc.array(typed, { maxLength: 4 }), (nodes) => check(`<script type="application/ld+json">${JSON.stringify({ '@graph': nodes })}</script>`)), { numRuns: 500 });
  });

  it('on deeply nested markup', () => {
    assert.ok(check(`${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`));
  });
});
