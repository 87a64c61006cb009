import { constants, createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/**
 * RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt over the canonical report bytes
 * (equivalently, over their SHA-256 digest: PSS hashes the message first). Offline check:
 * `openssl dgst -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
 *  -sigopt rsa_mgf1_md:sha256 -verify public.pem -signature report.sig report.canonical.json`.
 */
const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } as const;

/** The fields that carry the signature, left out of what is hashed and signed (SPEC §11.2). */
const TRACEABILITY_SIGNATURE_FIELDS = ['report_hash', 'report_signature', 'signed_at', 'signing_key_id'] as const;

interface ReportShape {
  readonly entities?: readonly { readonly traceability?: Readonly<Record<string, unknown>> }[];
  readonly integrity?: unknown;
}

/** The canonical bytes of a report: RFC 8785 JSON of the report minus its signature fields. */
export function canonicalReportBytes(report: object): Buffer {
  const shape = report as ReportShape & Record<string, unknown>;
  const { integrity: _ignored, ...rest } = shape;
  const stripped = {
    ...rest,
    ...(shape.entities
      ? {
          entities: shape.entities.map((entity) => {
            if (!entity.traceability) return entity;
            const traceability = { ...entity.traceability };
            for (const field of TRACEABILITY_SIGNATURE_FIELDS) delete traceability[field];
            return { ...entity, traceability };
          }),
        }
      : {}),
  };
  return Buffer.from(canonicalJson(stripped), 'utf8');
}

/** `sha256:<hex>` of the canonical bytes. */
export function reportHashOf(canonicalBytes: Buffer): string {
  return `sha256:${createHash('sha256').update(canonicalBytes).digest('hex')}`;
}

/** Signs on libuv's thread pool, so RSA-4096 never blocks the event loop. */
export function signReport(canonicalBytes: Buffer, privateKey: KeyObject): Promise<string> {
  return new Promise((resolve, reject) => {
    sign('sha256', canonicalBytes, { key: privateKey, ...PSS }, (err, signature) => (err ? reject(err) : resolve(signature.toString('base64'))));
  });
}

export function verifyReportSignature(canonicalBytes: Buffer, signatureBase64: string, publicKeyPem: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      verify('sha256', canonicalBytes, { key: createPublicKey(publicKeyPem), ...PSS }, Buffer.from(signatureBase64, 'base64'), (err, ok) =>
        resolve(err ? false : ok),
      );
    } catch {
      resolve(false);
    }
  });
}
