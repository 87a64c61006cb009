/**
 * A loopback fake of every site in a catalogue, for tests and the bench. Give it a Maigret or
 * Sherlock document; it rewrites the document's URLs to itself (one port per original host, so
 * per-host limits act as against the real sites), and answers each probe with pages built from
 * that site's own rules: claimed, unclaimed, blocked, rate-limited, failing, slow or hanging,
 * with an optional latency per response. It speaks plain HTTP/1.1 (node:http) and handles
 * 3,000+ sites.
 */
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AddressInfo, Socket } from 'node:net';
import fs from 'node:fs';
import { type Catalogue, parseCatalogue } from './catalogue.ts';
import { collectHosts, rewriteDocument } from './fake-catalogue-rewrite.ts';
import { blockPage, captchaOverProfile, claimedPage, type FakePage, homePage, rateLimitPage, serverErrorPage, siteHash, unclaimedAnswer } from './fake-site-pages.ts';
import type { SiteRule } from './site-rule.ts';
import { fill } from './url-template.ts';

/**
 * How a site behaves. `always_claimed` serves the profile page for every name (a broken
 * definition or a soft-404 site); `never_claimed` never does (a stale definition).
 */
export const FAKE_MODES = ['normal', 'waf', 'captcha', 'rate_limit', 'server_error', 'hang', 'slow', 'always_claimed', 'never_claimed'] as const;
export type FakeMode = (typeof FAKE_MODES)[number];

export interface FakeSitesOptions {
  /** Delay before every response, in ms. */
  readonly latencyMs?: number;
  /** Delay of `slow` sites, in ms (default 60 s). */
  readonly slowMs?: number;
  readonly modeOf?: (site: string) => FakeMode;
  /** Names claimed on a site besides its own claimed name. */
  readonly isClaimed?: (site: string, username: string) => boolean;
  /** One port per original host (default), or one port for all. */
  readonly portPerHost?: boolean;
  /** Unclaimed names on half the status-code sites redirect home instead of a 404 (default true). */
  readonly softRedirects?: boolean;
}

export interface FakeSites {
  /** The catalogue document, rewritten to point at the fake (same format as the input). */
  readonly document: unknown;
  /** The rewritten document, parsed. */
  readonly catalogue: Catalogue;
  readonly ports: number;
  /** Requests received so far. */
  readonly served: number;
  /** Most requests open at once: over all ports, and on any one port (one original host). */
  readonly peak: { readonly total: number; readonly perPort: number };
  writeCatalogue(file: string): void;
  close(): Promise<void>;
}

interface Route {
  readonly rule: SiteRule;
  readonly method: string;
  readonly url: RegExp;
  readonly body: RegExp | null;
}

const SENTINEL = 'cairnslot7q';

/** Counts requests, and the most open at once overall and on one port. */
class Traffic {
  served = 0;
  peakTotal = 0;
  peakPerPort = 0;
  #open = 0;
  readonly #openByPort = new Map<number, number>();

