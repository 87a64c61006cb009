import { z } from 'zod';
import { type Config, ConfigError } from '../config/config.ts';

// OTLP exporter spec: "key1=value1,key2=value2", values percent-encoded (W3C baggage format).
const otlpHeaders = z
  .string()
  .transform((raw, ctx) => {
    const headers: Record<string, string> = {};
    for (const pair of raw.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
      const at = pair.indexOf('=');
      const name = at > 0 ? pair.slice(0, at).trim() : '';
      if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
        ctx.addIssue({ code: 'custom', message: 'must be a comma-separated list of name=value pairs' });
        return z.NEVER;
      }
      try {
        headers[name.toLowerCase()] = decodeURIComponent(pair.slice(at + 1).trim());
      } catch {
        ctx.addIssue({ code: 'custom', message: `the value of ${name} is not valid percent-encoding` });
        return z.NEVER;
      }
    }
    return headers;
  });

/**
 * The tracing variables besides OTEL_EXPORTER_OTLP_ENDPOINT (which config.ts reads, since it
 * switches tracing on). Parsed only when that endpoint is set, like a connector's settings.
 *
 * @example
 * tracingSettingsSchema.parse({ OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc' })
 * // { OTEL_SERVICE_NAME: 'cairn', OTEL_EXPORTER_OTLP_HEADERS: { authorization: 'Bearer abc' } }
 */
export const tracingSettingsSchema = z.object({
  OTEL_SERVICE_NAME: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().min(1).default('cairn')),
  OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders.default({}),
});
export type TracingSettings = z.output<typeof tracingSettingsSchema>;

/** Reads the tracing settings from the engine's environment; a bad value names its variable. */
export function tracingSettingsOf(config: Pick<Config, 'env'>): TracingSettings {
  const parsed = tracingSettingsSchema.safeParse(config.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(String(issue?.path[0] ?? 'OTEL_EXPORTER_OTLP_HEADERS'), issue?.message ?? 'invalid value');
  }
  return parsed.data;
}
