import dns from 'node:dns';
import net from 'node:net';
import { domainToASCII } from 'node:url';
import { z } from 'zod';
import {
  baseUrlField,
  boolField,
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type DerivedIdentifier,
  type Egress,
  type HealthReport,
  type Identifier,
  intField,
  listField,
  type RunContext,
} from '../sdk.ts';
import { egressOf } from '../base-url.ts';
import { combineResults, failureOfError, type IdentifierResult, mostTellingFailure, type UpstreamFailure } from '../web-common/upstream-failure.ts';
import { DisposableDomains } from './disposable-domains.ts';
import { diagnoseEmail } from './email-diagnosis.ts';
import { type EmailFacts, emailFinding, gravatarDerived, gravatarFindings } from './email-findings.ts';
import { isFreeProvider } from './free-providers.ts';
import { GravatarClient } from './gravatar-client.ts';
import { type MailRouting, MxLookup } from './mx-lookup.ts';
import { baseLocalPart, isRoleAccount } from './role-accounts.ts';

const manifest = defineManifest({
  id: 'email_intel',
  name: 'Email address intelligence',
  description:
    'RFC 5321/5322 syntax diagnosis (is_email categories), MX records, disposable-domain, role-account and free-provider flags, ' +
    'and the public Gravatar profile of an email address.',
  category: 'person_data',
  tier: 'primary',
  accepts: ['email'],
  credential_mode: 'intrace_managed',
  // Syntax and DNS facts are certain; a Gravatar profile is self-declared.
  reliability: 0.85,
});

const settings = z.object({
  CONNECTOR_EMAIL_INTEL_DNS_SERVERS: listField().refine(areResolverAddresses, 'must be resolver addresses: ip or ip:port, comma-separated'),
  CONNECTOR_EMAIL_INTEL_DNS_TIMEOUT_MS: intField(100, 60_000, 3000),
  CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL: baseUrlField('https://gravatar.com'),
  CONNECTOR_EMAIL_INTEL_GRAVATAR_ENABLED: boolField(true),
  CONNECTOR_EMAIL_INTEL_HTTP_TIMEOUT_MS: intField(100, 60_000, 5000),
  CONNECTOR_EMAIL_INTEL_HEALTH_DOMAIN: z.string().default('gmail.com'),
});
type Settings = z.output<typeof settings>;

// A fixed address whose Gravatar lookup the health probe makes (its hash, not the address, is sent).
const PROBE_ADDRESS = 'health-probe@cairn.invalid';

export const emailIntel = defineConnector({
  manifest,
  settings,
  create(config: Settings, services: ConnectorServices): Connector {
    const mx = new MxLookup({ servers: config.CONNECTOR_EMAIL_INTEL_DNS_SERVERS, timeoutMs: config.CONNECTOR_EMAIL_INTEL_DNS_TIMEOUT_MS });
    const gravatar = config.CONNECTOR_EMAIL_INTEL_GRAVATAR_ENABLED ? new GravatarClient(services.http, config.CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL) : null;
    const tools: Tools = { mx, disposable: new DisposableDomains(), gravatar, httpTimeoutMs: config.CONNECTOR_EMAIL_INTEL_HTTP_TIMEOUT_MS };
    return {
      manifest,
      egress: egressFor(config),
      async run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> {
        // An address whose DNS or Gravatar call failed was not fully checked: when none was,
        // the failure is the outcome. What was read offline still feeds the second wave.
        return combineResults(await Promise.all(input.identifiers.map((identifier) => analyseEmail(identifier, ctx, tools))));
      },
      health: (signal) => probeHealth(config, tools, signal),
    };
  },
});

interface Tools {
  readonly mx: MxLookup;
  readonly disposable: DisposableDomains;
  readonly gravatar: GravatarClient | null;
  readonly httpTimeoutMs: number;
}

