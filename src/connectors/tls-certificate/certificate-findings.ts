import net from 'node:net';
import type { Finding, SslCertificateData } from '../sdk.ts';
import type { ServedCertificate } from './certificate-chain.ts';
import type { TlsTarget } from './tls-targets.ts';

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/**
 * The `network.ssl_certificates[]` entry of a served certificate. Validity is judged against
 * `now` and reported, never enforced.
 */
export function certificateFinding(cert: ServedCertificate, target: TlsTarget, now: Date): Finding {
  const altNames = [...cert.dnsNames, ...cert.ipAddresses];
  const data: SslCertificateData = {
    subject: cert.subject,
    issuer: cert.issuer,
    fingerprint: cert.fingerprint,
    valid_from: cert.validFrom,
    valid_until: cert.validUntil,
    ...(altNames.length > 0 ? { alt_names: altNames.join(', ') } : {}),
    serial: cert.serial,
    host: target.host,
    port: target.port,
    chain_depth: cert.chain.length + 1,
    self_signed: cert.selfSigned,
    expired: Date.parse(cert.validUntil) < now.getTime(),
    not_yet_valid: Date.parse(cert.validFrom) > now.getTime(),
    hostname_match: cert.hostnameMatch,
    trusted: cert.trusted,
    ...(cert.trustError !== null ? { trust_error: cert.trustError } : {}),
    ...(cert.publicKey !== null ? { public_key: cert.publicKey } : {}),
    ...(cert.tlsVersion !== null ? { tls_version: cert.tlsVersion } : {}),
    chain: cert.chain.map((c) => ({ subject: c.subject, issuer: c.issuer, fingerprint: c.fingerprint, valid_until: c.validUntil })),
  };
  return {
    kind: 'ssl_certificate',
    data,
    // What the server presented is certain; who controls the name is not what this proves.
    confidence: 0.9,
    about: target.about,
    evidence: { method: 'tls', url: `tls://${net.isIPv6(target.host) ? `[${target.host}]` : target.host}:${target.port}`, matched: cert.fingerprint },
  };
}

/**
 * Names the certificate also covers, as `network.domains[]` entries: a lead (the same operator
 * often runs them), not a registration fact, hence the low confidence. Wildcards, IP entries
 * and the host that was asked are left out.
 *
 * @example
 * sanDomainFindings(cert, target, 50).map((f) => f.data.domain) // ['www.example.com', 'mail.example.com']
 */
export function sanDomainFindings(cert: ServedCertificate, target: TlsTarget, limit: number): Finding[] {
  const names = [...new Set(cert.dnsNames)].filter((n) => n !== target.host && !n.startsWith('*.') && HOST_NAME.test(n)).slice(0, limit);
  return names.map((domain) => ({
    kind: 'domain',
    data: { domain, note: 'subject alternative name in a served TLS certificate', certificate_fingerprint: cert.fingerprint },
    confidence: 0.5,
    about: target.about,
    evidence: { method: 'tls', detail: `listed in the certificate served by ${target.host}:${target.port}`, matched: cert.fingerprint },
  }));
}
