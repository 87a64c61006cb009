import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './cli.ts';

/** PostgreSQL server binaries on this machine (Debian's packages, or a local build). */
export function findPostgresBin(): string | null {
  const candidates = ['/usr/local/bin', ...safeList('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`).sort().reverse()];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) ?? null;
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

export interface PgCluster {
  readonly url: string;
  readonly port: number;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  destroy(): void;
}

/**
 * A throwaway PostgreSQL cluster owned by one test, so the test may stop and restart it
 * (database-fault tests). Runs as the `postgres` user when the tests run as root.
 */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPostgresBin();
  if (bin === null) throw new Error('no PostgreSQL binaries (initdb, pg_ctl) on this machine');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-pgc-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync('chown', ['-R', 'postgres', dir]);
  const run = (cmd: string, args: string[]) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] as const : [path.join(bin, cmd), args] as const;
    const result = spawnSync(full[0], [...full[1]], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
  const pgCtl = (args: string[]) => run('pg_ctl', ['-D', path.join(dir, 'data'), '-l', path.join(dir, 'log'), ...args]);
  const start = () => pgCtl(['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, '-w', 'start']);
  start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop: (mode = 'fast') => pgCtl(['-m', mode, '-w', 'stop']),
    destroy: () => {
      try {
        pgCtl(['-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
