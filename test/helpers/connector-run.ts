import { type ConnectorRun, runConnector } from '../../src/connectors/runner.ts';
import type { Connector, ConnectorLogger } from '../../src/connectors/sdk.ts';
import type { Identifier, IdentifierType } from '../../src/identifiers/identifier-types.ts';
import { checkIdentifier } from '../../src/identifiers/validate-identifier.ts';

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
  options: { timeoutMs?: number; depth?: 'standard' | 'deep'; logger?: ConnectorLogger } = {},
): Promise<ConnectorRun> {
  return runConnector(connector, {
    identifiers,
    derived: false,
    depth: options.depth ?? 'standard',
    timeoutMs: options.timeoutMs ?? 10_000,
    logger: options.logger ?? quiet,
  });
}
