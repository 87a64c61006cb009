/**
 * Throughput and latency of 1 and 2 engine replicas on one PostgreSQL, and memory per replica.
 * Loopback only, bounded: each phase runs a fixed number of seconds.
 *
 *   node --import tsx bench/scale-out.ts [--seconds 10] [--database-url postgresql://…/postgres]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/cli.ts';
import { createPostgresDatabase } from '../test/helpers/database.ts';
import { testSigningKeyPath } from '../test/helpers/keys.ts';
import { load, type LoadResult, median, rssMb, startProcess, stopProcess } from './lib.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 10) || 10;
const adminUrl = args.includes('--database-url') ? args[args.indexOf('--database-url') + 1]! : 'postgresql://postgres@127.0.0.1:5432/postgres';
const repo = path.resolve(import.meta.dirname, '..');
const key = 'bench-scale-out-key-0123456789';
const body = JSON.stringify({ identifiers: [{ type: 'phone', value: '+33612345678' }] });
const headers = { 'content-type': 'application/json', 'x-api-key': key };

const database = await createPostgresDatabase(adminUrl, `cairn_bench_${process.pid}`);

const env = (dataDir: string, port: number): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  DATA_DIR: dataDir,
  PORT: String(port),
  DATABASE_URL: database.url,
  API_KEY_HASH_SECRET: 'bench-shared-secret-0123456789',
  SIGNING_PRIVATE_KEY_PATH: signingKey,
  SIGNING_KEY_ID: 'sk-bench',
  BOOTSTRAP_API_KEY: key,
  BOOTSTRAP_API_KEY_ROLES: 'analyst',
  RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
  LOG_LEVEL: 'warning',
  METRICS_ENABLED: 'false',
  JOBS_ENABLED: 'false',
  CONNECTOR_ENABLED: 'phone_metadata',
});
const signingKey = await testSigningKeyPath();

async function replicas(n: number) {
  const started = [];
  for (let i = 0; i < n; i++) {
    const port = await freePort();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-'));
    const child = await startProcess([path.join(repo, 'bin/cairn.js'), 'serve'], env(dataDir, port), `http://127.0.0.1:${port}/health`);
    started.push({ child, port, dataDir });
  }
  return started;
}

/** Load split evenly over the replicas, in parallel; throughput summed. */
async function phase(n: number, connections: number, overallRate?: number): Promise<{ rps: number; runs: LoadResult[]; rss: number[] }> {
  const engines = await replicas(n);
  const per = Math.max(1, Math.floor(connections / n));
  await Promise.all(engines.map((e) => load({ url: `http://127.0.0.1:${e.port}/v1/lookup`, method: 'POST', body, headers, connections: per, seconds: 3 }))); // warm-up
  const runs = await Promise.all(
    engines.map((e) => load({ url: `http://127.0.0.1:${e.port}/v1/lookup`, method: 'POST', body, headers, connections: per, seconds, ...(overallRate ? { overallRate: overallRate / n } : {}) })),
  );
  const rss = engines.map((e) => rssMb(e.child.pid!));
  for (const e of engines) {
    await stopProcess(e.child);
    fs.rmSync(e.dataDir, { recursive: true, force: true });
  }
  return { rps: runs.reduce((s, r) => s + r.requestsPerSecond, 0), runs, rss };
}

console.log(`# Cairn scale-out benchmark — ${os.cpus().length} cores, node ${process.version}, PostgreSQL at ${new URL(adminUrl).host}, ${seconds} s per phase`);
try {
  const results: Record<number, { rps: number[]; rss: number[]; p50: number[]; p99: number[] }> = {};
  for (let round = 0; round < 3; round++) {
    for (const n of [1, 2]) {
      const r = await phase(n, 16);
      const entry = (results[n] ??= { rps: [], rss: [], p50: [], p99: [] });
      entry.rps.push(r.rps);
      entry.rss.push(...r.rss);
    }
  }
  for (const n of [1, 2]) {
    // Latency at a fixed rate: half of what this replica count sustained.
    const rate = Math.floor(median(results[n]!.rps) * 0.5);
    const fixed = await phase(n, 16, rate);
    const p50 = median(fixed.runs.map((r) => r.p50));
    const p99 = Math.max(...fixed.runs.map((r) => r.p99));
    console.log(
      `${n} replica${n > 1 ? 's' : ' '}: ${median(results[n]!.rps).toFixed(0)} lookups/s (median of 3: ${results[n]!.rps.map((v) => v.toFixed(0)).join(', ')}), ` +
        `p50 ${p50} ms / p99 ${p99} ms at a fixed ${rate}/s, RSS per replica ${median(results[n]!.rss).toFixed(0)} MB`,
    );
  }
  console.log(`ratio 2 replicas / 1 replica: ${(median(results[2]!.rps) / median(results[1]!.rps)).toFixed(2)} (same ${os.cpus().length} cores: replicas add resilience here, not cores)`);
} finally {
  await database.drop();
}
