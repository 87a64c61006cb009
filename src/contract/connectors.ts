import { z } from 'zod';
import { egressSchema } from '../connectors/sdk.ts';
import { dateTime, sourceCategory } from './common.ts';

export const connectorStatus = z.enum(['reachable', 'unreachable', 'degraded', 'unknown']).meta({ id: 'ConnectorStatusEnum' });

export const connectorInfoSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    category: sourceCategory,
    description: z.string().optional(),
    status: connectorStatus,
    credential_mode: z.enum(['intrace_managed', 'byok']),
    egress: z.array(egressSchema).optional(),
    last_checked_at: dateTime.nullable().optional(),
    latency_ms: z.number().int().nullable().optional(),
    tier: z.enum(['primary', 'secondary']).optional(),
    accepts: z.array(z.string()).optional(),
  })
  .meta({ id: 'ConnectorInfo' });

export const connectorListSchema = z.object({ connectors: z.array(connectorInfoSchema) }).meta({ id: 'ConnectorListResponse' });

export const connectorHealthSchema = z
  .looseObject({
    id: z.string(),
    status: connectorStatus,
    checked_at: dateTime,
    latency_ms: z.number().int().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'ConnectorHealth' });
