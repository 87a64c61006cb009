import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { FakeDnsServer } from '../src/connectors/network-common/fake-dns-server.ts';
import { EgressBlockedError } from '../src/connectors/sdk.ts';
import { startTestEngine, type TestEngine } from './helpers/engine.ts';

/**
 * The SSRF guard as connectors get it (engine.connectorServices), configured through the
 * engine's own variables: OUTBOUND_ALLOW_LOOPBACK and OUTBOUND_DNS_SERVERS (here a fake DNS
 * server, so names can point anywhere). A loopback HTTP server counts what reaches it.
 */
describe('SSRF guard', () => {
  let dns: FakeDnsServer;
  let server: http.Server;
  let port: number;
  const hits: string[] = [];
  let connections = 0;
  let closed: TestEngine;
  let loopbackOnly: TestEngine;

  before(async () => {
    dns = await FakeDnsServer.start({
      zone: {
        'loopback.test.example': { A: ['127.0.0.1'] },
        'private.test.example': { A: ['10.0.0.5'] },
        'home.test.example': { A: ['192.168.1.10'] },
        'metadata.test.example': { A: ['169.254.169.254'] },
        'mixed.test.example': { A: ['93.184.215.14', '10.0.0.5'] },
        'mapped.test.example': { AAAA: ['::ffff:127.0.0.1'] },
      },
    });
    server = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      const redirects: Record<string, string> = {
        '/to-metadata': 'http://169.254.169.254/latest/meta-data/',
        '/to-private': 'http://10.0.0.5/admin',
        '/to-home': 'http://192.168.1.1/',
        '/to-private-name': 'http://private.test.example/',
        '/to-file': 'file:///etc/passwd',
      };
      const target = req.url === '/to-loopback-name' ? `http://loopback.test.example:${port}/ok` : redirects[req.url ?? ''];
      if (target !== undefined) res.writeHead(302, { location: target }).end();
      else res.writeHead(200, { 'content-type': 'text/plain' }).end('reached');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    closed = await startTestEngine({ env: { OUTBOUND_ALLOW_LOOPBACK: 'false', OUTBOUND_DNS_SERVERS: dns.address }, connectorDefinitions: [] });
    loopbackOnly = await startTestEngine({ env: { OUTBOUND_ALLOW_LOOPBACK: 'true', OUTBOUND_DNS_SERVERS: dns.address }, connectorDefinitions: [] });
  });
  after(async () => {
    await Promise.all([closed.close(), loopbackOnly.close()]);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dns.close();
  });

  const blocked = async (engine: TestEngine, url: string): Promise<void> => {
    const before = connections;
    await assert.rejects(engine.engine.connectorServices.http.request(url, { timeoutMs: 3000 }), EgressBlockedError, url);
    assert.equal(connections, before, `${url} opened a connection`);
  };

  describe('with OUTBOUND_ALLOW_LOOPBACK=false', () => {
    it('refuses loopback, link-local and metadata addresses in every spelling', async () => {
      for (const host of ['127.0.0.1', '[::1]', '169.254.169.254', '2130706433', '0x7f000001', '017700000001', '127.1', '0.0.0.0', '[::ffff:127.0.0.1]', '[::]']) {
        await blocked(closed, `http://${host}:${port}/`);
      }
    });

    it('refuses names that resolve to internal addresses', async () => {
      for (const name of ['loopback.test.example', 'private.test.example', 'home.test.example', 'metadata.test.example', 'mixed.test.example', 'mapped.test.example']) {
        await blocked(closed, `http://${name}:${port}/`);
      }
    });

    it('refuses raw TCP and TLS connections to the same targets', async () => {
      const { tcp } = closed.engine.connectorServices;
      for (const host of ['127.0.0.1', '::1', 'loopback.test.example', '169.254.169.254', 'private.test.example']) {
        const before = connections;
        await assert.rejects(tcp.connect({ host, port, timeoutMs: 2000 }), EgressBlockedError, host);
        await assert.rejects(tcp.connect({ host, port, timeoutMs: 2000, tls: { servername: 'example.com' } }), EgressBlockedError, host);
        assert.equal(connections, before);
      }
      // A decimal IPv4 given as a host name never reaches the server either.
      const before = connections;
      await assert.rejects(tcp.connect({ host: '2130706433', port, timeoutMs: 2000 }));
      assert.equal(connections, before);
    });

    it('never fetched anything', () => {
      assert.deepEqual(hits, []);
    });
  });

  describe('with OUTBOUND_ALLOW_LOOPBACK=true', () => {
    it('admits loopback, which proves the refusals above are the guard and not a dead server', async () => {
      const res = await loopbackOnly.engine.connectorServices.http.request(`http://127.0.0.1:${port}/ok`);
      assert.equal(res.text(), 'reached');
      const viaName = await loopbackOnly.engine.connectorServices.http.request(`http://loopback.test.example:${port}/ok`);
      assert.equal(viaName.status, 200);
      const decimal = await loopbackOnly.engine.connectorServices.http.request(`http://2130706433:${port}/ok`);
      assert.equal(decimal.status, 200);
    });

    it('still refuses link-local, private, CGNAT and IPv4-mapped addresses', async () => {
      for (const host of ['169.254.169.254', '10.0.0.5', '192.168.1.1', '172.16.0.1', '100.100.100.200', '[::ffff:127.0.0.1]', '[fe80::1]', '[fd00::1]']) {
        await blocked(loopbackOnly, `http://${host}/`);
      }
      for (const name of ['private.test.example', 'home.test.example', 'metadata.test.example', 'mixed.test.example', 'mapped.test.example']) {
        await blocked(loopbackOnly, `http://${name}/`);
      }
    });

    it('checks every redirect hop again', async () => {
      const { http: client } = loopbackOnly.engine.connectorServices;
      for (const path of ['/to-metadata', '/to-private', '/to-home', '/to-private-name', '/to-file']) {
        const before = hits.length;
        await assert.rejects(client.request(`http://127.0.0.1:${port}${path}`), EgressBlockedError, path);
        assert.deepEqual(hits.slice(before), [path], `only the first hop of ${path} was fetched`);
      }
      const followed = await client.request(`http://127.0.0.1:${port}/to-loopback-name`);
      assert.equal(followed.status, 200);
      assert.deepEqual(followed.redirects, [`http://127.0.0.1:${port}/to-loopback-name`]);
    });

    it('refuses any internal IPv4 address whatever its URL spelling (property)', async () => {
      const internal = fc.oneof(
        fc.integer({ min: 0x0a000000, max: 0x0affffff }), // 10/8
        fc.integer({ min: 0xac100000, max: 0xac1fffff }), // 172.16/12
        fc.integer({ min: 0xc0a80000, max: 0xc0a8ffff }), // 192.168/16
        fc.integer({ min: 0xa9fe0000, max: 0xa9feffff }), // 169.254/16
        fc.integer({ min: 0x64400000, max: 0x647fffff }), // 100.64/10
        fc.integer({ min: 0x00000000, max: 0x00ffffff }), // 0/8
        fc.integer({ min: 0xe0000000, max: 0xffffffff }), // multicast, reserved, broadcast
      );
      const spellings = (n: number): string[] => [
        [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'),
        String(n),
        `0x${n.toString(16)}`,
        `0${n.toString(8)}`,
      ];
      await fc.assert(
        fc.asyncProperty(internal, async (n) => {
          for (const host of spellings(n)) await blocked(loopbackOnly, `http://${host}/`);
        }),
        { numRuns: 100 },
      );
    });
  });
});
