import fs from 'node:fs/promises';
import type { Logger } from 'pino';
import { ConfigError } from '../config/config.ts';
import { type IdpHttpClient, IdpUnavailableError } from './idp-http.ts';
import { parseIdpMetadata, type SamlIdpMetadata } from './saml-idp-metadata.ts';

const REFRESH_MS = 60 * 60_000;
const RETRY_MS = 30_000;

/**
 * The IdP's metadata, from SAML_METADATA_XML_PATH (read once at start: a bad file refuses the
 * start) or SAML_METADATA_URL (fetched on first use and hourly after; a failed refresh keeps
 * the last good copy, so a certificate rollover published in the metadata is picked up and an
 * IdP hiccup does not end logins). An unreachable URL does not stop the engine starting:
 * API keys keep working while SAML logins answer a retryable error.
 */
export class SamlMetadataSource {
  readonly #url: string | null;
  readonly #http: IdpHttpClient;
  readonly #logger: Logger;
  #current: { value: SamlIdpMetadata; fetchedAt: number } | null = null;
  #lastFailure = 0;
  #pending: Promise<SamlIdpMetadata> | null = null;

  private constructor(url: string | null, http: IdpHttpClient, logger: Logger) {
    this.#url = url;
    this.#http = http;
    this.#logger = logger;
  }

  /** From a file: parsed now; ConfigError names the variable and the reason. */
  static async fromFile(file: string, http: IdpHttpClient, logger: Logger): Promise<SamlMetadataSource> {
    const source = new SamlMetadataSource(null, http, logger);
    let xml: string;
    try {
      xml = await fs.readFile(file, 'utf8');
    } catch (err) {
      throw new ConfigError('SAML_METADATA_XML_PATH', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    try {
      source.#current = { value: parseIdpMetadata(xml), fetchedAt: Number.POSITIVE_INFINITY };
    } catch (err) {
      throw new ConfigError('SAML_METADATA_XML_PATH', `${file}: ${(err as Error).message}`);
    }
    return source;
  }

  /** From a URL: one attempt now (logged when it fails), then on demand. */
  static async fromUrl(url: string, http: IdpHttpClient, logger: Logger): Promise<SamlMetadataSource> {
    const source = new SamlMetadataSource(url, http, logger);
    await source.current().catch((err: Error) => logger.error({ err: err.message, url }, 'SAML IdP metadata could not be loaded at start; SAML logins fail until it can'));
    return source;
  }

  async current(): Promise<SamlIdpMetadata> {
    const cached = this.#current;
    const now = Date.now();
    if (cached && now - cached.fetchedAt < REFRESH_MS) return cached.value;
    if (this.#url === null) return cached!.value;
    if (now - this.#lastFailure < RETRY_MS) {
      if (cached) return cached.value;
      throw new IdpUnavailableError('SAML IdP metadata is unavailable (last attempt failed less than 30 s ago)');
    }
    this.#pending ??= this.#fetch(this.#url).finally(() => {
      this.#pending = null;
    });
    try {
      return await this.#pending;
    } catch (err) {
      this.#lastFailure = Date.now();
      if (!cached) throw err;
      this.#logger.warn({ err: (err as Error).message }, 'SAML IdP metadata refresh failed; using the last good copy');
      return cached.value;
    }
  }

  async #fetch(url: string): Promise<SamlIdpMetadata> {
    const response = await this.#http.send(url, { headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
    if (response.status !== 200) throw new IdpUnavailableError(`SAML metadata at ${url} answered HTTP ${response.status}`);
    let value: SamlIdpMetadata;
    try {
      value = parseIdpMetadata(response.body.toString('utf8'));
    } catch (err) {
      throw new IdpUnavailableError(`SAML metadata at ${url}: ${(err as Error).message}`);
    }
    this.#current = { value, fetchedAt: Date.now() };
    return value;
  }
}
