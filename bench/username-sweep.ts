/**
 * A full sweep of the Maigret catalogue (every enabled site, depth deep) through the
 * username_presence connector's own parts, against the loopback fake answering every response
 * after 100 ms. Prints the wall time (median of 3 runs, each with fresh connection pools), the
 * ideal time (site checks × latency ÷ concurrency) and their ratio, and the peak RSS of this
 * process (the fake runs in a child process, so its memory is not counted).
 *
 *   node --import tsx bench/username-sweep.ts
 *
 * The machine is shared: read medians, not single runs.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { ConnectorLogger } from '../src/connectors/sdk.ts';
import { createPresenceComponents, type PresenceComponents } from '../src/connectors/username-presence/presence-components.ts';
import { usernamePresenceSettings } from '../src/connectors/username-presence/settings.ts';
import { runUsernameSweep } from '../src/connectors/username-presence/username-presence.ts';
import { GuardedResolver } from '../src/net/guarded-lookup.ts';
import { GuardedHttpClient } from '../src/net/http-client.ts';
import { MAIGRET_SITES, sharedDataFile } from '../test/helpers/username-sites.ts';

const LATENCY_MS = 100;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const PER_HOST = Number(process.env.BENCH_PER_HOST ?? 4);
const RUNS = 3;
const USERNAME = 'benchuser2026';
const here = path.dirname(fileURLToPath(import.meta.url));

// A full collection between runs (outside the timed part), so each run's peak RSS is its own
// and the live heap after a sweep can be read; V8 otherwise lets garbage pile up across runs.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const quiet: ConnectorLogger = { debug() {}, info() {}, warn() {}, error() {} };
const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;

/** Starts the fake in a child process; resolves once it has written the rewritten catalogue. */
interface FakeCounters {
  readonly requests: number;
  /** CPU time the fake process has used, ms. */
  readonly cpuMs: number;
}

async function startFake(out: string): Promise<{ child: ChildProcess; served: () => Promise<FakeCounters> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'username-fake-sites.ts'), sharedDataFile(MAIGRET_SITES), out, String(LATENCY_MS), USERNAME], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const nextLine = (): Promise<string> => new Promise((resolve) => waiting.push(resolve));
  const ready = await nextLine();
  if (!ready.startsWith('ready')) throw new Error(`fake did not start: ${ready}`);
  console.log(`fake sites: ${ready.split(' ')[1]} loopback ports (one per original host), ${LATENCY_MS} ms per response`);
  return {
    child,
    served: async () => {
      child.stdin!.write('served\n');
      const [, requests, cpuMs] = (await nextLine()).split(' ');
      return { requests: Number(requests), cpuMs: Number(cpuMs) };
    },
  };
}

interface RunFigures {
  readonly wallMs: number;
  readonly checks: number;
  readonly requests: number;
  readonly cpuMs: number;
  readonly fakeCpuMs: number;
  /** Highest RSS and JS heap in use seen during the sweep (sampled every 50 ms). */
  readonly rssMb: number;
  readonly heapMb: number;
  /** JS heap still in use after the sweep and a full collection. */
  readonly liveMb: number;
  readonly detail: string;
}