  track(port: number, res: http.ServerResponse): void {
    this.served++;
    const onPort = (this.#openByPort.get(port) ?? 0) + 1;
    this.#openByPort.set(port, onPort);
    this.#open++;
    this.peakTotal = Math.max(this.peakTotal, this.#open);
    this.peakPerPort = Math.max(this.peakPerPort, onPort);
    res.once('close', () => {
      this.#open--;
      this.#openByPort.set(port, (this.#openByPort.get(port) ?? 1) - 1);
    });
  }
}

/** Starts the fake for a catalogue document. */
export async function startFakeSites(document: unknown, options: FakeSitesOptions = {}): Promise<FakeSites> {
  const traffic = new Traffic();
  const routes = new Map<number, Route[]>();
  // Aborted at close, so no pending latency timer keeps the process alive.
  const closing = new AbortController();
  const listeners = await listen(options.portPerHost === false ? ['*'] : collectHosts(document), (req, res) => {
    traffic.track(req.socket.localPort ?? 0, res);
    void answer(req, res, routes, options, closing.signal);
  });
  const single = listeners.portByHost.get('*');
  const rewritten = rewriteDocument(document, (host) => single ?? listeners.portByHost.get(host)!);
  const catalogue = parseCatalogue(JSON.stringify(rewritten), 'fake');
  for (const rule of catalogue.rules) {
    const route = routeOf(rule);
    if (route === null) continue;
    const port = Number(new URL(fill(rule.probeUrl ?? rule.profileUrl, SENTINEL)).port);
    routes.set(port, [...(routes.get(port) ?? []), route]);
  }
  return {
    document: rewritten,
    catalogue,
    ports: listeners.servers.length,
    get served() {
      return traffic.served;
    },
    get peak() {
      return { total: traffic.peakTotal, perPort: traffic.peakPerPort };
    },
    writeCatalogue: (file) => fs.writeFileSync(file, JSON.stringify(rewritten)),
    async close() {
      closing.abort();
      for (const socket of listeners.sockets) socket.destroy();
      await Promise.all(listeners.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}

/** One listener on 127.0.0.1 per host, all with the same handler; sockets are tracked for close. */
async function listen(hosts: readonly string[], handler: http.RequestListener): Promise<{ servers: http.Server[]; sockets: Set<Socket>; portByHost: Map<string, number> }> {
  const servers: http.Server[] = [];
  const sockets = new Set<Socket>();
  const portByHost = new Map<string, number>();
  for (const host of hosts) {
    const server = http.createServer({ keepAliveTimeout: 5_000 }, handler);
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    portByHost.set(host, (server.address() as AddressInfo).port);
  }
  return { servers, sockets, portByHost };
}

/** A regular expression over `path?query` (and over the body when the username travels there). */
function routeOf(rule: SiteRule): Route | null {
  const template = rule.probeUrl ?? rule.profileUrl;
  let normalized: string;
  try {
    const url = new URL(fill(template, SENTINEL));
    normalized = `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
  // A rendered username is percent-encoded in a URL and JSON-escaped in a body, so the slots
  // can be matched exactly: no raw separator in a URL slot, no bare quote in a body slot.
  const toRegex = (parts: readonly string[], slot: string): RegExp => new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(slot)}$`);
  const body = rule.payload !== null && rule.payload.length > 1 ? toRegex(rule.payload, '((?:[^"\\\\]|\\\\.)*)') : null;
  return { rule, method: rule.method, url: toRegex(normalized.split(SENTINEL), '([^/?#&=]*)'), body };
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, routes: Map<number, Route[]>, options: FakeSitesOptions, closing: AbortSignal): Promise<void> {
  // The latency counts from the request's arrival: a site "answering in 100 ms" spends its own
  // work inside those 100 ms, and the fake's route matching must not add to them.
  const arrived = performance.now();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const port = req.socket.localPort ?? 0;
  const matches = matchRoutes(routes.get(port) ?? [], req.method ?? 'GET', req.url ?? '/', Buffer.concat(chunks).toString('utf8'));
  const mode = matches.length > 0 ? (options.modeOf?.(matches[0]!.rule.name) ?? 'normal') : 'normal';
  if (mode === 'hang') return; // Never answers; the socket stays open until the fake closes.
  const page = matches.length > 0 ? pageFor(matches, mode, options) : homePage();
  const delay = (options.latencyMs ?? 0) + (mode === 'slow' ? (options.slowMs ?? 60_000) : 0);
  const wait = delay - (performance.now() - arrived);
  if (wait > 0) await sleep(wait, undefined, { signal: closing }).catch(() => undefined);
  if (res.destroyed || closing.aborted) return;
  // RFC 9110 §15.3.5, §15.4.5: a 204 or 304 has no content.
  const empty = page.status === 204 || page.status === 304;
  res.writeHead(page.status, { ...page.headers, ...(empty ? {} : { 'content-length': Buffer.byteLength(page.body) }) });
  res.end(req.method === 'HEAD' || empty ? undefined : page.body);
}

interface Match {
  readonly rule: SiteRule;
  readonly username: string;
}

function matchRoutes(routes: readonly Route[], method: string, target: string, body: string): Match[] {
  const matches: Match[] = [];
  for (const route of routes) {
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
    const url = route.url.exec(target);
    if (!url) continue;
    const fromBody = route.body?.exec(body);
    if (route.body !== null && !fromBody) continue;
    const raw = url[1] ?? fromBody?.[1];
    const username = raw === undefined ? null : fromBody && url[1] === undefined ? unjson(raw) : undecode(raw);
    if (username !== null) matches.push({ rule: route.rule, username });
  }
  return matches;
}

function pageFor(matches: readonly Match[], mode: FakeMode, options: FakeSitesOptions): FakePage {
  const rules = matches.map((m) => m.rule);
  const { username } = matches[0]!;
  const site = rules[0]!.name;
  switch (mode) {
    case 'waf':
      return blockPage(site);
    case 'captcha':
      return captchaOverProfile(rules, username, site);
    case 'rate_limit':
      return rateLimitPage();
    case 'server_error':
      return serverErrorPage();
    case 'always_claimed':
      return claimedPage(rules, username);
    case 'never_claimed':
      return unclaimedAnswer(rules, username, isSoftRedirect(site, options));
    default: {
      const claimed = matches.some((m) => m.username === m.rule.claimedUsername || options.isClaimed?.(m.rule.name, m.username) === true);
      return claimed ? claimedPage(rules, username) : unclaimedAnswer(rules, username, isSoftRedirect(site, options));
    }
  }
}

const isSoftRedirect = (site: string, options: FakeSitesOptions): boolean => options.softRedirects !== false && siteHash(site) % 2 === 0;

function undecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function unjson(text: string): string | null {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return null;
  }
}
