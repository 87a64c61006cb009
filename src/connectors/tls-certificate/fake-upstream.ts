/**
 * TLS endpoints for the tls_certificate tests, on 127.0.0.1. Keys and certificates are made at
 * test time with the `openssl` command (nothing is committed): a test root CA, a leaf for
 * `example.com` signed by it and served with the CA (chain depth 2), and a self-signed leaf.
 * Beside the TLS servers: one that accepts and never answers (a hung host) and one that speaks
 * plain HTTP (no TLS).
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface TestCertificates {
  readonly leafKey: string;
  readonly leafCert: string;
  readonly caCert: string;
  readonly selfKey: string;
  readonly selfCert: string;
}

export const LEAF_SANS = ['example.com', 'www.example.com', 'mail.example.com', '*.cdn.example.com'];

/** Generates the test PKI in a temporary directory that is removed before returning. */
export function generateTestCertificates(): TestCertificates {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-tls-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const ecKey = (file: string): void => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file);
  try {
    ecKey('ca.key');
    openssl('req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '30', '-subj', '/C=US/O=Cairn Test CA/CN=Cairn Test Root', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-out', 'ca.crt');
    ecKey('leaf.key');
    openssl('req', '-new', '-key', 'leaf.key', '-subj', '/C=US/O=Example Inc./CN=example.com', '-out', 'leaf.csr');
    fs.writeFileSync(path.join(dir, 'leaf.ext'), `subjectAltName=${LEAF_SANS.map((n) => `DNS:${n}`).join(',')},IP:127.0.0.1\nbasicConstraints=CA:FALSE\n`);
    openssl('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '0x1234ABCD', '-days', '7', '-sha256', '-extfile', 'leaf.ext', '-out', 'leaf.crt');
    ecKey('self.key');
    openssl('req', '-x509', '-new', '-key', 'self.key', '-sha256', '-days', '7', '-subj', '/CN=self.example', '-addext', 'subjectAltName=DNS:self.example', '-out', 'self.crt');
    const read = (file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');
    return { leafKey: read('leaf.key'), leafCert: read('leaf.crt'), caCert: read('ca.crt'), selfKey: read('self.key'), selfCert: read('self.crt') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A listening server and how to stop it (open connections included). */
export interface FakeEndpoint {
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: net.Server): Promise<FakeEndpoint> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Clients hang up mid-handshake on purpose; that is not an error of the fake.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TlsFake {
  readonly certificates: TestCertificates;
  /** Fingerprints as the connector reports them. */
  readonly leafFingerprint: string;
  readonly caFingerprint: string;
  /** Leaf + CA chain. */
  readonly chained: FakeEndpoint;
  readonly selfSigned: FakeEndpoint;
  /** Accepts TCP and never says a word. */
  readonly silent: FakeEndpoint;
  /** Answers in plain HTTP. */
  readonly plain: FakeEndpoint;
  close(): Promise<void>;
}

export async function startTlsFake(): Promise<TlsFake> {
  const certificates = generateTestCertificates();
  const chained = await listen(tls.createServer({ key: certificates.leafKey, cert: certificates.leafCert + certificates.caCert }, (s) => s.on('error', () => undefined)));
  const selfSigned = await listen(tls.createServer({ key: certificates.selfKey, cert: certificates.selfCert }, (s) => s.on('error', () => undefined)));
  const silent = await listen(net.createServer((s) => s.on('error', () => undefined)));
  const plain = await listen(net.createServer((s) => s.on('error', () => undefined).end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
  return {
    certificates,
    leafFingerprint: new X509Certificate(certificates.leafCert).fingerprint256,
    caFingerprint: new X509Certificate(certificates.caCert).fingerprint256,
    chained,
    selfSigned,
    silent,
    plain,
    async close() {
      await Promise.all([chained.close(), selfSigned.close(), silent.close(), plain.close()]);
    },
  };
}
