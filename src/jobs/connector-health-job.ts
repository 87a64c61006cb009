import type { ConnectorHealthMonitor } from '../connectors/health-monitor.ts';
import type { Connector } from '../connectors/sdk.ts';
import type { JobDefinition } from './job-runner.ts';

export const CONNECTOR_HEALTH_JOB = 'connector-health';

/**
 * Probes every connector and stores the result, which `GET /v1/connectors` serves on every
 * engine (SPEC §8.1: status from a background checker). Every five minutes, once per cluster.
 */
export function connectorHealthJob(options: { connectors: readonly Connector[]; monitor: ConnectorHealthMonitor }): JobDefinition {
  return {
    name: CONNECTOR_HEALTH_JOB,
    cron: '*/5 * * * *',
    expireInSeconds: 5 * 60,
    handler: async () => {
      await options.monitor.probeAll(options.connectors);
    },
  };
}
