import type { Identifier } from '../identifiers/identifier-types.ts';
import { connectorRunAttributes, endConnectorRunSpan } from '../observability/lookup-span-attributes.ts';
import { inSpan } from '../observability/spans.ts';
import { classifyNetworkError } from './network-errors.ts';
import type { Connector, ConnectorLogger, ConnectorOutcome, DerivedIdentifier, Finding } from './sdk.ts';

/** One connector's call within a lookup, as the rest of the pipeline sees it. */
export interface ConnectorRun {
  readonly connector: Connector;
  /** The identifiers this call was given. */
  readonly identifiers: readonly Identifier[];
  readonly outcome: ConnectorOutcome;
  readonly findings: readonly Finding[];
  readonly derived: readonly DerivedIdentifier[];
  readonly detail: string | undefined;
  readonly startedAt: Date;
  readonly durationMs: number;
}

export interface RunOptions {
  readonly identifiers: readonly Identifier[];
  readonly derived: boolean;
  readonly depth: 'standard' | 'deep';
  readonly timeoutMs: number;
  readonly logger: ConnectorLogger;
  /** Aborts every connector of the lookup (client gone, shutdown deadline). */
  readonly signal?: AbortSignal;
}

class ConnectorTimeout extends Error {}

/**
 * Runs one connector under its timeout. The timer wins even when a connector ignores its
 * AbortSignal, so a hung upstream can never hold a lookup past its deadline (the complaint
 * every username checker's issue tracker has). Whatever escapes `run` becomes an outcome.
 */
export function runConnector(connector: Connector, options: RunOptions): Promise<ConnectorRun> {
  return inSpan('connector.run', connectorRunAttributes(connector, options.identifiers, options.derived), () => runUnderTimeout(connector, options), { onEnd: endConnectorRunSpan });
}

async function runUnderTimeout(connector: Connector, options: RunOptions): Promise<ConnectorRun> {
  const timeoutMs = Math.min(options.timeoutMs, connector.manifest.timeout_ms ?? Number.POSITIVE_INFINITY);
  const controller = new AbortController();
  const startedAt = new Date();
  // Connectors see a deadline a little before the hard cut, so one that budgets its calls
  // against it (and stops several in a row) hands in its partial results before the timer
  // below throws them away.
  const deadline = startedAt.getTime() + timeoutMs - Math.min(500, Math.max(100, timeoutMs * 0.1));
  const onOuterAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new ConnectorTimeout(`no answer within ${timeoutMs} ms`));
      reject(new ConnectorTimeout(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  const logger = options.logger;
  try {
    const result = await Promise.race([
      connector.run({ identifiers: options.identifiers, derived: options.derived }, { signal: controller.signal, deadline, depth: options.depth, logger }),
      timeout,
    ]);
    const findings = result.outcome === 'ok' || result.outcome === 'no_data' ? result.findings : [];
    return {
      connector,
      identifiers: options.identifiers,
      outcome: result.outcome === 'ok' && findings.length === 0 ? 'no_data' : result.outcome,
      findings,
      derived: result.derived ?? [],
      detail: result.detail,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
    };
  } catch (err) {
    const { outcome, detail } = outcomeOfError(err, controller.signal);
    if (outcome === 'connector_error') logger.warn({ connector: connector.manifest.id, err: errorSummary(err) }, 'connector failed');
    return { connector, identifiers: options.identifiers, outcome, findings: [], derived: [], detail, startedAt, durationMs: Date.now() - startedAt.getTime() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** Maps an exception from a connector or its network services to an outcome. */
export function outcomeOfError(err: unknown, signal?: AbortSignal): { outcome: ConnectorOutcome; detail: string } {
  if (err instanceof ConnectorTimeout) return { outcome: 'timeout', detail: err.message };
  if (signal?.aborted) return { outcome: 'timeout', detail: 'upstream: no answer in time' };
  const failure = classifyNetworkError(err);
  if (failure === null) return { outcome: 'connector_error', detail: 'connector failed unexpectedly' };
  // The guard's and the size cap's messages already say what happened.
  return { outcome: failure.reason, detail: failure.what === (err as Error).message ? failure.what : `upstream: ${failure.what}` };
}

function errorSummary(err: unknown): { name: string; message: string; code?: unknown } {
  return err instanceof Error ? { name: err.name, message: err.message, code: (err as { code?: unknown }).code } : { name: 'non-error', message: String(err) };
}
