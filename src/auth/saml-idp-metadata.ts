import { X509Certificate } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

/** What the engine needs from an IdP's SAML metadata. */
export interface SamlIdpMetadata {
  /** The IdP's entityID: assertions must name it as their Issuer. */
  readonly entityId: string;
  /** Signing certificates (PEM); an assertion signed by any of them verifies (rollover). */
  readonly signingCerts: readonly string[];
  /** SingleSignOnService with the HTTP-Redirect binding: where the login redirect goes. */
  readonly ssoRedirectUrl: string;
}

const REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const ARRAYS = new Set(['EntityDescriptor', 'IDPSSODescriptor', 'KeyDescriptor', 'X509Data', 'X509Certificate', 'SingleSignOnService']);

type XmlNode = Record<string, unknown>;
const asNodes = (value: unknown): XmlNode[] => (Array.isArray(value) ? value.filter((v): v is XmlNode => v !== null && typeof v === 'object') : []);
const textOf = (value: unknown): string => (typeof value === 'string' ? value : value !== null && typeof value === 'object' ? String((value as XmlNode)['#text'] ?? '') : '');

/**
 * Reads IdP metadata (SAML 2.0 metadata, an EntityDescriptor or an EntitiesDescriptor holding
 * one): the first entity with an IDPSSODescriptor. Throws Error with the reason when the
 * document lacks what a login needs: an entityID, a signing certificate, a Redirect-binding SSO
 * endpoint.
 *
 * @example
 * const idp = parseIdpMetadata(fs.readFileSync('/etc/cairn/idp-metadata.xml', 'utf8'));
 * idp.ssoRedirectUrl; // 'https://adfs.example.com/adfs/ls/'
 */
export function parseIdpMetadata(xml: string): SamlIdpMetadata {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, isArray: (name) => ARRAYS.has(name) });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml) as XmlNode;
  } catch (err) {
    throw new Error(`not well-formed XML: ${(err as Error).message.split('\n')[0]}`);
  }
  const entities = [...asNodes(doc.EntityDescriptor), ...asNodes((doc.EntitiesDescriptor as XmlNode | undefined)?.EntityDescriptor)];
  const entity = entities.find((e) => asNodes(e.IDPSSODescriptor).length > 0);
  if (!entity) throw new Error('no EntityDescriptor with an IDPSSODescriptor');
  const entityId = textOf(entity['@_entityID']);
  if (entityId === '') throw new Error('the EntityDescriptor has no entityID');
  const idp = asNodes(entity.IDPSSODescriptor)[0]!;
  const signingCerts = asNodes(idp.KeyDescriptor)
    .filter((k) => k['@_use'] === undefined || k['@_use'] === 'signing')
    .flatMap((k) => asNodes((k.KeyInfo as XmlNode | undefined)?.X509Data))
    .flatMap((d) => (Array.isArray(d.X509Certificate) ? d.X509Certificate : []).map(textOf))
    .map(toPem);
  if (signingCerts.length === 0) throw new Error('the IDPSSODescriptor has no signing certificate');
  const redirect = asNodes(idp.SingleSignOnService).find((s) => s['@_Binding'] === REDIRECT_BINDING);
  const ssoRedirectUrl = redirect ? textOf(redirect['@_Location']) : '';
  if (!URL.canParse(ssoRedirectUrl)) throw new Error('the IDPSSODescriptor has no SingleSignOnService with the HTTP-Redirect binding');
  return { entityId, signingCerts: [...new Set(signingCerts)], ssoRedirectUrl };
}

/** Base64 DER from the metadata → PEM, checked to be a certificate. */
function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, '');
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
  } catch {
    throw new Error('a signing certificate in the metadata is not a valid X.509 certificate');
  }
  return pem;
}
