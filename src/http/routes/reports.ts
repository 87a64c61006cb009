import { createPublicKey } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasScope, mayRead, mayReadSome } from '../../auth/principal.ts';
import { errorResponses } from '../../contract/common.ts';
import { reportVerificationSchema, signingKeysResponseSchema } from '../../contract/reports.ts';
import type { Engine } from '../../engine/engine.ts';
import { ApiError } from '../../errors/catalogue.ts';
import { verifyStoredReport } from '../../reports/verify-report.ts';
import { findResult } from '../../store/results-repository.ts';
import { findSigningKey, listSigningKeys } from '../../store/signing-keys-repository.ts';

const params = z.object({ request_id: z.string().min(1).max(128) });

export function registerReportRoutes(app: FastifyInstance, engine: Engine): void {
  app.get(
    '/v1/reports/:request_id/verify',
    {
      config: { scope: null },
      schema: {
        tags: ['Reports'],
        operationId: 'verifyReport',
        summary: "Verify a report's integrity",
        params,
        response: { 200: reportVerificationSchema, ...errorResponses(401, 403, 404, 500) },
      },
    },
    async (request) => {
      const { request_id } = request.params as z.infer<typeof params>;
      const scopes = { own: 'reports:read:own', any: 'reports:read:any' } as const;
      if (!mayReadSome(request.principal!, scopes)) throw new ApiError('insufficient_scope', 'This operation needs the reports:read:own or reports:read:any scope.');
      const stored = await findResult(engine.database.db, request_id, new Date());
      if (!stored) throw new ApiError('not_found', 'No stored report with this request_id (unknown, or past retention).');
      if (!mayRead(request.principal!, scopes, stored)) {
        throw new ApiError('insufficient_scope', 'This report belongs to another principal.');
      }
      const outcome = await verifyStoredReport(stored, async (keyId) => (await findSigningKey(engine.database.db, keyId))?.publicKeyPem ?? null);
      return {
        request_id,
        verified: outcome.verified,
        report_hash: stored.reportHash,
        signed_at: stored.signedAt.toISOString(),
        checked_at: new Date().toISOString(),
        failure_reason: outcome.failureReason,
        signing_key_id: stored.signingKeyId,
      };
    },
  );

  app.get(
    '/v1/reports/signing-keys',
    {
      config: { scope: null },
      schema: {
        tags: ['Reports'],
        operationId: 'listSigningKeys',
        summary: 'Public keys of every report-signing key ever used (PEM and JWK), for offline verification',
        response: { 200: signingKeysResponseSchema, ...errorResponses(401, 403, 500) },
      },
    },
    async (request) => {
      const principal = request.principal!;
      if (!hasScope(principal, 'reports:read:own') && !hasScope(principal, 'reports:read:any')) {
        throw new ApiError('insufficient_scope', 'This operation needs a reports scope.');
      }
      const keys = await listSigningKeys(engine.database.db);
      return {
        keys: keys.map((k) => ({
          key_id: k.keyId,
          algorithm: k.algorithm,
          public_key_pem: k.publicKeyPem,
          public_key_jwk: { ...createPublicKey(k.publicKeyPem).export({ format: 'jwk' }), kid: k.keyId, use: 'sig', alg: 'PS256' },
          created_at: k.createdAt.toISOString(),
          retired_at: k.retiredAt ? k.retiredAt.toISOString() : null,
          current: k.keyId === engine.signer.keyId,
        })),
      };
    },
  );
}
