import { type Attributes, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { ConnectorRun } from '../connectors/runner.ts';
import type { Connector } from '../connectors/sdk.ts';
import type { Identifier } from '../identifiers/identifier-types.ts';

// What the spans of one lookup say. Types, counts, ids of our own and outcomes only: never an
// identifier's value (SPEC §10: a trace backend is outside the audit boundary).

/** The `lookup` span at its start. */
export function lookupAttributes(requestId: string, identifiers: readonly Identifier[], depth: string): Attributes {
  return {
    'cairn.request_id': requestId,
    'cairn.lookup.depth': depth,
    'cairn.lookup.identifier_count': identifiers.length,
    'cairn.lookup.identifier_types': [...new Set(identifiers.map((i) => i.type))].sort(),
  };
}

/** The `lookup` span at its end: how it resolved. */
export function endLookupSpan(span: Span, response: { readonly resolution: { readonly status: string }; readonly entities: readonly unknown[] }): void {
  span.setAttributes({ 'cairn.resolution.status': response.resolution.status, 'cairn.lookup.entity_count': response.entities.length });
}

/** A `connector.run` span at its start. */
export function connectorRunAttributes(connector: Connector, identifiers: readonly Identifier[], derived: boolean): Attributes {
  return {
    'cairn.connector.id': connector.manifest.id,
    'cairn.connector.wave': derived ? 'derived' : 'query',
    'cairn.connector.identifier_types': [...new Set(identifiers.map((i) => i.type))].sort(),
  };
}

/**
 * A `connector.run` span at its end. The outcome is a value, not an exception; a failure of
 * the connector itself or a timeout marks the span failed (`detail` is left out: it may quote
 * the upstream's answer about the identifier).
 */
export function endConnectorRunSpan(span: Span, run: ConnectorRun): void {
  span.setAttributes({ 'cairn.connector.outcome': run.outcome, 'cairn.connector.duration_ms': run.durationMs, 'cairn.connector.finding_count': run.findings.length });
  if (run.outcome === 'connector_error' || run.outcome === 'timeout') span.setStatus({ code: SpanStatusCode.ERROR, message: run.outcome });
}
