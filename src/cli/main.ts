import { Command, InvalidArgumentError } from 'commander';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import { verifyAuditChain } from '../audit/verify-chain.ts';
import { createEngine, type Engine } from '../engine/engine.ts';
import { createKey, listKeys, revokeKey } from './keys.ts';
import { sanctionsStatusCommand, sanctionsSyncCommand } from './sanctions.ts';
import { serve } from './serve.ts';
import { worker } from './worker.ts';
import { sitesSelfCheck } from './sites-selfcheck.ts';
import { verifyPdfCommand } from './verify-pdf.ts';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Loads the config, or prints the one line that names the bad variable and exits 2. */
function configOrExit(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`cairn: configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Runs `task` on an engine without its HTTP server (CLI commands), quietly. */
async function withEngine<T>(task: (engine: Engine) => Promise<T>): Promise<T> {
  const config = configOrExit();
  const quiet = { ...config, log: { ...config.log, level: 'error' as const } };
  const engine = await createEngine(quiet, { firstRunKey: false });
  try {
    return await task(engine);
  } finally {
    await engine.close();
  }
}

const program = new Command('cairn').description('Cairn identity-intelligence engine').showHelpAfterError();

program
  .command('serve', { isDefault: true })
  .description('start the engine (HTTP API) on HOST:PORT')
  .action(async () => serve(configOrExit()));

program
  .command('worker')
  .description('run the background jobs (retention purge, connector health, sanctions sync) without the HTTP API')
  .action(async () => worker(configOrExit()));

const keys = program.command('keys').description('manage API keys (service accounts)');
keys
  .command('create')
  .requiredOption('--name <name>', 'service account name')
  .option('--roles <roles>', 'comma-separated roles', 'analyst')
  .description('create a key and print it once')
  .action(async (options: { name: string; roles: string }) =>
    withEngine((engine) => createKey(engine, options.name, options.roles.split(',').map((r) => r.trim()).filter(Boolean), out)),
  );
keys.command('list').description('list keys (never the keys themselves)').action(async () => withEngine((engine) => listKeys(engine, out)));
keys
  .command('revoke <id>')
  .description('revoke a key at once (other engines drop it within seconds)')
  .action(async (id: string) => {
    const revoked = await withEngine((engine) => revokeKey(engine, id, out));
    if (!revoked) process.exitCode = 1;
  });

program
  .command('audit')
  .description('audit log tools')
  .command('verify')
  .description('walk the audit hash chain and report the first break')
  .action(async () => {
    const report = await withEngine((engine) => verifyAuditChain(engine.database.db));
    if (report.ok) out(`audit chain intact: ${report.recordsChecked} records`);
    else {
      out(`audit chain BROKEN at record ${report.firstBreak!.seq}${report.firstBreak!.requestId ? ` (${report.firstBreak!.requestId})` : ''}: ${report.firstBreak!.reason}`);
      process.exitCode = 1;
    }
  });

program
  .command('verify <pdf>')
  .description('check a report PDF offline: its PDF signature, the embedded report, its hash and its signature (no engine or database needed)')
  .requiredOption('--public-key <file>', 'PEM public key or certificate, JWK, JWK Set, or the JSON of GET /v1/reports/signing-keys (repeatable)', (value: string, previous: string[] = []) => [...previous, value])
  .option('--json', 'print the result as JSON')
  .action(async (pdf: string, options: { publicKey: string[]; json?: boolean }) => {
    process.exitCode = await verifyPdfCommand(pdf, options.publicKey, { json: options.json === true }, out);
  });

const positiveInt = (value: string): number => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a positive whole number');
  return Number(value);
};
const sites = program.command('sites').description('username site catalogue tools');
sites
  .command('selfcheck')
  .description("check every enabled site with its claimed and an unclaimed username; report (and optionally disable) broken definitions")
  .option('--tag <tag...>', 'only sites with one of these tags')
  .option('--top <n>', 'only the top N sites by rank', positiveInt)
  .option('--concurrency <n>', 'requests in flight (default CONNECTOR_USERNAME_PRESENCE_CONCURRENCY)', positiveInt)
  .option('--per-host <n>', 'requests in flight per host (default CONNECTOR_USERNAME_PRESENCE_PER_HOST_LIMIT)', positiveInt)
  .option('--max-minutes <n>', 'stop and report after this long', positiveInt, 30)
  .option('--disable-broken', 'disable broken sites locally (in DATA_DIR) and re-enable sites that pass again', false)
  .option('--show-inconclusive', 'also list sites that were blocked, rate limited or failing', false)
  .action(async (options: { tag?: string[]; top?: number; concurrency?: number; perHost?: number; maxMinutes: number; disableBroken: boolean; showInconclusive: boolean }) => {
    process.exitCode = await sitesSelfCheck(configOrExit(), options, out);
  });

const sanctions = program.command('sanctions').description('sanctions lists (OFAC, UN, EU, UK)');
sanctions
  .command('sync')
  .description('download (or load) the lists now, as the scheduled job does; a failed list keeps its previous version')
  .option('--list <list...>', 'only these publishers: ofac, un, eu, uk')
  .option('--from-path <dir>', 'read the files from this directory instead of downloading (air-gapped installs)')
  .option('--force', 'accept a new version that shrank below SANCTIONS_MIN_RETAINED_PERCENT')
  .action(async (options: { list?: string[]; fromPath?: string; force?: boolean }) => {
    const ok = await withEngine((engine) => sanctionsSyncCommand(engine, options, out));
    if (!ok) process.exitCode = 1;
  });
sanctions
  .command('status')
  .description('stored version and last sync of every list')
  .action(async () => withEngine((engine) => sanctionsStatusCommand(engine, out)));

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`cairn: configuration error: ${err.message}\n`);
  else process.stderr.write(`cairn: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
});
