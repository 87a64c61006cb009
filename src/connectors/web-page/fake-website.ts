import http from 'node:http';

/**
 * A small website on 127.0.0.1 with the markup real sites use: a personal page (OpenGraph,
 * Twitter card, ProfilePage/Person JSON-LD, rel=me links, mailto, tel, a Cloudflare-protected
 * address, an obfuscated one), a company page (Organization JSON-LD in an @graph, footer
 * contacts, share links), and the awkward cases: a PDF, redirects (one to a private address),
 * a page over the size cap, 403, 404, 429 and a page that never finishes.
 */
export interface FakeWebsite {
  readonly url: string;
  readonly requests: string[];
  close(): Promise<void>;
}

/** `jane@janedoe.dev` XOR-encoded the way Cloudflare's email obfuscation writes it (key 0x42). */
export function cloudflareEncode(email: string, key = 0x42): string {
  return [key, ...Buffer.from(email, 'utf8')].map((b, i) => (i === 0 ? b : b ^ key).toString(16).padStart(2, '0')).join('');
}

export const JANE_PAGE = `<!DOCTYPE html>
<html lang="de-DE">
<head>
  <meta charset="utf-8">
  <title>Jane Doe – Security researcher</title>
  <meta name="description" content="Jane Doe is a security researcher in Berlin writing about identity, OSINT and privacy engineering.">
  <link rel="canonical" href="https://janedoe.dev/">
  <meta property="og:type" content="profile">
  <meta property="og:title" content="Jane Doe">
  <meta property="og:description" content="Security researcher. Writing about identity and privacy.">
  <meta property="og:image" content="https://janedoe.dev/img/jane-400.jpg">
  <meta property="og:url" content="https://janedoe.dev/">
  <meta property="og:site_name" content="janedoe.dev">
  <meta property="og:locale" content="de_DE">
  <meta property="profile:first_name" content="Jane">
  <meta property="profile:last_name" content="Doe">
  <meta name="twitter:card" content="summary">
  <meta name="twitter:site" content="@janedoe_sec">
  <meta name="twitter:creator" content="@janedoe_sec">
  <link rel="me" href="https://mastodon.social/@janedoe">
  <link rel="stylesheet" href="/css/site.css">
  <script type="application/ld+json">
  {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    "dateCreated": "2019-04-01T10:00:00+02:00",
    "mainEntity": {
      "@type": "Person",
      "name": "Jane Doe",
      "givenName": "Jane",
      "familyName": "Doe",
      "jobTitle": "Security Researcher",
      "image": "https://janedoe.dev/img/jane-400.jpg",
      "url": "https://janedoe.dev/",
      "email": "mailto:jane@janedoe.dev",
      "worksFor": { "@type": "Organization", "name": "Acme Widgets GmbH", "url": "https://acme-widgets.com/" },
      "sameAs": ["https://www.linkedin.com/in/jane-doe-sec/", "https://github.com/janedoe"]
    }
  }
  </script>
  <script>window.dataLayer = window.dataLayer || []; var fake = "noreply@tracking.example.com";</script>
  <style>.hero{background:url(/img/hero@2x.png)}</style>
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/talks">Talks</a> <a href="/about">About</a></nav></header>
  <main>
    <h1>Jane Doe</h1>
    <p>I work on identity systems at <a href="https://acme-widgets.com/">Acme Widgets</a>. Slides live on <a href="https://speakerdeck.com/janedoe">Speaker Deck</a>.</p>
    <p>Write to <a href="mailto:jane@janedoe.dev?subject=Hello">jane@janedoe.dev</a>, or for talks to
       <a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="${cloudflareEncode('talks@janedoe.dev')}">[email&#160;protected]</a>.
       PGP keys: keys [at] janedoe [dot] dev.</p>
    <p>Büro: <a href="tel:+4930901820">+49 30 901820</a> · Mobil 0151 23456789</p>
    <img src="/img/logo@2x.png" alt="logo">
  </main>
  <footer>
    <a rel="me" href="https://github.com/janedoe">GitHub</a>
    <a rel="me noopener" href="https://bsky.app/profile/janedoe.bsky.social">Bluesky</a>
    <a href="https://twitter.com/intent/tweet?text=Jane%20Doe&url=https%3A%2F%2Fjanedoe.dev">Share on X</a>
    <a href="https://github.com/janedoe/dotfiles">dotfiles</a>
    <a href="https://www.youtube.com/@janedoe-talks">Talks on YouTube</a>
  </footer>
</body>
</html>`;

