import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../errors/catalogue.ts';
import { type ConsoleAsset, loadConsoleAssets } from '../console-assets.ts';

/**
 * The console may load its own scripts, styles and images and call this engine's API, nothing
 * else: no inline script or style, no eval, no plugins, no framing, no <base> rewrite, no form
 * posting anywhere (the lookup form is sent by script). Trusted Types with no policy makes
 * every HTML-parsing sink (innerHTML, outerHTML, insertAdjacentHTML, document.write) throw in
 * browsers that support it, so a value from the API can only ever reach the page as text.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // File names carry no content hash: revalidate every time (a 304 costs one round trip).
  'cache-control': 'no-cache',
};

/**
 * The browser console (docs/console.md): `GET /console` serves its page and `GET /console/*`
 * its scripts and styles, from memory. Public: the page holds no data; everything it shows
 * comes from API calls that carry the user's credentials.
 */
export async function registerConsoleRoutes(app: FastifyInstance): Promise<void> {
  const assets = await loadConsoleAssets();
  const schema = { hide: true };

  app.get('/console', { config: { public: true }, schema }, async (request, reply) => sendAsset(request, reply, assets.get('index.html')!));

  app.get('/console/*', { config: { public: true }, schema }, async (request, reply) => {
    // The wildcard is a key into the map, never a path: `../x`, `%2e%2e/x` or `a/b` match nothing.
    const name = (request.params as { '*': string })['*'];
    const asset = assets.get(name === '' ? 'index.html' : name);
    if (asset === undefined) throw new ApiError('not_found', 'No such console file.');
    return sendAsset(request, reply, asset);
  });
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: ConsoleAsset): FastifyReply {
  reply.headers(SECURITY_HEADERS).header('etag', asset.etag);
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  return reply.type(asset.contentType).send(asset.body);
}
