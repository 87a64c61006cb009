import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { LogLevel } from '../config/config.ts';

// SPEC §15 names `warning`; pino calls it `warn`.
const PINO_LEVELS: Record<LogLevel, pino.Level> = { debug: 'debug', info: 'info', warning: 'warn', error: 'error' };

/**
 * Secrets are cut by path inside the logger (pino redaction), so no handler can leak them by
 * logging a request or an error.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiKey',
  '*.api_key',
  '*.secret',
  '*.token',
];

export function createLogger(options: { level: LogLevel; format: 'json' | 'text'; destination?: NodeJS.WritableStream }): Logger {
  const destination = options.destination ?? process.stdout;
  return pino(
    { level: PINO_LEVELS[options.level], redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'cairn' }, serializers: { req: requestForLog } },
    options.format === 'text' ? textStream(destination) : destination,
  );
}

interface LoggedRequest {
  readonly method: string;
  readonly url: string;
  readonly host?: string;
  readonly ip?: string;
  readonly socket?: { readonly remotePort?: number };
}

/**
 * fastify's request serializer (fastify uses the logger's own when it has one), except that the
 * query string of `/auth/…` URLs is cut: the OIDC callback carries the authorization code and
 * state there, and the SAML redirect binding its messages.
 */
function requestForLog(req: LoggedRequest): Record<string, unknown> {
  const query = req.url.indexOf('?');
  const url = query >= 0 && req.url.startsWith('/auth/') ? `${req.url.slice(0, query)}?[redacted]` : req.url;
  return { method: req.method, url, host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** LOG_FORMAT=text: one readable line per record, for local development. */
function textStream(out: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        try {
          const { time, level, msg, service: _service, pid: _pid, hostname: _hostname, ...rest } = JSON.parse(line) as Record<string, unknown>;
          const extras = Object.entries(rest)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join(' ');
          out.write(`${new Date(Number(time)).toISOString()} ${LEVEL_NAMES[Number(level)] ?? level} ${String(msg ?? '')}${extras ? ` ${extras}` : ''}\n`);
        } catch {
          out.write(`${line}\n`);
        }
      }
      callback();
    },
  });
}
