import { DatabaseError } from 'pg';

// node-postgres reports a lost or unreachable server with these messages and codes.
const CONNECTION_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i, /Query read timeout/i, /Connection closed/i];
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * True when an error came from the database or the connection to it, so the caller gets
 * `database_error` rather than `internal_error`.
 */
export function isDatabaseFailure(err: unknown): boolean {
  if (err instanceof DatabaseError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^(08|53|57|58|XX)[0-9A-Z]{3}$/.test(code))) return true;
  return CONNECTION_MESSAGES.some((re) => re.test(err.message));
}
