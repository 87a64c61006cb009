import { type ConnectorRun, runConnector } from '../../src/connectors/runner.ts';
import type { Connector, ConnectorLogger } from '../../src/connectors/sdk.ts';
import type { Identifier, IdentifierType } from '../../src/identifiers/identifier-types.ts';
import { checkIdentifier } from '../../src/identifiers/validate-identifier.ts';
import type { TestEngine } from './engine.ts';

/** A validated identifier, as the lookup pipeline hands it to connectors. */
export function identifier(type: IdentifierType, value: string): Identifier {
  const check = checkIdentifier(type, value);
  if (!check.ok) throw new Error(`test identifier ${type} ${value} is invalid: ${check.issue}`);
  return { type, value, normalized: check.normalized };
}

const quiet: ConnectorLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** One call of a connector through the engine's runner (its timeout and error mapping). */
export function runOnce(
  connector: Connector,
  identifiers: readonly Identifier[],
  options: { timeoutMs?: number; depth?: 'standard' | 'deep'; derived?: boolean; logger?: ConnectorLogger } = {},
): Promise<ConnectorRun> {
  return runConnector(connector, {
    identifiers,
    derived: options.derived ?? false,
    depth: options.depth ?? 'standard',
    timeoutMs: options.timeoutMs ?? 10_000,
    logger: options.logger ?? quiet,
  });
}

/** The engine's instance of one connector (created from its settings and the real services). */
export function connectorOf(t: TestEngine, id: string): Connector {
  const connector = t.engine.connectors.find((c) => c.manifest.id === id);
  if (!connector) throw new Error(`connector ${id} is not enabled in this test engine`);
  return connector;
}

/**
 * Runs one connector of a test engine the way the lookup pipeline does (validated
 * identifiers, the runner's timeout and error mapping), without the rest of a lookup.
 */
export function runConnectorOnce(
  t: TestEngine,
  id: string,
  identifiers: readonly { type: IdentifierType; value: string }[],
  options: { depth?: 'standard' | 'deep'; timeoutMs?: number; derived?: boolean } = {},
): Promise<ConnectorRun> {
  return runOnce(
    connectorOf(t, id),
    identifiers.map(({ type, value }) => identifier(type, value)),
    { ...options, logger: t.engine.connectorServices.logger },
  );
}
