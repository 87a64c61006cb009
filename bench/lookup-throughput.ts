/**
 * Signed lookups per second with the offline connector (phone_metadata), beside the physical
 * floor of a signed lookup (`openssl speed rsa4096` sign/s on this machine) and a bare fastify
 * route, in one run. Then p50/p99 latency at a fixed rate. Loopback only, bounded.
 *
 *   node --import tsx bench/lookup-throughput.ts [--seconds 10] [--database-url postgresql://…]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/cli.ts';
import { load, median, opensslRsa4096SignsPerSecond, rssMb, startProcess, stopProcess } from './lib.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 10) || 10;
const databaseUrl = args.includes('--database-url') ? args[args.indexOf('--database-url') + 1] : undefined;
const repo = path.resolve(import.meta.dirname, '..');
const rounds = 3;

const key = 'bench-bootstrap-key-0123456789';
const body = JSON.stringify({ identifiers: [{ type: 'phone', value: '+33612345678' }], options: { requester_reference: 'BENCH' } });

console.log(`# Cairn signed-lookup benchmark — ${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}, database ${databaseUrl ? 'postgres' : 'pglite'}`);

const sign1 = median([1, 2, 3].map(() => opensslRsa4096SignsPerSecond(3)));
const signAll = opensslRsa4096SignsPerSecond(3, os.cpus().length);
console.log(`openssl speed rsa4096 sign/s: ${sign1.toFixed(0)} (1 core), ${signAll.toFixed(0)} (${os.cpus().length} cores)`);

// The bare fastify route, for scale.
const barePort = await freePort();
const bare = await startProcess(['--import', 'tsx', path.join(repo, 'bench/bare-fastify.ts')], { ...process.env, PORT: String(barePort) }, `http://127.0.0.1:${barePort}/health`);
const bareRuns = [];
for (let i = 0; i < rounds; i++) bareRuns.push(await load({ url: `http://127.0.0.1:${barePort}/v1/lookup`, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections: 50, seconds: Math.max(3, seconds / 2) }));
await stopProcess(bare);
const bareRps = median(bareRuns.map((r) => r.requestsPerSecond));

// The engine, as `cairn serve` runs it.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-'));
const port = await freePort();
const engineEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  DATA_DIR: dataDir,
  PORT: String(port),
  BOOTSTRAP_API_KEY: key,
  BOOTSTRAP_API_KEY_ROLES: 'analyst',
  RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
  LOG_LEVEL: 'warning',
  METRICS_ENABLED: 'false',
  CONNECTOR_ENABLED: 'phone_metadata',
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
};
const engine = await startProcess([path.join(repo, 'bin/cairn.js'), 'serve'], engineEnv, `http://127.0.0.1:${port}/health`);
const url = `http://127.0.0.1:${port}/v1/lookup`;
const headers = { 'content-type': 'application/json', 'x-api-key': key };
await load({ url, method: 'POST', body, headers, connections: 8, seconds: 3 }); // warm-up
const runs = [];
for (let i = 0; i < rounds; i++) runs.push(await load({ url, method: 'POST', body, headers, connections: 16, seconds }));
const lookupRps = median(runs.map((r) => r.requestsPerSecond));
const failures = runs.reduce((n, r) => n + r.non2xx + r.errors, 0);

const rate = Math.max(1, Math.floor(lookupRps * 0.5));
const fixed = await load({ url, method: 'POST', body, headers, connections: 16, seconds, overallRate: rate });
const rss = rssMb(engine.pid!);
await stopProcess(engine);
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(`bare fastify route:            ${bareRps.toFixed(0)} req/s (median of ${rounds})`);
console.log(`signed lookups:                ${lookupRps.toFixed(0)} lookups/s (median of ${rounds}, 16 connections, ${failures} failures) [${runs.map((r) => r.requestsPerSecond.toFixed(0)).join(', ')}]`);
console.log(`ratio lookups / rsa4096 sign:  ${(lookupRps / sign1).toFixed(2)} × the 1-core sign rate, ${(lookupRps / signAll).toFixed(2)} × the ${os.cpus().length}-core rate (aim ≥ 0.9 of openssl speed rsa4096)`);
console.log(`ratio lookups / bare fastify:  ${(lookupRps / bareRps).toFixed(4)}`);
console.log(`latency at a fixed ${rate}/s:     p50 ${fixed.p50} ms, p99 ${fixed.p99} ms (${fixed.non2xx + fixed.errors} failures)`);
console.log(`engine RSS after load:         ${rss.toFixed(0)} MB`);
