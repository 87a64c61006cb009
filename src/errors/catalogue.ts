/**
 * The one catalogue of error codes a caller can receive (SPEC §13). Every code is spelled once,
 * here; `test/errors-catalogue.test.ts` checks it against the spec's table in both directions.
 */
export const ERROR_CATALOGUE = {
  request_malformed: { status: 400, retryable: false, message: 'The request body is not valid JSON.' },
  field_required: { status: 400, retryable: false, message: 'A required field is missing.' },
  field_invalid: { status: 400, retryable: false, message: 'A field failed validation.' },
  credentials_missing: {
    status: 401,
    retryable: false,
    message: 'No credentials were presented: send Authorization: Bearer <jwt> or X-API-Key.',
  },
  token_expired: { status: 401, retryable: false, message: 'The bearer token has expired.' },
  token_invalid: { status: 401, retryable: false, message: 'The bearer token is invalid.' },
  api_key_invalid: { status: 401, retryable: false, message: 'The API key is unknown or revoked.' },
  insufficient_scope: {
    status: 403,
    retryable: false,
    message: 'The authenticated principal is not allowed to perform this operation.',
  },
  not_found: { status: 404, retryable: false, message: 'The requested resource does not exist.' },
  invalid_identifier_type: { status: 422, retryable: false, message: 'The identifier type is not recognized.' },
  identifier_format_invalid: {
    status: 422,
    retryable: false,
    message: 'An identifier value is not in the required format.',
  },
  no_identifiers: { status: 422, retryable: false, message: 'At least one identifier is required.' },
  too_many_identifiers: { status: 422, retryable: false, message: 'At most 20 identifiers may be sent.' },
  rate_limit_exceeded: {
    status: 429,
    retryable: true,
    message: 'Rate limit exceeded. Retry after the number of seconds in Retry-After.',
  },
  internal_error: {
    status: 500,
    retryable: true,
    message: 'An unexpected error occurred. Quote the request_id to support.',
  },
  signing_failed: { status: 500, retryable: false, message: 'The report could not be signed.' },
  database_error: { status: 500, retryable: true, message: 'The database could not complete the request.' },
  analysis_type_not_available: {
    status: 501,
    retryable: false,
    message: 'The analysis type is recognised but not available in this deployment.',
  },
} as const satisfies Record<string, { status: number; retryable: boolean; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One field-level problem, as it appears in `error.details[]`. */
export interface ErrorDetail {
  readonly field: string;
  readonly issue: string;
}

/**
 * A failure that reaches the caller as the documented envelope. Throw it anywhere in a request;
 * the error handler renders it.
 *
 * @example
 * throw new ApiError('not_found', 'No lookup with this request_id.');
 */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: readonly ErrorDetail[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'ApiError';
    this.status = ERROR_CATALOGUE[code].status;
  }
}

/** True when a value is one of the catalogue's codes. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_CATALOGUE, value);
}
