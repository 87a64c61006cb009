import net from 'node:net';
import { z } from 'zod';
import { runHealthChecks } from '../network-common/health-probes.ts';
import { hostPortSetting, integerSetting } from '../network-common/setting-values.ts';
import { gapOf, partBudgetMs, settleResult, type UpstreamGap } from '../network-common/upstream-gaps.ts';
import {
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type Finding,
  type RunContext,
  type TcpClient,
} from '../sdk.ts';
import { readServedCertificate, type ServedCertificate } from './certificate-chain.ts';
import { certificateFinding, sanDomainFindings } from './certificate-findings.ts';
import { type TlsTarget, tlsTargets } from './tls-targets.ts';

const manifest = defineManifest({
  id: 'tls_certificate',
  name: 'TLS certificate',
  description:
    'Connects to the host of a domain or URL over TLS and reads the certificate chain it serves: subject, issuer, alternative names, ' +
    'validity, SHA-256 fingerprint, trust verdict. Other names the certificate covers are reported as related domains.',
  category: 'network_intelligence',
  tier: 'primary',
  accepts: ['domain', 'url'],
  credential_mode: 'intrace_managed',
  reliability: 0.85,
});

const settings = z.object({
  CONNECTOR_TLS_CERTIFICATE_PORT: integerSetting(443, 1, 65_535),
  CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS: integerSetting(5000, 50, 60_000),
  CONNECTOR_TLS_CERTIFICATE_MAX_SAN_DOMAINS: integerSetting(50, 0, 1000),
  CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET: hostPortSetting('example.com:443'),
});
type Settings = z.output<typeof settings>;

// Codes of a handshake that failed because the peer does not speak TLS (or not acceptably):
// a fact about the host, not a failure of this connector.
const HANDSHAKE_FAILURE = /^(?:ERR_SSL_|EPROTO$|ERR_TLS_)/;

interface EndpointResult {
  readonly findings: Finding[];
  readonly gaps: UpstreamGap[];
  readonly notes: string[];
}

/** Connects, reads the chain, closes. */
async function fetchCertificate(tcp: TcpClient, host: string, port: number, signal: AbortSignal, timeoutMs: number): Promise<ServedCertificate | null> {
  const socket = await tcp.connect({ host, port, signal, timeoutMs, tls: net.isIP(host) === 0 ? { servername: host } : {} });
  try {
    return readServedCertificate(socket, host);
  } finally {
    socket.destroy();
  }
}

function createTlsCertificate(s: Settings, services: ConnectorServices): Connector {
  async function readEndpoint(target: TlsTarget, ctx: RunContext): Promise<EndpointResult> {
    const where = `${target.host}:${target.port}`;
    let cert: ServedCertificate | null;
    try {
      cert = await fetchCertificate(services.tcp, target.host, target.port, ctx.signal, partBudgetMs(ctx.deadline, s.CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS));
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (code === 'ENOTFOUND' || code === 'ENODATA') return { findings: [], gaps: [], notes: [`${target.host} has no address`] };
      if (HANDSHAKE_FAILURE.test(code)) return { findings: [], gaps: [], notes: [`${where} did not complete a TLS handshake (${code})`] };
      return { findings: [], gaps: [gapOf(`tls ${where}`, err)], notes: [] };
    }
    if (cert === null) return { findings: [], gaps: [], notes: [`${where} presented no certificate`] };
    return {
      findings: [certificateFinding(cert, target, services.now()), ...sanDomainFindings(cert, target, s.CONNECTOR_TLS_CERTIFICATE_MAX_SAN_DOMAINS)],
      gaps: [],
      notes: [],
    };
  }

  const health = s.CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET;
  return {
    manifest,
    egress: [
      // Whatever host a lookup names, on the configured port (or a URL's own port).
      { host: '*', port: s.CONNECTOR_TLS_CERTIFICATE_PORT, protocol: 'tcp' },
      { host: health.host, port: health.port, protocol: 'tcp' },
    ],
    async run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> {
      const results = await Promise.all(tlsTargets(input.identifiers, s.CONNECTOR_TLS_CERTIFICATE_PORT).map((t) => readEndpoint(t, ctx)));
      return settleResult(
        results.flatMap((r) => r.findings),
        results.flatMap((r) => r.gaps),
        { notes: results.flatMap((r) => r.notes) },
      );
    },
    health(signal: AbortSignal) {
      return runHealthChecks([
        {
          upstream: `tls ${health.host}:${health.port}`,
          run: async () => {
            const cert = await fetchCertificate(services.tcp, health.host, health.port, signal, s.CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS);
            if (cert === null) throw Object.assign(new Error('no certificate presented'), { code: 'ENOCERT' });
          },
        },
      ]);
    },
  };
}

export const tlsCertificate = defineConnector({ manifest, settings, create: createTlsCertificate });
