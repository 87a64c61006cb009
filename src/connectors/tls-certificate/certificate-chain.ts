/**
 * Reads the certificate chain a TLS server presents. Certificates are read, not trusted: the
 * guarded TCP client connects with verification off, and the verdict Node reached against its
 * CA store is reported (`trusted`, `trust_error`) instead of enforced.
 */
import { X509Certificate } from 'node:crypto';
import net from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

export interface CertificateSummary {
  /** RFC 4514 order (most specific first), e.g. `CN=example.com, O=Example Inc., C=US`. */
  readonly subject: string;
  readonly issuer: string;
  /** SHA-256 of the DER, colon-separated upper-case hex. */
  readonly fingerprint: string;
  readonly serial: string;
  /** ISO 8601, seconds precision (`2026-01-01T00:00:00Z`). */
  readonly validFrom: string;
  readonly validUntil: string;
}

export interface ServedCertificate extends CertificateSummary {
  /** DNS names and IP addresses of the subjectAltName extension, in certificate order. */
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
  readonly selfSigned: boolean;
  readonly hostnameMatch: boolean;
  /** e.g. `rsa 2048`, `ec prime256v1`. */
  readonly publicKey: string | null;
  /** The certificates above the leaf, as served (and completed from the CA store by Node). */
  readonly chain: readonly CertificateSummary[];
  readonly trusted: boolean;
  readonly trustError: string | null;
  readonly tlsVersion: string | null;
}

/**
 * X.509 time as ISO 8601 without milliseconds.
 *
 * @example
 * isoTime('Jan  1 00:00:00 2026 GMT') // '2026-01-01T00:00:00Z'
 */
export function isoTime(x509Time: string): string {
  const date = new Date(x509Time);
  return Number.isNaN(date.getTime()) ? x509Time : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Node prints names one attribute a line, in DER order; RFC 4514 lists them reversed. */
function distinguishedName(multiline: string): string {
  return multiline
    .split('\n')
    .filter((line) => line !== '')
    .reverse()
    .join(', ');
}

function summary(x509: X509Certificate): CertificateSummary {
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    fingerprint: x509.fingerprint256,
    serial: x509.serialNumber.toUpperCase(),
    validFrom: isoTime(x509.validFrom),
    validUntil: isoTime(x509.validTo),
  };
}

/**
 * Splits Node's subjectAltName text (`DNS:a.example, IP Address:192.0.2.1`); values Node
 * quotes as JSON strings (those with separators in them) are unquoted.
 *
 * @example
 * subjectAltNames('DNS:example.com, DNS:*.example.com, IP Address:192.0.2.1')
 * // { dnsNames: ['example.com', '*.example.com'], ipAddresses: ['192.0.2.1'] }
 */
export function subjectAltNames(text: string | undefined): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const match of (text ?? '').matchAll(/(DNS|IP Address):("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const raw = match[2]!.trim();
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (match[1] === 'DNS') dnsNames.push(value.toLowerCase());
    else ipAddresses.push(value);
  }
  return { dnsNames, ipAddresses };
}

function publicKeyOf(x509: X509Certificate): string | null {
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails;
  const size = details?.modulusLength ?? details?.namedCurve;
  return key.asymmetricKeyType === undefined ? null : `${key.asymmetricKeyType}${size !== undefined ? ` ${size}` : ''}`;
}

/** Every certificate from the leaf up, each once (Node links a root to itself). */
function chainOf(peer: DetailedPeerCertificate): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let current: DetailedPeerCertificate | undefined = peer;
  while (current?.raw !== undefined && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    out.push(new X509Certificate(current.raw));
    current = current.issuerCertificate;
  }
  return out;
}

/**
 * The served certificate of a connected TLS socket, or null when the server sent none.
 *
 * @example
 * const socket = await services.tcp.connect({ host: 'example.com', port: 443, tls: { servername: 'example.com' } });
 * readServedCertificate(socket, 'example.com')?.fingerprint // 'AB:CD:…'
 */
export function readServedCertificate(socket: TLSSocket, host: string): ServedCertificate | null {
  const peer = socket.getPeerCertificate(true);
  if (peer === null || peer.raw === undefined) return null;
  const [leaf, ...above] = chainOf(peer);
  if (leaf === undefined) return null;
  const { dnsNames, ipAddresses } = subjectAltNames(leaf.subjectAltName);
  const hostnameMatch = net.isIP(host) !== 0 ? leaf.checkIP(host) !== undefined : leaf.checkHost(host) !== undefined;
  // An Error whose code names the verdict (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED …).
  const authorizationError = socket.authorizationError as (Error & { code?: string }) | string | null | undefined;
  return {
    ...summary(leaf),
    dnsNames,
    ipAddresses,
    selfSigned: leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey),
    hostnameMatch,
    publicKey: publicKeyOf(leaf),
    chain: above.map(summary),
    trusted: socket.authorized,
    trustError: authorizationError === null || authorizationError === undefined ? null : typeof authorizationError === 'string' ? authorizationError : (authorizationError.code ?? authorizationError.message),
    tlsVersion: socket.getProtocol(),
  };
}