export const ACME_PAGE = `<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<title>Acme Widgets | Widgets for identity teams</title>
<meta property="og:title" content="Acme Widgets">
<meta property="og:site_name" content="Acme Widgets">
<meta name="twitter:card" content="summary_large_image">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"Organization","@id":"https://acme-widgets.com/#org","name":"Acme Widgets GmbH","legalName":"Acme Widgets GmbH",
  "url":"https://acme-widgets.com/","logo":{"@type":"ImageObject","url":"https://acme-widgets.com/logo.png"},
  "foundingDate":"2012-06-01","numberOfEmployees":{"@type":"QuantitativeValue","minValue":51,"maxValue":200},
  "vatID":"DE123456789","address":{"@type":"PostalAddress","streetAddress":"Torstraße 1","postalCode":"10119","addressLocality":"Berlin","addressCountry":"DE"},
  "contactPoint":[{"@type":"ContactPoint","contactType":"sales","telephone":"+49-30-12345678","email":"sales@acme-widgets.com"}],
  "sameAs":["https://www.linkedin.com/company/acme-widgets/","https://twitter.com/acmewidgets"]},
 {"@type":"WebSite","@id":"https://acme-widgets.com/#website","url":"https://acme-widgets.com/","name":"Acme Widgets","publisher":{"@id":"https://acme-widgets.com/#org"}},
 {"@type":"WebPage","@id":"https://acme-widgets.com/#webpage","url":"https://acme-widgets.com/","name":"Acme Widgets","isPartOf":{"@id":"https://acme-widgets.com/#website"}}
]}</script>
<script type="application/ld+json">{ this is not json </script>
</head>
<body>
<div class="hero"><h1>Widgets for identity teams</h1><p>Trusted by 400 companies.</p></div>
<footer class="site-footer">
  <p>Questions? info@acme-widgets.com · Call (555) 010-0100</p>
  <a href="https://www.facebook.com/acmewidgets">Facebook</a>
  <a href="https://www.facebook.com/sharer/sharer.php?u=https://acme-widgets.com">Share</a>
  <a href="https://github.com/acme-widgets/widget-sdk">SDK on GitHub</a>
</footer>
</body></html>`;

const huge = (bytes: number): string => `<!DOCTYPE html><html><head><title>Big page</title><meta name="description" content="A very long page."></head><body><p>${'lorem ipsum dolor sit amet '.repeat(Math.ceil(bytes / 27))}</p><p>tail@janedoe.dev</p></body></html>`;

type Route = (res: http.ServerResponse, hanging: Set<http.ServerResponse>) => void;

const page =
  (status: number, body: string, headers: Record<string, string> = {}): Route =>
  (res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers }).end(body);
  };

const ROUTES: Readonly<Record<string, Route>> = {
  '/': page(200, '<!DOCTYPE html><title>ok</title>'),
  '/jane': page(200, JANE_PAGE),
  '/acme': page(200, ACME_PAGE),
  '/moved': page(301, '<a href="/jane">moved</a>', { location: '/jane' }),
  '/to-private': page(302, '', { location: 'http://10.0.0.1/admin' }),
  '/report.pdf': (res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'));
  },
  '/huge': (res, hanging) => page(200, huge(3 * 1024 * 1024))(res, hanging),
  '/forbidden': page(403, '<!DOCTYPE html><title>403 Forbidden</title><h1>Forbidden</h1>'),
  '/busy': page(429, '<title>Too Many Requests</title>', { 'retry-after': '120' }),
  // Headers and the start of the page, then nothing: the client must give up on its own.
  '/slow': (res, hanging) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write('<!DOCTYPE html><html><head><title>Slow');
    hanging.add(res);
  },
};

export async function startFakeWebsite(): Promise<FakeWebsite> {
  const requests: string[] = [];
  const hanging = new Set<http.ServerResponse>();
  const notFound = page(404, '<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>');
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = ROUTES[new URL(req.url ?? '/', 'http://fake').pathname] ?? notFound;
    route(res, hanging);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`,
    requests,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
