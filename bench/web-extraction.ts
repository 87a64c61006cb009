/**
 * Throughput of the web connectors' offline parsers (no network): email diagnosis, social URL
 * recognition and page extraction. Prints figures; asserts nothing.
 *
 *   node --import tsx bench/web-extraction.ts
 */
import { diagnoseEmail } from '../src/connectors/email-intel/email-diagnosis.ts';
import { loadIsemailVectors } from '../src/connectors/email-intel/isemail-vectors.ts';
import { recognizeSocialUrl } from '../src/connectors/social-url/recognize-social-url.ts';
import { ACME_PAGE, JANE_PAGE } from '../src/connectors/web-page/fake-website.ts';
import { extractFromHtml } from '../src/connectors/web-page/page-extraction.ts';

function measure(name: string, runs: number, work: () => void): void {
  for (let i = 0; i < Math.min(runs, 50); i++) work(); // warm-up
  const started = performance.now();
  for (let i = 0; i < runs; i++) work();
  const ms = performance.now() - started;
  console.log(`${name.padEnd(44)} ${(ms / runs).toFixed(3).padStart(9)} ms/op ${Math.round((runs * 1000) / ms).toString().padStart(9)} op/s`);
}

const vectors = loadIsemailVectors().map(([address]) => address);
measure(`email diagnosis (${vectors.length} isemail vectors)`, 200, () => {
  for (const address of vectors) diagnoseEmail(address);
});
const urls = ['https://twitter.com/jack', 'https://www.linkedin.com/in/jane-doe/', 'https://social.example.org/@alice', 'https://example.com/about', 'https://github.com/octocat/Hello-World'];
measure('social URL recognition (5 URLs)', 20_000, () => {
  for (const url of urls) recognizeSocialUrl(url);
});
const facts = (url: string) => ({ url, status: 200, contentType: 'text/html', redirects: [], truncated: false });
measure(`page extraction, personal page (${(JANE_PAGE.length / 1024).toFixed(1)} KiB)`, 500, () => {
  extractFromHtml(JANE_PAGE, facts('https://janedoe.dev/'), { type: 'url', normalized: 'https://janedoe.dev/' });
});
measure(`page extraction, company page (${(ACME_PAGE.length / 1024).toFixed(1)} KiB)`, 500, () => {
  extractFromHtml(ACME_PAGE, facts('https://acme-widgets.com/'), { type: 'url', normalized: 'https://acme-widgets.com/' });
});
const card = '<div class="card"><a href="https://example.org/p/1">Item</a><p>Text with a phone +44 20 7946 0958 and more words.</p></div>';
const big = JANE_PAGE.replace('</main>', `${card.repeat(Math.floor((2 * 1024 * 1024 - JANE_PAGE.length) / card.length))}</main>`);
measure(`page extraction, cap-sized page (${(big.length / 1024 / 1024).toFixed(2)} MiB)`, 5, () => {
  extractFromHtml(big, facts('https://janedoe.dev/'), { type: 'url', normalized: 'https://janedoe.dev/' });
});
const deep = `${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`;
measure('page extraction, 20,000 nested elements', 5, () => {
  extractFromHtml(deep, facts('https://example.org/'), { type: 'url', normalized: 'https://example.org/' });
});
