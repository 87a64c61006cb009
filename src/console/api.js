// @ts-check
/**
 * The console's API client. It holds exactly one credential, in this module's memory:
 * - after an SSO login, the session's bearer token, fetched from `GET /auth/session` (the
 *   HttpOnly cookie itself is never readable by script);
 * - or an API key the user pasted.
 * Nothing is written to localStorage, sessionStorage or cookies by script.
 */

/** @typedef {{ user_id: string, user_email: string, idp_session_id: string | null, idp: 'oidc' | 'saml', roles: string[] }} SessionUser */
/** @typedef {{ kind: 'session', token: string, expiresAt: number, user: SessionUser } | { kind: 'api_key', key: string }} Credential */
/** @typedef {{ oidc: boolean, saml: boolean, api_key: boolean }} AuthMethods */
/** @typedef {{ field: string, issue: string }} ErrorDetail */

/** An API answer other than success, in the engine's error envelope. */
export class ApiFailure extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   * @param {ErrorDetail[]} details
   * @param {string | null} requestId
   */
  constructor(status, code, message, details, requestId) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

/** The credential no longer works (session ended or expired, key revoked): log in again. */
export class SignedOut extends Error {}

/** Ask for the session again this long before its token expires. */
const REFRESH_MARGIN_MS = 30_000;

export class Api {
  /** @type {Credential | null} */
  #credential = null;

  /** @returns {Credential | null} */
  get credential() {
    return this.#credential;
  }

  /** @returns {Promise<AuthMethods>} */
  async methods() {
    const res = await fetch('/auth/methods', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) throw await failureOf(res);
    return /** @type {AuthMethods} */ (await res.json());
  }

  /**
   * Trades the session cookie for its bearer token. False when there is no live session: 401
   * (no cookie, or the session ended) or 404 (this engine has no SSO login at all).
   * @returns {Promise<boolean>}
   */
  async loadSession() {
    const res = await fetch('/auth/session', { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
    if (res.status === 401 || res.status === 404) {
      if (this.#credential?.kind === 'session') this.#credential = null;
      return false;
    }
    if (!res.ok) throw await failureOf(res);
    const body = /** @type {{ access_token: string, expires_at: string, user: SessionUser }} */ (await res.json());
    this.#credential = { kind: 'session', token: body.access_token, expiresAt: Date.parse(body.expires_at), user: body.user };
    return true;
  }

  /**
   * Checks a pasted key with one cheap authenticated call, then keeps it. A 403 still proves
   * the key valid (it may run lookups without being allowed to list connectors).
   * @param {string} key
   */
  async useApiKey(key) {
    const res = await fetch('/v1/connectors', { headers: { 'x-api-key': key, accept: 'application/json' }, credentials: 'omit' });
    if (!res.ok && res.status !== 403) throw await failureOf(res);
    this.#credential = { kind: 'api_key', key };
  }

  /**
   * An authenticated API call. On a 401 with a session, the session is asked for once more
   * (its token may have expired or been replaced) and the call repeated; a 401 means the
   * engine refused the credential before doing anything, so repeating a POST is safe.
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<Response>}
   */
  async request(method, path, body) {
    let res = await this.#send(method, path, body);
    if (res.status === 401 && this.#credential?.kind === 'session' && (await this.loadSession())) {
      res = await this.#send(method, path, body);
    }
    if (res.status === 401) {
      const failure = await failureOf(res);
      this.#credential = null;
      throw new SignedOut(`Signed out: ${failure.message}`);
    }
    if (!res.ok) throw await failureOf(res);
    return res;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>} the parsed JSON body
   */
  async json(method, path, body) {
    return (await this.request(method, path, body)).json();
  }

  /** Ends the session on the engine (every replica) or forgets the key. */
  async logout() {
    const credential = this.#credential;
    this.#credential = null;
    if (credential?.kind !== 'api_key') {
      // Same-origin POST: the browser sends Origin, which the engine checks (CSRF guard).
      const res = await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin', headers: credential ? { authorization: `Bearer ${credential.token}` } : {} });
      if (!res.ok && res.status !== 404) throw await failureOf(res);
    }
  }

  /**
   * Downloads the signed PDF: the route needs the Authorization header, which a plain link
   * cannot send, so the file is fetched and handed to the browser as a blob.
   * @param {string} requestId
   */
  async downloadPdf(requestId) {
    const res = await this.request('GET', `/v1/reports/${encodeURIComponent(requestId)}/pdf`);
    const blob = await res.blob();
    if (blob.type !== 'application/pdf') throw new Error(`Expected a PDF, got ${blob.type || 'no content type'}.`);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `cairn-report-${requestId.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has started once click() returns; the object URL can go a little later.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return blob.size;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} body
   */
  async #send(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { accept: 'application/json', ...(await this.#authHeaders()) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(path, { method, headers, body: body === undefined ? null : JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
  }

  /** @returns {Promise<Record<string, string>>} */
  async #authHeaders() {
    let credential = this.#credential;
    if (credential?.kind === 'session' && Date.now() > credential.expiresAt - REFRESH_MARGIN_MS) {
      await this.loadSession();
      credential = this.#credential;
    }
    if (credential === null) throw new SignedOut('Signed out: log in again.');
    return credential.kind === 'api_key' ? { 'x-api-key': credential.key } : { authorization: `Bearer ${credential.token}` };
  }
}

/**
 * The engine's error envelope as an ApiFailure; anything else (a proxy's HTML page) as a
 * generic one naming the status.
 * @param {Response} res
 */
async function failureOf(res) {
  /** @type {any} */
  let body = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: the message below names the status instead.
  }
  const error = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : null;
  return new ApiFailure(
    res.status,
    typeof error?.code === 'string' ? error.code : 'http_error',
    typeof error?.message === 'string' ? error.message : `The engine answered ${res.status} ${res.statusText}.`,
    Array.isArray(error?.details) ? error.details : [],
    typeof body?.request_id === 'string' ? body.request_id : null,
  );
}
