import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, ERROR_CATALOGUE, type ErrorCode, type ErrorDetail } from '../errors/catalogue.ts';
import { isDatabaseFailure } from '../store/database-errors.ts';

/** Writes the documented envelope `{error:{code,message,details?},request_id}`. */
export function sendError(reply: FastifyReply, request: FastifyRequest, code: ErrorCode, message?: string, details?: readonly ErrorDetail[]): FastifyReply {
  return reply
    .code(ERROR_CATALOGUE[code].status)
    .type('application/json; charset=utf-8')
    .send({
      error: { code, message: message ?? ERROR_CATALOGUE[code].message, ...(details && details.length > 0 ? { details } : {}) },
      request_id: request.id,
    });
}

// fastify's own body and routing errors, in the spec's vocabulary.
const FASTIFY_CODES: Readonly<Record<string, { code: ErrorCode; message: string }>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'request_malformed', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request_malformed', message: 'The request body is empty; send a JSON object.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'request_malformed', message: 'Send the body as application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'request_malformed', message: 'The Content-Length does not match the body.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request_malformed', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_TYPE: { code: 'request_malformed', message: 'The Content-Type header is not valid.' },
};

/**
 * Every failure leaves as the envelope with a catalogue code; a stack trace never does. 5xx are
 * logged with the request id.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError | Error, request, reply) => {
    if (err instanceof ApiError) {
      if (err.headers) reply.headers(err.headers);
      if (err.status >= 500) request.log.error({ code: err.code }, err.message);
      return sendError(reply, request, err.code, err.message, err.details);
    }
    const fastifyCode = (err as FastifyError).code;
    const mapped = fastifyCode !== undefined ? FASTIFY_CODES[fastifyCode] : undefined;
    if (mapped) return sendError(reply, request, mapped.code, mapped.message);
    if ((err as SyntaxError).name === 'SyntaxError' && (err as FastifyError).statusCode === 400) {
      return sendError(reply, request, 'request_malformed');
    }
    if ((err as FastifyError).validation) {
      const details = (err as FastifyError).validation!.map((v) => ({ field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'request', issue: v.message ?? 'invalid' }));
      return sendError(reply, request, 'field_invalid', undefined, details);
    }
    if (isDatabaseFailure(err)) {
      request.log.error({ err: { message: err.message, code: (err as { code?: unknown }).code } }, 'database failure');
      return sendError(reply, request, 'database_error');
    }
    request.log.error({ err }, 'unexpected error');
    return sendError(reply, request, 'internal_error');
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, request, 'not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
}
