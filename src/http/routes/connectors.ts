import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { HEALTH_STALE_MS } from '../../connectors/health-monitor.ts';
import { errorResponses } from '../../contract/common.ts';
import { connectorHealthSchema, connectorListSchema } from '../../contract/connectors.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';

const params = z.object({ connector_id: z.string().min(1).max(128) });

export function registerConnectorRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/v1/connectors',
    {
      config: { scope: 'connectors:read' },
      schema: { tags: ['Connectors'], operationId: 'listConnectors', summary: 'List all intelligence connectors', response: { 200: connectorListSchema, ...errorResponses(401, 500) } },
    },
    async () => {
      const health = await engine.connectorHealth.latest();
      const now = Date.now();
      return {
        connectors: engine.connectors.map((c) => {
          const h = health.get(c.manifest.id);
          const fresh = h !== undefined && now - h.checkedAt.getTime() <= HEALTH_STALE_MS;
          return {
            id: c.manifest.id,
            name: c.manifest.name,
            category: c.manifest.category,
            description: c.manifest.description,
            status: fresh ? h.status : 'unknown',
            credential_mode: c.manifest.credential_mode,
            egress: [...c.egress],
            last_checked_at: h ? h.checkedAt.toISOString() : null,
            latency_ms: h ? h.latencyMs : null,
            tier: c.manifest.tier,
            accepts: [...c.manifest.accepts],
          };
        }),
      };
    },
  );

  app.get(
    '/v1/connectors/:connector_id/health',
    {
      config: { scope: 'connectors:read' },
      schema: {
        tags: ['Connectors'],
        operationId: 'getConnectorHealth',
        summary: 'Get health for a specific connector (probed live)',
        params,
        response: { 200: connectorHealthSchema, ...errorResponses(401, 404, 500) },
      },
    },
    async (request) => {
      const { connector_id } = request.params as z.infer<typeof params>;
      const connector = engine.connectors.find((c) => c.manifest.id === connector_id);
      if (!connector) throw new ApiError('not_found', `No connector with id ${connector_id}.`);
      const row = await engine.connectorHealth.probe(connector);
      return { id: connector_id, status: row.status, checked_at: row.checkedAt.toISOString(), latency_ms: row.latencyMs, error: row.error };
    },
  );
}
