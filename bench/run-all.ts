/**
 * Every benchmark, one after the other (they would steal each other's cores if run together),
 * each in its own process with its output as it comes. Loopback only; the PostgreSQL ones use
 * --database-url (default postgresql://postgres@127.0.0.1:5432/postgres) and are skipped with a
 * line saying so when nothing answers there.
 *
 *   npm run bench [-- --database-url postgresql://…/postgres]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';

const args = process.argv.slice(2);
const databaseUrl = args.includes('--database-url') ? args[args.indexOf('--database-url') + 1]! : 'postgresql://postgres@127.0.0.1:5432/postgres';
const here = import.meta.dirname;

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const withPostgres = await postgresAnswers();
const runs: { script: string; args: string[]; nodeArgs?: string[]; postgres?: boolean }[] = [
  { script: 'lookup-throughput.ts', args: [] },
  { script: 'scale-out.ts', args: ['--database-url', databaseUrl], postgres: true },
  { script: 'connector-faults.ts', args: ['--database-url', databaseUrl], postgres: true },
  { script: 'username-sweep.ts', args: [] },
  { script: 'resolution-eval.ts', args: ['7', '11', '23', '42', '99'] },
  { script: 'pdf-export.ts', args: [] },
  { script: 'sanctions-screening.ts', args: [] },
  { script: 'web-extraction.ts', args: [] },
  { script: 'osint-ip-data.ts', args: [], nodeArgs: ['--expose-gc'] },
];

let failed = 0;
for (const run of runs) {
  console.log(`\n=== bench/${run.script} ${run.args.join(' ')}`);
  if (run.postgres && !withPostgres) {
    console.log(`skipped: no PostgreSQL answers at ${new URL(databaseUrl).host}`);
    continue;
  }
  const result = spawnSync(process.execPath, [...(run.nodeArgs ?? []), '--import', 'tsx', path.join(here, run.script), ...run.args], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`bench/${run.script} exited with ${result.status ?? result.signal}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
