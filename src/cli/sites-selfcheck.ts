/**
 * `cairn sites selfcheck`: checks every enabled site of the username catalogue with its claimed
 * and an unclaimed name, prints the broken definitions and a summary, records every verdict in
 * DATA_DIR (the connector's confidence reads it), and with `--disable-broken` disables the
 * broken sites locally (and re-enables those that pass again). Built from the same parts as the
 * connector, so it checks exactly what a lookup would.
 */
import type { Config } from '../config/config.ts';
import { ConfigError } from '../config/config.ts';
import { createLogger } from '../engine/logger.ts';
import { GuardedResolver } from '../net/guarded-lookup.ts';
import { GuardedHttpClient } from '../net/http-client.ts';
import { describeReport } from '../connectors/username-presence/catalogue.ts';
import type { LocalSiteState, SiteState } from '../connectors/username-presence/local-site-state.ts';
import { createPresenceComponents } from '../connectors/username-presence/presence-components.ts';
import { type SelfCheckReport, type SelfCheckRow, runSelfCheck } from '../connectors/username-presence/self-check.ts';
import { usernamePresenceSettings } from '../connectors/username-presence/settings.ts';
import { selectSites } from '../connectors/username-presence/site-selection.ts';

export interface SelfCheckCommandOptions {
  readonly tag?: string[];
  readonly top?: number;
  readonly concurrency?: number;
  readonly perHost?: number;
  readonly maxMinutes: number;
  readonly disableBroken: boolean;
  readonly showInconclusive: boolean;
}

/** Runs the self-check; resolves with the process exit code (0, or 1 when nothing could run). */
export async function sitesSelfCheck(config: Config, options: SelfCheckCommandOptions, out: (line: string) => void): Promise<number> {
  const parsed = usernamePresenceSettings.safeParse(config.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'USERNAME_SITES_PATH'), issue?.message ?? 'invalid value');
  }
  const settings = parsed.data;
  const resolver = new GuardedResolver({ allowLoopback: config.connectors.allowLoopback, ...(config.connectors.dnsServers ? { servers: config.connectors.dnsServers } : {}) });
  const http = new GuardedHttpClient(resolver);
  const logger = createLogger({ level: config.log.level === 'debug' ? 'debug' : 'warning', format: 'text', destination: process.stderr });
  const parts = createPresenceComponents(settings, { http, logger, now: () => new Date() });
  try {
    const catalogue = await parts.source.current();
    out(`catalogue ${catalogue.origin} (sha256 ${catalogue.sha256.slice(0, 12)}…): ${describeReport(catalogue.report)}`);
    // Locally disabled sites are checked too: a site that passes again is re-enabled.
    const { sites } = selectSites(catalogue.rules, {
      depth: 'deep',
      standardTop: Number.MAX_SAFE_INTEGER,
      top: options.top ?? null,
      includeTags: options.tag ?? parts.selection.includeTags,
      excludeTags: parts.selection.excludeTags,
      locallyDisabled: new Set(),
    });
    if (sites.length === 0) {
      out('no enabled site matches; nothing to check');
      return 1;
    }
    out(`checking ${sites.length} sites (claimed + unclaimed name each)…`);
    const report = await runSelfCheck(sites, {
      ...parts.checker,
      concurrency: options.concurrency ?? parts.limits.concurrency,
      perHostLimit: options.perHost ?? parts.limits.perHostLimit,
      deadline: Date.now() + options.maxMinutes * 60_000,
    });
    printReport(report, options.showInconclusive, out);
    const disabled = recordVerdicts(parts.state, report, options.disableBroken);
    out(options.disableBroken ? `local disable list: ${disabled} sites (${parts.state.file})` : `verdicts recorded in ${parts.state.file}; --disable-broken disables the broken sites`);
    return 0;
  } finally {
    await parts.agents.close();
    await http.close();
  }
}

function printReport(report: SelfCheckReport, showInconclusive: boolean, out: (line: string) => void): void {
  const broken = report.rows.filter((r) => r.verdict === 'broken');
  if (broken.length > 0) {
    out('');
    out('BROKEN DEFINITIONS');
    table(broken, out);
  }
  const inconclusive = report.rows.filter((r) => r.verdict === 'inconclusive');
  if (showInconclusive && inconclusive.length > 0) {
    out('');
    out('INCONCLUSIVE (blocked, rate limited or failing: neither trusted nor disabled)');
    table(inconclusive, out);
  }
  out('');
  const c = report.counts;
  out(`checked ${report.rows.length} sites in ${(report.durationMs / 1000).toFixed(1)} s: ok ${c.ok}, broken ${c.broken}, inconclusive ${c.inconclusive}`);
  out(`claimed names found (recall) ${(report.recall * 100).toFixed(2)} %, found that were claimed (precision) ${(report.precision * 100).toFixed(2)} %`);
}

function table(rows: readonly SelfCheckRow[], out: (line: string) => void): void {
  const cells = rows.map((r) => [r.site, r.claimed?.outcome ?? '-', r.unclaimed?.outcome ?? '-', r.reason]);
  const widths = [0, 1, 2].map((i) => Math.min(40, Math.max(...cells.map((c) => c[i]!.length), ['SITE', 'CLAIMED', 'UNCLAIMED'][i]!.length)));
  const line = (c: readonly string[]): string => c.map((v, i) => (i < 3 ? v.slice(0, widths[i]).padEnd(widths[i]!) : v)).join('  ');
  out(line(['SITE', 'CLAIMED', 'UNCLAIMED', 'REASON']));
  for (const c of cells) out(line(c));
}

/** Writes every verdict; returns how many sites are locally disabled afterwards. */
function recordVerdicts(state: LocalSiteState, report: SelfCheckReport, disableBroken: boolean): number {
  const previous = state.read().sites;
  const checkedAt = new Date().toISOString();
  const updates: Record<string, SiteState> = {};
  for (const row of report.rows) {
    const was = previous[row.site]?.disabled ?? false;
    const disabled = !disableBroken ? was : row.verdict === 'broken' ? true : row.verdict === 'ok' ? false : was;
    updates[row.site] = { verdict: row.verdict, checked_at: checkedAt, reason: row.reason, disabled };
  }
  return Object.values(state.write(updates).sites).filter((s) => s.disabled).length;
}
