import type { Config } from '../config/config.ts';
import { ConfigError } from '../config/config.ts';
import type { AnyConnectorDefinition, Connector, ConnectorServices } from './sdk.ts';
import { connectorManifestSchema } from './sdk.ts';

/**
 * Instantiates the connectors this deployment runs: each manifest re-checked against the
 * strict schema, each connector's settings parsed from the environment (a bad value stops the
 * start, naming the variable), BYOK connectors skipped unless their `requires` variables are
 * set, and CONNECTOR_ENABLED applied when present (an unknown id in it stops the start).
 */
export function createConnectors(
  definitions: readonly AnyConnectorDefinition[],
  config: Config,
  services: ConnectorServices,
): Connector[] {
  const ids = new Set<string>();
  for (const definition of definitions) {
    connectorManifestSchema.parse(definition.manifest);
    if (ids.has(definition.manifest.id)) throw new Error(`duplicate connector id ${definition.manifest.id}`);
    ids.add(definition.manifest.id);
  }
  const enabled = config.connectors.enabled;
  if (enabled !== null) {
    const unknown = enabled.filter((id) => !ids.has(id));
    if (unknown.length > 0) throw new ConfigError('CONNECTOR_ENABLED', `unknown connector id ${unknown.join(', ')}; known: ${[...ids].join(', ')}`);
  }
  const connectors: Connector[] = [];
  for (const definition of definitions) {
    const { manifest } = definition;
    if (enabled !== null && !enabled.includes(manifest.id)) continue;
    if (manifest.requires.some((name) => (config.env[name] ?? '') === '')) continue;
    const parsed = definition.settings.safeParse(config.env);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(String(issue?.path[0] ?? manifest.id), issue?.message ?? 'invalid value');
    }
    connectors.push(definition.create(parsed.data as never, services));
  }
  return connectors;
}
