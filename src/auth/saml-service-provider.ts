import { type CacheItem, type CacheProvider, generateServiceProviderMetadata, type Profile, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { ApiError } from '../errors/catalogue.ts';
import type { Executor } from '../store/executor.ts';
import { recordAssertionOnce } from '../store/saml-assertions-repository.ts';
import { findSamlRequest, removeSamlRequest, saveSamlRequest } from '../store/saml-requests-repository.ts';
import type { SamlIdpMetadata } from './saml-idp-metadata.ts';
import type { SamlMetadataSource } from './saml-metadata-source.ts';
import { isEmailLike, type SsoIdentity } from './sso-identity.ts';

/** SPEC §4.3: the email arrives under one of these attribute names. */
export const SAML_EMAIL_ATTRIBUTES = ['email', 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'] as const;

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
/** How long an AuthnRequest id is remembered: the time a user may spend at the IdP (MFA included). */
const REQUEST_TTL_MS = 15 * 60_000;

export interface SamlServiceProviderOptions {
  readonly metadata: SamlMetadataSource;
  /** SAML_ENTITY_ID: this SP's entity id, and the Audience assertions must name. */
  readonly entityId: string;
  /** SAML_ACS_URL: where the IdP posts; assertions must name it as Recipient. */
  readonly acsUrl: string;
  readonly clockSkewSeconds: number;
  /** SAML_GROUPS_ATTRIBUTE: the attribute whose values are mapped to roles. */
  readonly groupsAttribute: string;
  readonly db: Executor;
}

type XmlJs = { $?: Record<string, string>; _?: string; [child: string]: unknown };
const children = (node: XmlJs | undefined, name: string): XmlJs[] => (Array.isArray(node?.[name]) ? (node[name] as XmlJs[]) : []);

/**
 * This engine as a SAML 2.0 service provider (SPEC §4.3), on @node-saml/node-saml: SP metadata,
 * the HTTP-Redirect AuthnRequest, and the HTTP-POST ACS. node-saml checks the signature (the
 * assertion must be signed by a certificate from the IdP metadata), the time conditions with
 * clock skew, the Audience and InResponseTo (when present it must name a request this
 * deployment sent, remembered in the database). This class adds what node-saml leaves out:
 * the assertion's Issuer must be the IdP, a bearer SubjectConfirmation must name our ACS as
 * Recipient, and each assertion id is accepted once across all replicas (replay).
 */
export class SamlServiceProvider {
  readonly #o: SamlServiceProviderOptions;
  readonly #requests: CacheProvider;
  #saml: { idp: SamlIdpMetadata; saml: SAML } | null = null;

  constructor(options: SamlServiceProviderOptions) {
    this.#o = options;
    this.#requests = databaseRequestCache(options.db);
  }

  get acsUrl(): string {
    return this.#o.acsUrl;
  }

  /** The SP metadata XML to import at the IdP. */
  metadataXml(): string {
    return generateServiceProviderMetadata({ issuer: this.#o.entityId, callbackUrl: this.#o.acsUrl, wantAssertionsSigned: true, identifierFormat: null });
  }

  /** The IdP URL that starts a login (HTTP-Redirect binding); RelayState carries the return path. */
  async loginUrl(relayState: string): Promise<string> {
    const saml = await this.#instance();
    return saml.getAuthorizeUrlAsync(relayState, undefined, {});
  }

  /** Validates a posted SAMLResponse; throws ApiError token_expired / token_invalid. */
  async consume(samlResponse: string): Promise<SsoIdentity> {
    const saml = await this.#instance();
    const idp = this.#saml!.idp;
    let profile: Profile | null;
    try {
      ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse }));
    } catch (err) {
      const reason = ((err as Error).message ?? 'invalid').split('\n')[0]!.slice(0, 200);
      throw new ApiError(/expired/i.test(reason) ? 'token_expired' : 'token_invalid', `The SAML response was refused: ${reason}.`);
    }
    const assertion = (profile?.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
    if (!profile || !assertion) throw new ApiError('token_invalid', 'The SAML response carries no assertion.');
    this.#checkAssertion(assertion, idp);
    const identity = this.#identityOf(profile);
    const fresh = await recordAssertionOnce(this.#o.db, { assertionId: assertion.$?.ID ?? '', issuer: idp.entityId, expiresAt: this.#expiryOf(assertion), now: new Date() });
    if (!fresh) throw new ApiError('token_invalid', 'This SAML assertion was already used (replay); log in again.');
    return identity;
  }

  #checkAssertion(assertion: XmlJs, idp: SamlIdpMetadata): void {
    if (!assertion.$?.ID) throw new ApiError('token_invalid', 'The SAML assertion has no ID.');
    const issuer = children(assertion, 'Issuer')[0]?._;
    if (issuer !== idp.entityId) throw new ApiError('token_invalid', 'The SAML assertion was issued by another identity provider.');
    const confirmations = children(children(assertion, 'Subject')[0], 'SubjectConfirmation');
    const addressedToUs = confirmations.some((c) => c.$?.Method === BEARER && children(c, 'SubjectConfirmationData').some((d) => d.$?.Recipient === this.#o.acsUrl));
    if (!addressedToUs) throw new ApiError('token_invalid', 'The SAML assertion is not addressed to this service provider (Recipient).');
  }

  #identityOf(profile: Profile): SsoIdentity {
    const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
    if (!profile.nameID) throw new ApiError('token_invalid', 'The SAML assertion has no NameID.');
    const email = SAML_EMAIL_ATTRIBUTES.map((name) => firstString(attributes[name])).find(isEmailLike);
    if (email === undefined) throw new ApiError('token_invalid', `The SAML assertion carries no email attribute (${SAML_EMAIL_ATTRIBUTES.join(' or ')}).`);
    const rawGroups = attributes[this.#o.groupsAttribute];
    const groups = (Array.isArray(rawGroups) ? rawGroups : rawGroups === undefined ? [] : [rawGroups]).filter((g): g is string => typeof g === 'string' && g !== '');
    return { sub: profile.nameID, email, idpSessionId: profile.sessionIndex ?? null, groups: groups.slice(0, 1000), idp: 'saml' };
  }

  /** Replay ids are kept until the assertion could no longer be accepted anyway. */
  #expiryOf(assertion: XmlJs): Date {
    const subject = children(assertion, 'Subject')[0];
    const times = [
      ...children(assertion, 'Conditions').map((c) => c.$?.NotOnOrAfter),
      ...children(subject, 'SubjectConfirmation').flatMap((c) => children(c, 'SubjectConfirmationData').map((d) => d.$?.NotOnOrAfter)),
    ]
      .map((t) => (t ? Date.parse(t) : Number.NaN))
      .filter((t) => Number.isFinite(t));
    const latest = times.length > 0 ? Math.max(...times) : Date.now() + 60 * 60_000;
    return new Date(latest + this.#o.clockSkewSeconds * 1000);
  }

  async #instance(): Promise<SAML> {
    const idp = await this.#o.metadata.current();
    if (this.#saml?.idp !== idp) {
      const saml = new SAML({
        issuer: this.#o.entityId,
        audience: this.#o.entityId,
        callbackUrl: this.#o.acsUrl,
        entryPoint: idp.ssoRedirectUrl,
        idpCert: [...idp.signingCerts],
        wantAssertionsSigned: true,
        // Many IdPs sign the assertion only; the assertion's signature is what is required.
        wantAuthnResponseSigned: false,
        acceptedClockSkewMs: this.#o.clockSkewSeconds * 1000,
        validateInResponseTo: ValidateInResponseTo.ifPresent,
        requestIdExpirationPeriodMs: REQUEST_TTL_MS,
        cacheProvider: this.#requests,
        identifierFormat: null,
        // Requesting PasswordProtectedTransport would refuse MFA and Windows logins at ADFS/Azure AD.
        disableRequestedAuthnContext: true,
      });
      this.#saml = { idp, saml };
    }
    return this.#saml.saml;
  }
}

function firstString(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : undefined;
}

/** node-saml's request-id cache, in the database so the ACS may run on any replica. */
function databaseRequestCache(db: Executor): CacheProvider {
  return {
    async saveAsync(key: string, value: string): Promise<CacheItem | null> {
      const createdAt = new Date();
      await saveSamlRequest(db, { requestId: key, createdAt, expiresAt: new Date(createdAt.getTime() + REQUEST_TTL_MS) });
      return { value, createdAt: createdAt.getTime() };
    },
    async getAsync(key: string): Promise<string | null> {
      const createdAt = await findSamlRequest(db, key, new Date());
      return createdAt ? createdAt.toISOString() : null;
    },
    async removeAsync(key: string | null): Promise<string | null> {
      if (key !== null) await removeSamlRequest(db, key);
      return key;
    },
  };
}
