import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../../engine/engine.ts';
import { pingDatabase } from '../../store/database.ts';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable', 'draining']),
    database: z.enum(['ok', 'unreachable']),
    database_kind: z.enum(['pglite', 'postgres']),
    ready: z.boolean(),
    version: z.string(),
  })
  .meta({ id: 'Health' });

/** `GET /health` (outside /v1, no auth): 200 when the database answers, 503 when not or draining. */
export function registerHealthRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/health',
    { config: { public: true }, schema: { tags: ['Health'], summary: 'Installation and readiness check', response: { 200: healthSchema, 503: healthSchema } } },
    async (_request, reply) => {
      const databaseOk = await pingDatabase(engine.database.db);
      const draining = engine.state.draining;
      const ready = databaseOk && !draining;
      return reply.code(ready ? 200 : 503).send({
        status: draining ? 'draining' : databaseOk ? 'ok' : 'unavailable',
        database: databaseOk ? 'ok' : 'unreachable',
        database_kind: engine.database.kind,
        ready,
        version: engine.version,
      });
    },
  );
}
