/**
 * Lookups under connector faults: one engine process (PGlite, or PostgreSQL with
 * --database-url) with eight connectors pointed at a loopback server that fails in one way per
 * phase, loaded by concurrent clients. Prints per mode the lookup rate, p50/p99 latency beside
 * the connector deadline, the engine's peak RSS beside that of the fast-failing `reset` phase,
 * and how many bytes the broken server managed to send per
 * lookup out of the 4 GiB it offered on each call.
 *
 *   node --import tsx bench/connector-faults.ts [--seconds 10] [--connections 16] [--database-url postgresql://…/postgres]
 *
 * With --database-url the engine stores on a throwaway PostgreSQL database, so its RSS is the
 * engine's alone (PGlite's WASM heap grows with what it stores and never shrinks).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../test/helpers/cli.ts';
import { createPostgresDatabase } from '../test/helpers/database.ts';
import { FaultScenario } from '../test/helpers/fault-scenario.ts';
import { FAULT_MODES, type FaultMode } from '../test/helpers/fault-server.ts';
import { testSigningKeyPath } from '../test/helpers/keys.ts';
import { load, rssMb, startProcess, stopProcess } from './lib.ts';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] || 10) || 10;
const connections = Number(args[args.indexOf('--connections') + 1] || 16) || 16;
const adminUrl = args.includes('--database-url') ? args[args.indexOf('--database-url') + 1]! : null;
const DEADLINE_S = 3;
const repo = path.resolve(import.meta.dirname, '..');
const key = 'bench-connector-faults-key-0123456789';
const headers = { 'content-type': 'application/json', 'x-api-key': key };

const scenario = await FaultScenario.start();
const fault = scenario.fault;
const body = JSON.stringify({ identifiers: scenario.identifiers() });

const database = adminUrl !== null ? await createPostgresDatabase(adminUrl, `cairn_bench_faults_${process.pid}`) : null;
const databaseUrl = database?.url ?? null;

const port = await freePort();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-faults-'));
const engine = await startProcess(
  [path.join(repo, 'bin/cairn.js'), 'serve'],
  {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    PORT: String(port),
    ...(databaseUrl !== null ? { DATABASE_URL: databaseUrl } : {}),
    API_KEY_HASH_SECRET: 'bench-secret-0123456789',
    SIGNING_PRIVATE_KEY_PATH: await testSigningKeyPath(),
    BOOTSTRAP_API_KEY: key,
    BOOTSTRAP_API_KEY_ROLES: 'analyst',
    RATE_LIMIT_REQUESTS_PER_MINUTE: '1000000',
    LOG_LEVEL: 'error',
    METRICS_ENABLED: 'false',
    JOBS_ENABLED: 'false',
    ...scenario.engineEnv(DEADLINE_S),
  },
  `http://127.0.0.1:${port}/health`,
);

/** One phase: load for `seconds` while sampling the engine's RSS every 100 ms. */
async function phase(mode: FaultMode) {
  fault.reset(mode);
  let peak = rssMb(engine.pid!);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(engine.pid!))), 100);
  const result = await load({ url: `http://127.0.0.1:${port}/v1/lookup`, method: 'POST', body, headers, connections, seconds });
  clearInterval(sampler);
  const lookups = result.requestsPerSecond * seconds;
  const sent = [...fault.bytesSent.values()].reduce((a, b) => a + b, 0);
  return { mode, result, peak, sentPerLookupMb: lookups > 0 ? sent / lookups / 1024 ** 2 : 0 };
}

console.log(`# Cairn connector-fault benchmark — ${os.cpus().length} cores, node ${process.version}, ${databaseUrl !== null ? `PostgreSQL at ${new URL(databaseUrl).host}` : 'PGlite'}, ${connections} clients, ${seconds} s per mode, connector deadline ${DEADLINE_S} s`);
try {
  // Warm-up (JIT, first-use data) in a fast-failing mode, then each fault in turn.
  await load({ url: `http://127.0.0.1:${port}/v1/lookup`, method: 'POST', body, headers, connections, seconds: 3 });
  const rows = [];
  for (const mode of ['reset', ...FAULT_MODES.filter((m) => m !== 'reset')] as FaultMode[]) rows.push(await phase(mode));
  const baseline = rows[0]!;
  console.log('| upstream fault | lookups/s | p50 ms | p99 ms | p99 / deadline | non-2xx | engine RSS peak MB | peak / reset-mode peak | MiB the broken server got out per lookup |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.mode} | ${r.result.requestsPerSecond.toFixed(1)} | ${r.result.p50} | ${r.result.p99} | ${(r.result.p99 / (DEADLINE_S * 1000)).toFixed(2)} | ${r.result.non2xx + r.result.errors} | ${r.peak.toFixed(0)} | ${(r.peak / baseline.peak).toFixed(2)} | ${r.sentPerLookupMb.toFixed(1)} |`,
    );
  }
  console.log('(gigabytes: each of ~14 calls per lookup is offered 4 GiB; the engine reads at most its cap per call (2 MiB for APIs and pages, 256 KiB per username site and Gravatar, 8 MiB for the RDAP bootstrap), the rest of the count sat in loopback socket buffers when it hung up)');
} finally {
  await stopProcess(engine);
  await scenario.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
}
