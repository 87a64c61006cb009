/**
 * Who registered a domain: RDAP first (the server IANA's `dns.json` names for the TLD), WHOIS
 * on port 43 where no RDAP server is known (IANA's WHOIS names the TLD's server) or the
 * bootstrap file cannot be read. A 404 or a WHOIS "no match" means not registered.
 */
import type { BootstrapCache, DomainBootstrap } from '../network-common/rdap-bootstrap.ts';
import { fetchRdap } from '../network-common/rdap-client.ts';
import { gapOf, partBudgetMs, type UpstreamGap } from '../network-common/upstream-gaps.ts';
import type { HttpClient, TcpClient } from '../sdk.ts';
import { parseRdapDomain } from './rdap-domain.ts';
import type { RegistrationFacts } from './registration-facts.ts';
import { queryWhois, type WhoisDirectory } from './whois-client.ts';
import { parseWhois } from './whois-parse.ts';

export interface RegistrationSources {
  readonly http: HttpClient;
  readonly tcp: TcpClient;
  readonly bootstrap: BootstrapCache<DomainBootstrap>;
  readonly whois: WhoisDirectory;
  readonly rdapTimeoutMs: number;
  readonly whoisTimeoutMs: number;
  readonly whoisPort: number;
}

export interface RegistrationOutcome {
  readonly facts: RegistrationFacts | null;
  readonly notRegistered: boolean;
  readonly gaps: readonly UpstreamGap[];
  readonly notes: readonly string[];
}

interface CallWindow {
  readonly signal: AbortSignal;
  readonly deadline: number;
}

const nothing = (gaps: UpstreamGap[], notes: string[] = []): RegistrationOutcome => ({ facts: null, notRegistered: false, gaps, notes });

/**
 * @example
 * const outcome = await lookUpRegistration(sources, 'example.com', { signal, deadline });
 * outcome.facts?.registrar // 'RESERVED-Internet Assigned Numbers Authority'
 */
export async function lookUpRegistration(sources: RegistrationSources, domain: string, call: CallWindow): Promise<RegistrationOutcome> {
  let server: string | null = null;
  let bootstrapGap: UpstreamGap | null = null;
  try {
    const bootstrap = await sources.bootstrap.get(call.signal, partBudgetMs(call.deadline, sources.rdapTimeoutMs));
    server = bootstrap.serverFor(domain);
  } catch (err) {
    bootstrapGap = gapOf('rdap bootstrap', err);
  }
  if (server !== null) return viaRdap(sources, `${server}domain/${encodeURIComponent(domain)}`, call);
  const whois = await viaWhois(sources, domain, call);
  return bootstrapGap === null ? whois : { ...whois, gaps: [bootstrapGap, ...whois.gaps] };
}

async function viaRdap(sources: RegistrationSources, url: string, call: CallWindow): Promise<RegistrationOutcome> {
  try {
    const answer = await fetchRdap(sources.http, url, { signal: call.signal, timeoutMs: partBudgetMs(call.deadline, sources.rdapTimeoutMs) });
    if (!answer.found) return { facts: null, notRegistered: true, gaps: [], notes: ['rdap: no such domain at the registry'] };
    return { facts: parseRdapDomain(answer.body, answer.url), notRegistered: false, gaps: [], notes: [] };
  } catch (err) {
    return nothing([gapOf('rdap', err)]);
  }
}

async function viaWhois(sources: RegistrationSources, domain: string, call: CallWindow): Promise<RegistrationOutcome> {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  let server: string | null;
  try {
    server = await sources.whois.serverFor(tld, call.signal, partBudgetMs(call.deadline, sources.whoisTimeoutMs));
  } catch (err) {
    return nothing([gapOf('whois directory', err)]);
  }
  if (server === null) return nothing([], [`no RDAP or WHOIS service is known for .${tld}`]);
  let text: string;
  try {
    text = await queryWhois(sources.tcp, { host: server, port: sources.whoisPort, query: domain, signal: call.signal, timeoutMs: partBudgetMs(call.deadline, sources.whoisTimeoutMs) });
  } catch (err) {
    return nothing([gapOf('whois', err)]);
  }
  const parsed = parseWhois(text, server);
  if (parsed === 'not_registered') return { facts: null, notRegistered: true, gaps: [], notes: ['whois: no such domain at the registry'] };
  if (parsed === null) return nothing([], [`whois: the answer of ${server} could not be read`]);
  return { facts: parsed, notRegistered: false, gaps: [], notes: [] };
}
