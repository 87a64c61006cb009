import { z } from 'zod';
import { dateTime } from './common.ts';

export const reportVerificationSchema = z
  .object({
    request_id: z.string(),
    verified: z.boolean(),
    report_hash: z.string(),
    signed_at: dateTime.optional(),
    checked_at: dateTime,
    failure_reason: z.enum(['hash_mismatch', 'signature_invalid', 'unknown_signing_key']).nullable(),
    signing_key_id: z.string().optional(),
  })
  .meta({ id: 'ReportVerification' });

export const signingKeysResponseSchema = z
  .object({
    keys: z.array(
      z.object({
        key_id: z.string(),
        algorithm: z.string(),
        public_key_pem: z.string(),
        public_key_jwk: z.record(z.string(), z.unknown()),
        created_at: dateTime,
        retired_at: dateTime.nullable(),
        current: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SigningKeysResponse' });
