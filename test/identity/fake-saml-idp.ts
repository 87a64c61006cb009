import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { SignedXml } from 'xml-crypto';
import { makeTestCertificate, type TestCertificate } from './test-certificate.ts';

/** What goes into one SAML Response; every field has a valid default. */
export interface AssertionOptions {
  readonly nameId?: string;
  /** Attribute values by name; defaults to an `email` attribute. */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  readonly sessionIndex?: string;
  readonly inResponseTo?: string;
  readonly notBefore?: Date;
  readonly notOnOrAfter?: Date;
  readonly audience?: string;
  readonly recipient?: string;
  readonly issuer?: string;
  readonly assertionId?: string;
  /** Sign with this certificate instead of the IdP's (an untrusted signer). */
  readonly signer?: TestCertificate;
  readonly unsigned?: boolean;
  /** Edits the XML after signing (tampering). */
  readonly tamper?: (signedXml: string) => string;
}

const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
const ASSERTION = "//*[local-name(.)='Assertion']";

const escapeXml = (value: string): string => value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A SAML 2.0 identity provider on 127.0.0.1: metadata with its signing certificate (made with
 * openssl at start), an SSO endpoint for the HTTP-Redirect binding that decodes the
 * AuthnRequest and answers with the HTTP-POST binding's auto-submit form, and `response()` to
 * build real signed Responses (xml-crypto, RSA-SHA256, exclusive c14n) for any test case.
 */
export class FakeSamlIdp {
  readonly certificate: TestCertificate;
  readonly #server: http.Server;
  readonly #sp: { entityId: string; acsUrl: string };
  #user: { nameId: string; attributes: Record<string, readonly string[]> } = { nameId: 'saml-user', attributes: { email: ['saml.user@example.test'] } };
  baseUrl = '';
  /** The ID of the last AuthnRequest received. */
  lastRequestId: string | null = null;

  private constructor(sp: { entityId: string; acsUrl: string }) {
    this.#sp = sp;
    this.certificate = makeTestCertificate('cairn-fake-saml-idp');
    this.#server = http.createServer((req, res) => this.#handle(req, res));
  }

  static async start(sp: { entityId: string; acsUrl: string }): Promise<FakeSamlIdp> {
    const fake = new FakeSamlIdp(sp);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  get entityId(): string {
    return `${this.baseUrl}/idp`;
  }

  get metadataUrl(): string {
    return `${this.baseUrl}/metadata`;
  }

  /** The user the SSO endpoint logs in. */
  loginAs(user: { nameId: string; attributes: Record<string, readonly string[]> }): void {
    this.#user = user;
  }

  metadataXml(extraCerts: readonly TestCertificate[] = []): string {
    const keys = [this.certificate, ...extraCerts]
      .map((c) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c.certBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`)
      .join('');
    return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${this.entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" WantAuthnRequestsSigned="false">
    ${keys}
    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>not-a-signing-cert</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${this.baseUrl}/sso-post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${this.baseUrl}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  /** A base64 SAMLResponse, as the HTTP-POST binding carries it. */
  response(options: AssertionOptions = {}): string {
    const now = Date.now();
    const notOnOrAfter = (options.notOnOrAfter ?? new Date(now + 5 * 60_000)).toISOString();
    const notBefore = (options.notBefore ?? new Date(now - 60_000)).toISOString();
    const issuer = escapeXml(options.issuer ?? this.entityId);
    const inResponseTo = options.inResponseTo ? ` InResponseTo="${escapeXml(options.inResponseTo)}"` : '';
    const attributes = Object.entries(options.attributes ?? this.#user.attributes)
      .map(([name, values]) => `<saml:Attribute Name="${escapeXml(name)}">${values.map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`)
      .join('');
    const assertion =
      `<saml:Assertion ${NS} ID="${escapeXml(options.assertionId ?? `_a${randomBytes(16).toString('hex')}`)}" Version="2.0" IssueInstant="${new Date(now).toISOString()}">` +
      `<saml:Issuer>${issuer}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${escapeXml(options.nameId ?? this.#user.nameId)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(options.recipient ?? this.#sp.acsUrl)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escapeXml(options.audience ?? this.#sp.entityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${new Date(now).toISOString()}" SessionIndex="${escapeXml(options.sessionIndex ?? `_s${randomBytes(8).toString('hex')}`)}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
      `</saml:Assertion>`;
    const xml =
      `<samlp:Response ${NS} ID="_r${randomBytes(16).toString('hex')}" Version="2.0" IssueInstant="${new Date(now).toISOString()}" Destination="${escapeXml(this.#sp.acsUrl)}"${inResponseTo}>` +
      `<saml:Issuer>${issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
    const signed = options.unsigned ? xml : this.#sign(xml, options.signer ?? this.certificate);
    return Buffer.from(options.tamper ? options.tamper(signed) : signed, 'utf8').toString('base64');
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #sign(xml: string, signer: TestCertificate): string {
    const sig = new SignedXml({
      privateKey: signer.keyPem,
      publicCert: signer.certPem,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: ASSERTION,
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    });
    // The schema puts the assertion's Signature right after its Issuer.
    sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${ASSERTION}/*[local-name(.)='Issuer']`, action: 'after' } });
    return sig.getSignedXml();
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    if (req.method === 'GET' && url.pathname === '/metadata') {
      res.writeHead(200, { 'content-type': 'application/samlmetadata+xml' }).end(this.metadataXml());
      return;
    }
    if (req.method === 'GET' && url.pathname === '/sso') {
      const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest') ?? '', 'base64')).toString('utf8');
      const id = /\sID="([^"]+)"/.exec(request)?.[1] ?? null;
      const acs = /AssertionConsumerServiceURL="([^"]+)"/.exec(request)?.[1] ?? this.#sp.acsUrl;
      this.lastRequestId = id;
      const relayState = url.searchParams.get('RelayState') ?? '';
      const samlResponse = this.response(id ? { inResponseTo: id } : {});
      res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<html><body onload="document.forms[0].submit()"><form method="post" action="${escapeXml(acs)}">` +
          `<input type="hidden" name="SAMLResponse" value="${samlResponse}"/><input type="hidden" name="RelayState" value="${escapeXml(relayState)}"/></form></body></html>`,
      );
      return;
    }
    res.writeHead(404).end();
  }
}