async function analyseEmail(identifier: Identifier, ctx: RunContext, tools: Tools): Promise<IdentifierResult> {
  const email = identifier.normalized;
  const diagnosis = diagnoseEmail(email);
  const domain = diagnosis.domain.toLowerCase();
  const asciiDomain = domain.startsWith('[') ? '' : domainToASCII(domain);
  const failures: UpstreamFailure[] = [];
  const capture = <T>(work: Promise<T>, upstream: string): Promise<T | null> =>
    work.catch((err: unknown) => {
      failures.push(failureOfError(err, upstream));
      return null;
    });
  const [routing, profile] = await Promise.all([
    asciiDomain !== '' ? capture<MailRouting>(tools.mx.lookup(asciiDomain, ctx.signal), 'dns') : Promise.resolve(null),
    tools.gravatar !== null && diagnosis.deliverable
      ? capture(tools.gravatar.profile(email, { signal: ctx.signal, deadline: ctx.deadline, timeoutMs: tools.httpTimeoutMs }), 'gravatar')
      : Promise.resolve(null),
  ]);
  const facts: EmailFacts = {
    email,
    diagnosis,
    disposable: asciiDomain !== '' && tools.disposable.isDisposable(asciiDomain),
    roleAccount: isRoleAccount(diagnosis.localPart),
    freeProvider: asciiDomain !== '' && isFreeProvider(asciiDomain),
    routing,
    gravatar: profile,
  };
  const about = { type: 'email', normalized: email };
  const findings = [emailFinding(facts, about), ...(profile !== null ? gravatarFindings(profile, about, profile.profileUrl) : [])];
  return { findings, derived: derivedOf(facts, ctx.depth), failures };
}

/**
 * At depth deep the local part becomes a username for the username connectors, unless it is a
 * role mailbox or a quoted string (neither is anyone's handle). The "+tag" sub-address is
 * dropped: it is never part of the handle.
 */
function derivedOf(facts: EmailFacts, depth: RunContext['depth']): DerivedIdentifier[] {
  const derived: DerivedIdentifier[] = facts.gravatar !== null ? gravatarDerived(facts.gravatar) : [];
  if (depth !== 'deep' || !facts.diagnosis.deliverable || facts.roleAccount) return derived;
  const local = baseLocalPart(facts.diagnosis.localPart);
  if (local !== '' && !local.startsWith('"')) derived.unshift({ type: 'username', value: local });
  return derived;
}

function egressFor(config: Settings): Egress[] {
  const egress: Egress[] = [];
  if (config.CONNECTOR_EMAIL_INTEL_GRAVATAR_ENABLED) egress.push(egressOf(config.CONNECTOR_EMAIL_INTEL_GRAVATAR_BASE_URL));
  // DNS runs over UDP first and TCP for long answers; the contract's egress protocols have no
  // udp, so the resolvers are listed as tcp/53 (or their configured port).
  for (const server of config.CONNECTOR_EMAIL_INTEL_DNS_SERVERS) egress.push({ ...resolverEndpoint(server), protocol: 'tcp' });
  return egress;
}

/** `1.1.1.1`, `1.1.1.1:5353`, `::1` or `[::1]:5353` → host and port. */
function resolverEndpoint(server: string): { host: string; port: number } {
  if (net.isIP(server) !== 0) return { host: server, port: 53 };
  const match = /^\[(.+)\]:(\d+)$/.exec(server) ?? /^([^:]+):(\d+)$/.exec(server);
  return { host: match?.[1] ?? server, port: Number(match?.[2] ?? 53) };
}

/** Asks the resolver one MX question and Gravatar for one profile; any answer is health. */
async function probeHealth(config: Settings, tools: Tools, signal: AbortSignal): Promise<HealthReport> {
  const started = performance.now();
  const problems: UpstreamFailure[] = [];
  await tools.mx.probe(config.CONNECTOR_EMAIL_INTEL_HEALTH_DOMAIN, signal).catch((err: unknown) => problems.push(failureOfError(err, 'dns')));
  if (tools.gravatar !== null) {
    // The probe address has no profile: a 404 is the healthy answer.
    await tools.gravatar
      .profile(PROBE_ADDRESS, { signal, deadline: Date.now() + 2 * tools.httpTimeoutMs, timeoutMs: tools.httpTimeoutMs })
      .catch((err: unknown) => problems.push(failureOfError(err, 'gravatar')));
  }
  const latency = Math.round(performance.now() - started);
  const error = problems.map((p) => p.message).join('; ');
  if (problems.length === 0) return { status: 'reachable', latency_ms: latency, error: null };
  if (problems.length < (tools.gravatar !== null ? 2 : 1)) return { status: 'degraded', latency_ms: latency, error };
  return { status: 'unreachable', latency_ms: null, error, reason: mostTellingFailure(problems)?.reason ?? 'connector_error' };
}

function areResolverAddresses(servers: readonly string[]): boolean {
  try {
    new dns.Resolver().setServers([...servers]);
    return true;
  } catch {
    return false;
  }
}
