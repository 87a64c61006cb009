/**
 * Where to send the browser after a login: only a path on this engine. Anything else (an
 * absolute URL, `//host`, a backslash trick, control characters) becomes `/`, so the login
 * endpoints cannot be used as an open redirect.
 *
 * @example
 * safeReturnPath('/console/lookups?id=1') // '/console/lookups?id=1'
 * safeReturnPath('https://evil.example')  // '/'
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return '/';
  return value;
}
