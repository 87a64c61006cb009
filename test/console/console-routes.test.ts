import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CONSOLE_DIR } from '../../src/http/console-assets.ts';
import { startTestEngine, type TestEngine } from '../helpers/engine.ts';

/** A GET with the path sent exactly as written (fetch and inject would normalise `..`). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console static routes', () => {
  let t: TestEngine;
  before(async () => {
    t = await startTestEngine({ listen: true });
  });
  after(() => t.close());

  it('serves the page with a strict CSP, no inline script and no caching without revalidation', async () => {
    const res = await t.inject({ method: 'GET', url: '/console' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
    const csp = String(res.headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'"]) {
      assert.ok(csp.split('; ').includes(directive), `CSP has ${directive}: ${csp}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['x-frame-options'], 'DENY');
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(String(res.headers.etag), /^"[A-Za-z0-9_-]{22}"$/);
    // Every script is an external module: the CSP would block inline code, and there is none.
    const scripts = [...res.body.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attrs, inline] of scripts) {
      assert.match(attrs!, /type="module" src="\/console\/[a-z-]+\.js"/);
      assert.equal(inline!.trim(), '');
    }
    assert.doesNotMatch(res.body, /\son[a-z]+\s*=|\sstyle\s*=|javascript:/i, 'no inline handlers, styles or javascript: URLs');
    const slash = await t.inject({ method: 'GET', url: '/console/' });
    assert.equal(slash.body, res.body);
  });

  it('serves every file the page and its modules reference, with its content type', async () => {
    const index = (await t.inject({ method: 'GET', url: '/console' })).body;
    const referenced = new Set([...index.matchAll(/(?:src|href)="\/console\/([^"?#]+)"/g)].map((m) => m[1]!));
    for (const file of fs.readdirSync(CONSOLE_DIR).filter((f) => f.endsWith('.js'))) {
      const source = fs.readFileSync(`${CONSOLE_DIR}/${file}`, 'utf8');
      for (const m of source.matchAll(/^import [^;]+ from '\.\/([a-z-]+\.js)';$/gm)) referenced.add(m[1]!);
    }
    const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
    assert.ok(referenced.has('app.js') && referenced.has('console.css') && referenced.has('dom.js'));
    for (const file of referenced) {
      const res = await t.inject({ method: 'GET', url: `/console/${file}` });
      assert.equal(res.statusCode, 200, file);
      assert.equal(res.headers['content-type'], types[file.split('.').pop()!], file);
      assert.equal(res.body, fs.readFileSync(`${CONSOLE_DIR}/${file}`, 'utf8'), file);
      assert.ok(res.headers['content-security-policy'], file);
    }
  });

  it('answers a matching If-None-Match with 304 and HEAD without a body', async () => {
    const first = await t.inject({ method: 'GET', url: '/console/app.js' });
    const again = await t.inject({ method: 'GET', url: '/console/app.js', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    const stale = await t.inject({ method: 'GET', url: '/console/app.js', headers: { 'if-none-match': '"old"' } });
    assert.equal(stale.statusCode, 200);
    const head = await t.inject({ method: 'HEAD', url: '/console' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
  });

  it('answers 404 for files it does not serve, including ones in its own folder', async () => {
    assert.ok(fs.existsSync(`${CONSOLE_DIR}/tsconfig.json`), 'the folder holds a file that must not be served');
    for (const url of ['/console/nope.js', '/console/tsconfig.json', '/console/app.js.map', '/console/APP.JS', '/console/sub/app.js']) {
      const res = await t.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.equal(res.json().error.code, 'not_found', url);
    }
  });

  it('never leaves its folder, whatever the encoding of the path', async () => {
    const secret = fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
    const attempts = [
      '/console/../package.json',
      '/console/%2e%2e/package.json',
      '/console/%2E%2E%2Fpackage.json',
      '/console/..%2fpackage.json',
      '/console/.%2e/.%2e/package.json',
      '/console/%252e%252e%252fpackage.json',
      '/console/..%5cpackage.json',
      '/console/..\\package.json',
      '/console/%2e%2e%2f%2e%2e%2fsrc%2fconfig%2fconfig.ts',
      '/console//etc/passwd',
      '/console/%2fetc%2fpasswd',
      '/console/app.js%00.html',
      '/console/%c0%ae%c0%ae/package.json',
    ];
    for (const path of attempts) {
      const res = await rawGet(t.url!, path);
      assert.ok(res.status === 404 || res.status === 400, `${path}: ${res.status}`);
      assert.ok(!res.body.includes('"devDependencies"') && !res.body.includes('root:'), `${path} leaked a file`);
      assert.notEqual(res.body, secret);
    }
  });
});

describe('GET /auth/methods', () => {
  it('names the login methods an api_key engine offers, and nothing else', async () => {
    const t = await startTestEngine();
    try {
      const res = await t.inject({ method: 'GET', url: '/auth/methods' });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { oidc: false, saml: false, api_key: true });
      assert.equal(res.headers['cache-control'], 'no-store');
      // Without SSO there is no session route: the console reads the 404 as "not logged in".
      assert.equal((await t.inject({ method: 'GET', url: '/auth/session' })).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
