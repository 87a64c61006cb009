/**
 * Proxies per catalogue tag: sites carrying a routed tag go through that proxy (a loopback
 * HTTP CONNECT proxy here, speaking the real tunnelling protocol), the others go direct.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { loopbackHttpClient } from '../../../test/helpers/username-sites.ts';
import { type FakeSites, startFakeSites } from './fake-sites-server.ts';
import { AgentPool } from './proxy-routes.ts';
import { runSweep } from './sweep.ts';

const site = (host: string, tags: string[]) => ({ url: `https://${host}/u/{}`, urlMain: `https://${host}/`, errorType: 'status_code', username_claimed: 'alice', tags });

describe('proxy per tag', { concurrency: 1 }, () => {
  let fake: FakeSites;
  let proxy: http.Server;
  let proxyUrl = '';
  const tunnels: string[] = [];
  const client = loopbackHttpClient();

  before(async () => {
    fake = await startFakeSites({ Routed: site('routed.example', ['ru']), Direct: site('direct.example', ['us']) });
    proxy = http.createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      tunnels.push(req.url ?? '');
      const [host, port] = (req.url ?? '').split(':');
      const upstream = net.connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  after(async () => {
    await client.close();
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
    await fake.close();
  });

  it('sends the sites of a routed tag through its proxy and the others direct', async () => {
    const agents = new AgentPool({ http: client, perHostLimit: 2, keepAliveMs: 1_000, defaultProxy: null, routes: [{ label: 'ru', proxyUrl }] });
    try {
      const rules = fake.catalogue.rules;
      const { results } = await runSweep(rules.map((rule) => ({ rule, username: 'alice' })), {
        http: client,
        agentFor: (rule) => agents.agentFor(rule),
        requestTimeoutMs: 10_000,
        maxBodyBytes: 65_536,
        userAgent: 'cairn-test',
        concurrency: 4,
        perHostLimit: 2,
        deadline: Date.now() + 30_000,
      });
      assert.deepEqual(results.map((r) => [r.site, r.outcome]), [['Routed', 'found'], ['Direct', 'found']]);
      const routedPort = new URL(results[0]!.probeUrl!).port;
      assert.ok(tunnels.length > 0 && tunnels.every((t) => t === `127.0.0.1:${routedPort}`), JSON.stringify(tunnels));
      assert.equal(agents.proxyFor(rules.find((r) => r.name === 'Direct')!), null);
    } finally {
      await agents.close();
    }
  });
});
