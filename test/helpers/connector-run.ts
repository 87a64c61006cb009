import { type ConnectorRun, runConnector } from '../../src/connectors/runner.ts';
import type { Connector } from '../../src/connectors/sdk.ts';
import type { Identifier, IdentifierType } from '../../src/identifiers/identifier-types.ts';
import { checkIdentifier } from '../../src/identifiers/validate-identifier.ts';
import type { TestEngine } from './engine.ts';

/** The engine's instance of one connector (created from its settings and the real services). */
export function connectorOf(t: TestEngine, id: string): Connector {
  const connector = t.engine.connectors.find((c) => c.manifest.id === id);
  if (!connector) throw new Error(`connector ${id} is not enabled in this test engine`);
  return connector;
}

/**
 * Runs one connector the way the lookup pipeline does (validated identifiers, the runner's
 * timeout and error mapping), without the rest of a lookup.
 */
export async function runConnectorOnce(
  t: TestEngine,
  id: string,
  identifiers: readonly { type: IdentifierType; value: string }[],
  options: { depth?: 'standard' | 'deep'; timeoutMs?: number; derived?: boolean } = {},
): Promise<ConnectorRun> {
  const checked: Identifier[] = identifiers.map(({ type, value }) => {
    const check = checkIdentifier(type, value);
    if (!check.ok) throw new Error(`test identifier ${type} ${value} is invalid: ${check.issue}`);
    return { type, value, normalized: check.normalized };
  });
  return runConnector(connectorOf(t, id), {
    identifiers: checked,
    derived: options.derived ?? false,
    depth: options.depth ?? 'standard',
    timeoutMs: options.timeoutMs ?? 10_000,
    logger: t.engine.connectorServices.logger,
  });
}
