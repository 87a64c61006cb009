/** The console's session cookie (the engine JWT) and the OIDC login-flow cookie. */
export const SESSION_COOKIE = 'cairn_session';
export const OIDC_FLOW_COOKIE = 'cairn_oidc_flow';

export interface CookieOptions {
  /** Seconds until the browser drops it; 0 deletes it now. */
  readonly maxAgeSeconds: number;
  /** Secure when the engine is served over https (PUBLIC_URL). */
  readonly secure: boolean;
  readonly path?: string;
}

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * A Set-Cookie value: always HttpOnly (no script reads it) and SameSite=Lax (sent on top-level
 * navigations, such as an IdP redirecting back, but not on cross-site subrequests or POSTs).
 * Values are JWTs and JWEs, whose alphabet needs no escaping.
 *
 * @example
 * reply.header('set-cookie', setCookie(SESSION_COOKIE, token, { maxAgeSeconds: 3600, secure: true }));
 */
export function setCookie(name: string, value: string, options: CookieOptions): string {
  if (!/^[A-Za-z0-9._~-]*$/.test(value)) throw new Error(`cookie ${name}: value outside the token alphabet`);
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, `Max-Age=${options.maxAgeSeconds}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** A Set-Cookie value that deletes the cookie. */
export function clearCookie(name: string, options: Omit<CookieOptions, 'maxAgeSeconds'>): string {
  return setCookie(name, '', { ...options, maxAgeSeconds: 0 });
}