/** One sweep; the connection pools are closed after it, so every run starts cold. */
async function sweepOnce(parts: PresenceComponents, served: () => Promise<FakeCounters>): Promise<RunFigures> {
  collectGarbage();
  const before = await served();
  const cpuBefore = process.cpuUsage();
  const memory = { rss: 0, heap: 0 };
  // process.memoryUsage() walks the heap spaces (~2 ms a call here): sampled every 50 ms it
  // stole CPU from the sweep it measures. RSS alone is one read; the heap is read less often.
  let tick = 0;
  const sampler = setInterval(() => {
    memory.rss = Math.max(memory.rss, process.memoryUsage.rss());
    if (tick++ % 10 === 0) memory.heap = Math.max(memory.heap, v8.getHeapStatistics().used_heap_size);
  }, 50);
  const started = performance.now();
  const result = await runUsernameSweep(
    parts,
    { identifiers: [{ type: 'username', value: USERNAME, normalized: USERNAME }], derived: false },
    { signal: new AbortController().signal, deadline: Date.now() + 600_000, depth: 'deep', logger: quiet },
    new Date(),
  );
  const wallMs = performance.now() - started;
  clearInterval(sampler);
  const cpu = process.cpuUsage(cpuBefore);
  const after = await served();
  await parts.agents.close();
  collectGarbage();
  const liveMb = process.memoryUsage().heapUsed / 1048576;
  const total = Number(/^(\d+) site checks/.exec(result.detail ?? '')?.[1] ?? 0);
  const skipped = Number(/skipped (\d+)/.exec(result.detail ?? '')?.[1] ?? 0);
  return {
    wallMs,
    checks: total - skipped,
    requests: after.requests - before.requests,
    cpuMs: (cpu.user + cpu.system) / 1000,
    fakeCpuMs: after.cpuMs - before.cpuMs,
    rssMb: memory.rss / 1048576,
    heapMb: memory.heap / 1048576,
    liveMb,
    detail: result.detail ?? result.outcome,
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-username-'));
  const catalogue = path.join(dir, 'sites.json');
  const fake = await startFake(catalogue);
  const http = new GuardedHttpClient(new GuardedResolver({ allowLoopback: true }));
  const settings = usernamePresenceSettings.parse({
    DATA_DIR: dir,
    USERNAME_SITES_PATH: catalogue,
    CONNECTOR_USERNAME_PRESENCE_CONCURRENCY: String(CONCURRENCY),
    CONNECTOR_USERNAME_PRESENCE_PER_HOST_LIMIT: String(PER_HOST),
    CONNECTOR_USERNAME_PRESENCE_REQUEST_TIMEOUT_MS: process.env.BENCH_TIMEOUT_MS ?? '20000',
  });
  const parts = createPresenceComponents(settings, { http, logger: quiet, now: () => new Date() });
  try {
    const loaded = await parts.source.current(); // once per engine, not per lookup
    console.log(`catalogue: ${loaded.report.total} Maigret entries, ${loaded.report.loaded} loaded, ${loaded.report.loaded - loaded.report.disabled} enabled`);
    const runs: RunFigures[] = [];
    for (let i = 0; i < RUNS; i++) {
      const figures = await sweepOnce(parts, fake.served);
      runs.push(figures);
      console.log(`run ${i + 1}: ${(figures.wallMs / 1000).toFixed(2)} s — ${figures.detail}; ${figures.requests} requests; CPU sweep ${(figures.cpuMs / 1000).toFixed(2)} s, fake ${(figures.fakeCpuMs / 1000).toFixed(2)} s; RSS ≤ ${figures.rssMb.toFixed(0)} MB, JS heap ≤ ${figures.heapMb.toFixed(0)} MB, live after ${figures.liveMb.toFixed(0)} MB`);
    }
    const wall = median(runs.map((r) => r.wallMs)) / 1000;
    const checks = runs[0]!.checks;
    const requests = median(runs.map((r) => r.requests));
    const ideal = (checks * LATENCY_MS) / 1000 / CONCURRENCY;
    const idealByRequests = (requests * LATENCY_MS) / 1000 / CONCURRENCY;
    console.log('');
    console.log(`sites (site checks making a request, depth deep): ${checks}   [skipped by regexCheck: ${Number(/^(\d+)/.exec(runs[0]!.detail)?.[1] ?? 0) - checks}]`);
    console.log(`concurrency ${CONCURRENCY}, per host ${PER_HOST}, latency ${LATENCY_MS} ms per response, cores ${os.cpus().length} (shared)`);
    console.log(`wall time (median of ${RUNS}): ${wall.toFixed(2)} s`);
    console.log(`ideal = sites × ${LATENCY_MS / 1000} s ÷ ${CONCURRENCY}: ${ideal.toFixed(2)} s   ratio ${(wall / ideal).toFixed(2)} × ideal`);
    console.log(`requests (incl. control probes and redirects): ${requests}; ideal by requests ${idealByRequests.toFixed(2)} s, ratio ${(wall / idealByRequests).toFixed(2)}`);
    console.log(`peak RSS during a sweep (median of ${RUNS}): ${median(runs.map((r) => r.rssMb)).toFixed(0)} MB; process peak ${mb(process.resourceUsage().maxRSS)}; live JS heap after a sweep ${median(runs.map((r) => r.liveMb)).toFixed(0)} MB`);
    console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  } finally {
    await http.close();
    fake.child.stdin!.end();
    await new Promise((resolve) => fake.child.once('exit', resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
