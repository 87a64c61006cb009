import { constants, createHash, type KeyObject, verify, X509Certificate } from 'node:crypto';
import { child, children, DerError, type DerNode, explicit, integer, octetString, oid, readNode, readOid, sequence, setOf, TAG, tlv } from './der.ts';
import { OID, sha256WithRsa, type SigningCertificate } from './signing-certificate.ts';

const sha256Algorithm = (): Buffer => sequence(oid(OID.sha256));

function attribute(type: string, value: Buffer): Buffer {
  return sequence(oid(type), setOf(value));
}

/**
 * The signed attributes of a PAdES B-B signature (ETSI EN 319 142-1 §5.1): content type,
 * message digest and the signing certificate reference. No signingTime attribute: PAdES puts
 * the time in the signature dictionary's /M.
 */
function signedAttributes(digest: Buffer, certificate: SigningCertificate): Buffer[] {
  const certHash = createHash('sha256').update(certificate.der).digest();
  return [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(digest)),
    attribute(OID.signingCertificateV2, sequence(sequence(sequence(octetString(certHash))))),
  ];
}

/** The DER SET OF signed attributes: the bytes the CMS signature covers (RFC 5652 §5.4). */
export function signedAttributesFor(digest: Buffer, certificate: SigningCertificate): Buffer {
  return setOf(...signedAttributes(digest, certificate));
}

/** SignedData around signed attributes and their signature; inside SignerInfo the attributes carry [0] IMPLICIT. */
export function assembleCms(attributes: Buffer, signature: Buffer, certificate: SigningCertificate): Buffer {
  const signerInfo = sequence(
    integer(1),
    sequence(certificate.issuer, certificate.serial),
    sha256Algorithm(),
    tlv(0xa0, readNode(attributes).content),
    sha256WithRsa(),
    octetString(signature),
  );
  const signedData = sequence(integer(1), setOf(sha256Algorithm()), sequence(oid(OID.data)), tlv(0xa0, certificate.der), setOf(signerInfo));
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

/**
 * A detached CMS SignedData (RFC 5652) over `digest` (SHA-256 of the PDF's signed byte
 * ranges), signed with RSASSA-PKCS1-v1_5 SHA-256.
 */
export async function buildDetachedCms(digest: Buffer, certificate: SigningCertificate, signPkcs1: (data: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const attributes = signedAttributesFor(digest, certificate);
  return assembleCms(attributes, await signPkcs1(attributes), certificate);
}

/** Issuer and serial of a certificate, as a SignerInfo names it. */
export function certificateFromDer(der: Buffer): SigningCertificate {
  const tbs = child(readNode(der), 0, TAG.SEQUENCE);
  return { der: Buffer.from(readNode(der).raw), serial: child(tbs, 1, TAG.INTEGER).raw, issuer: child(tbs, 3, TAG.SEQUENCE).raw };
}

/** What a CMS signature says, read without trusting it. */
export interface ParsedCms {
  /** The messageDigest attribute: SHA-256 the signer computed over the signed ranges. */
  readonly messageDigest: Buffer;
  /** The signed attributes re-tagged as SET OF: the bytes the signature covers. */
  readonly signedAttributes: Buffer;
  readonly signature: Buffer;
  readonly signatureAlgorithm: string;
  /** The certificate the signer embedded (tells which key signed; trusted only if it matches a presented key). */
  readonly certificate: X509Certificate | null;
  readonly certificateDer: Buffer | null;
}

/** Parses a detached SignedData; throws DerError when the structure is not one. */
export function parseDetachedCms(der: Buffer): ParsedCms {
  const contentInfo = readNode(der);
  if (readOid(child(contentInfo, 0, TAG.OID)) !== OID.signedData) throw new DerError('not a CMS SignedData');
  const signedData = child(child(contentInfo, 1, 0xa0), 0, TAG.SEQUENCE);
  const parts = children(signedData);
  const certificates = parts.find((p) => p.tag === 0xa0);
  const signerInfos = parts[parts.length - 1]!;
  if (signerInfos.tag !== TAG.SET) throw new DerError('no signerInfos');
  const signerInfo = child(signerInfos, 0, TAG.SEQUENCE);
  const fields = children(signerInfo);
  const attrsNode = fields.find((f) => f.tag === 0xa0);
  if (!attrsNode) throw new DerError('no signed attributes');
  const algorithmNode = fields[fields.indexOf(attrsNode) + 1];
  const signatureNode = fields[fields.indexOf(attrsNode) + 2];
  if (!algorithmNode || !signatureNode || signatureNode.tag !== TAG.OCTET_STRING) throw new DerError('no signature');
  return {
    messageDigest: findMessageDigest(attrsNode),
    signedAttributes: tlv(TAG.SET, attrsNode.content),
    signature: signatureNode.content,
    signatureAlgorithm: readOid(child(algorithmNode, 0, TAG.OID)),
    certificate: certificates ? readCertificate(certificates) : null,
    certificateDer: certificates ? (children(certificates)[0]?.raw ?? null) : null,
  };
}

function findMessageDigest(attrs: DerNode): Buffer {
  for (const attr of children(attrs)) {
    if (readOid(child(attr, 0, TAG.OID)) === OID.messageDigest) return child(child(attr, 1, TAG.SET), 0, TAG.OCTET_STRING).content;
  }
  throw new DerError('no messageDigest attribute');
}

function readCertificate(certificates: DerNode): X509Certificate | null {
  const first = children(certificates)[0];
  try {
    return first ? new X509Certificate(first.raw) : null;
  } catch {
    return null;
  }
}

/** Checks the CMS signature over its signed attributes with `key` (RSA PKCS#1 v1.5 or PSS by OID). */
export function verifyCmsSignature(cms: ParsedCms, key: KeyObject): boolean {
  const padding = cms.signatureAlgorithm === '1.2.840.113549.1.1.10' ? constants.RSA_PKCS1_PSS_PADDING : constants.RSA_PKCS1_PADDING;
  try {
    return verify('sha256', cms.signedAttributes, { key, padding, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, cms.signature);
  } catch {
    return false;
  }
}
