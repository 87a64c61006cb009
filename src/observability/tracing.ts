import { context, propagation, ProxyTracerProvider, trace } from '@opentelemetry/api';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { tracingSettingsOf } from './tracing-settings.ts';

/** How long a flush or shutdown may wait for the collector before giving up (a dead collector must not hold a drain). */
const FLUSH_DEADLINE_MS = 5_000;

// The OpenTelemetry API keeps its tracer provider and context manager process-wide, so the SDK
// that feeds them is one per process too, whatever the number of engines in it (tests).
let running: { readonly sdk: NodeSDK; readonly endpoint: string; readonly logger: Logger } | null = null;

/**
 * Starts OTLP/HTTP trace export when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise does nothing
 * and loads nothing (the SDK is imported here, on demand, never at module load). Idempotent:
 * a second engine in the same process shares the running exporter.
 *
 * @example
 * await startTracing(config, ENGINE_VERSION, logger); // false when the variable is unset
 */
export async function startTracing(config: Pick<Config, 'otelEndpoint' | 'env'>, version: string, logger: Logger): Promise<boolean> {
  if (config.otelEndpoint === null) return false;
  const settings = tracingSettingsOf(config);
  if (running !== null) {
    if (running.endpoint !== config.otelEndpoint) logger.warn({ endpoint: originOf(config.otelEndpoint) }, 'tracing already exports to another endpoint in this process; keeping it');
    return true;
  }
  const [{ NodeSDK, resources }, { OTLPTraceExporter }] = await Promise.all([import('@opentelemetry/sdk-node'), import('@opentelemetry/exporter-trace-otlp-http')]);
  const sdk = new NodeSDK({
    serviceName: settings.OTEL_SERVICE_NAME,
    resource: resources.defaultResource().merge(resources.resourceFromAttributes({ 'service.version': version })),
    // No process detector: it would export the command line, which may carry anything.
    resourceDetectors: [resources.envDetector, resources.hostDetector],
    traceExporter: new OTLPTraceExporter({ url: tracesUrlOf(config.otelEndpoint), headers: settings.OTEL_EXPORTER_OTLP_HEADERS }),
    // Spans are made by hand where they matter (HTTP hooks, lookup, connectors, signing, the
    // write); no auto-instrumentation, no metrics or logs through OTLP (Prometheus and pino do those).
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  running = { sdk, endpoint: config.otelEndpoint, logger };
  logger.info({ endpoint: originOf(config.otelEndpoint), service_name: settings.OTEL_SERVICE_NAME }, 'tracing: exporting spans over OTLP/HTTP');
  return true;
}

/** True once startTracing has started the SDK in this process (the HTTP hooks are installed only then). */
export function isTracingActive(): boolean {
  return running !== null;
}

/** Sends the spans still buffered, waiting at most a few seconds; no-op when tracing is off. */
export async function flushTracing(): Promise<void> {
  const current = running;
  if (current === null) return;
  const provider = trace.getTracerProvider();
  // NodeSDK has no flush of its own; the SDK tracer provider behind the API's proxy does.
  const sdkProvider: object = provider instanceof ProxyTracerProvider ? provider.getDelegate() : provider;
  if ('forceFlush' in sdkProvider && typeof sdkProvider.forceFlush === 'function') {
    await withinDeadline((sdkProvider.forceFlush as () => Promise<void>).call(sdkProvider), current.logger, 'flush');
  }
}

/**
 * Flushes and stops the exporter, and releases the process-wide API registrations so tracing
 * can start again. Call once at process exit (after the engine is closed); no-op when off.
 *
 * @example
 * await engine.close();
 * await shutdownTracing();
 */
export async function shutdownTracing(): Promise<void> {
  const current = running;
  if (current === null) return;
  running = null;
  await withinDeadline(current.sdk.shutdown(), current.logger, 'shutdown');
  trace.disable();
  context.disable();
  propagation.disable();
}

/** OTEL_EXPORTER_OTLP_ENDPOINT is the collector's base URL; traces go to its `v1/traces` (OTLP spec). */
export function tracesUrlOf(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}

// Only the origin is logged: the URL may carry credentials in its user part or query.
function originOf(endpoint: string): string {
  return new URL(endpoint).origin;
}

async function withinDeadline(work: Promise<void>, logger: Logger, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), FLUSH_DEADLINE_MS);
    timer.unref();
  });
  try {
    const outcome = await Promise.race([work.then(() => 'done' as const), late]);
    if (outcome === 'late') logger.warn({ deadline_ms: FLUSH_DEADLINE_MS }, `tracing ${what}: the collector did not answer in time; spans may be lost`);
  } catch (err) {
    logger.warn({ err: (err as Error).message }, `tracing ${what} failed; spans may be lost`);
  } finally {
    clearTimeout(timer);
  }
}
