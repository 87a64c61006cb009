import net from 'node:net';
import { z } from 'zod';
import { runHealthChecks } from '../network-common/health-probes.ts';
import { hostPortSetting } from '../network-common/setting-values.ts';
import { gapOf, partBudgetMs, settleResult, type UpstreamGap } from '../network-common/upstream-gaps.ts';
import {
  type Connector,
  type ConnectorInput,
  type ConnectorResult,
  type ConnectorServices,
  defineConnector,
  defineManifest,
  type Egress,
  type Finding,
  type HealthReport,
  intField,
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
  CONNECTOR_TLS_CERTIFICATE_PORT: intField(1, 65_535, 443),
  CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS: intField(50, 60_000, 5000),
  CONNECTOR_TLS_CERTIFICATE_MAX_SAN_DOMAINS: intField(0, 1000, 50),
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

class TlsCertificateConnector implements Connector {
  readonly manifest = manifest;
  readonly egress: readonly Egress[];
  readonly #s: Settings;
  readonly #services: ConnectorServices;

  constructor(s: Settings, services: ConnectorServices) {
    this.#s = s;
    this.#services = services;
    const health = s.CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET;
    this.egress = [
      // Whatever host a lookup names, on the configured port (or a URL's own port).
      { host: '*', port: s.CONNECTOR_TLS_CERTIFICATE_PORT, protocol: 'tcp' },
      { host: health.host, port: health.port, protocol: 'tcp' },
    ];
  }

  async run(input: ConnectorInput, ctx: RunContext): Promise<ConnectorResult> {
    const targets = tlsTargets(input.identifiers, this.#s.CONNECTOR_TLS_CERTIFICATE_PORT);
    const results = await Promise.all(targets.map((t) => this.#readEndpoint(t, ctx)));
    return settleResult(
      results.flatMap((r) => r.findings),
      results.flatMap((r) => r.gaps),
      { notes: results.flatMap((r) => r.notes) },
    );
  }

  health(signal: AbortSignal): Promise<HealthReport> {
    const { host, port } = this.#s.CONNECTOR_TLS_CERTIFICATE_HEALTH_TARGET;
    return runHealthChecks([
      {
        upstream: `tls ${host}:${port}`,
        run: async () => {
          const cert = await fetchCertificate(this.#services.tcp, host, port, signal, this.#s.CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS);
          if (cert === null) throw Object.assign(new Error('no certificate presented'), { code: 'ENOCERT' });
        },
      },
    ]);
  }

  async #readEndpoint(target: TlsTarget, ctx: RunContext): Promise<EndpointResult> {
    const where = `${target.host}:${target.port}`;
    let cert: ServedCertificate | null;
    try {
      cert = await fetchCertificate(this.#services.tcp, target.host, target.port, ctx.signal, partBudgetMs(ctx.deadline, this.#s.CONNECTOR_TLS_CERTIFICATE_TIMEOUT_MS));
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '');
      if (code === 'ENOTFOUND' || code === 'ENODATA') return { findings: [], gaps: [], notes: [`${target.host} has no address`] };
      if (HANDSHAKE_FAILURE.test(code)) return { findings: [], gaps: [], notes: [`${where} did not complete a TLS handshake (${code})`] };
      return { findings: [], gaps: [gapOf(`tls ${where}`, err)], notes: [] };
    }
    if (cert === null) return { findings: [], gaps: [], notes: [`${where} presented no certificate`] };
    const findings = [certificateFinding(cert, target, this.#services.now()), ...sanDomainFindings(cert, target, this.#s.CONNECTOR_TLS_CERTIFICATE_MAX_SAN_DOMAINS)];
    return { findings, gaps: [], notes: [] };
  }
}

export const tlsCertificate = defineConnector({ manifest, settings, create: (s, services) => new TlsCertificateConnector(s, services) });
