import { type Attributes, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ApiError } from '../errors/catalogue.ts';

/** The instrumentation scope of every span Cairn makes by hand. */
export const TRACER_NAME = 'cairn';

export interface SpanOptions<T> {
  readonly kind?: SpanKind;
  /** Adds what is known only at the end (outcome, counts) and may mark the span failed. */
  readonly onEnd?: (span: Span, result: T) => void;
}

/**
 * Runs `work` inside a span that is a child of the active one (the HTTP request's, the
 * lookup's). Without a running SDK the API hands out non-recording spans, so this costs a few
 * calls and nothing is kept. Errors are recorded by their catalogue code or class name only:
 * messages may quote the caller's input, which must never leave in a trace.
 *
 * @example
 * const signed = await inSpan('report.sign', { 'cairn.signing.key_id': keyId }, () => sign(bytes));
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>, options: SpanOptions<T> = {}): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes, kind: options.kind ?? SpanKind.INTERNAL }, async (span) => {
    try {
      const result = await work();
      options.onEnd?.(span, result);
      return result;
    } catch (err) {
      markFailed(span, err);
      throw err;
    } finally {
      span.end();
    }
  });
}

/** Marks a span failed with a code that says what went wrong but not with what data. */
export function markFailed(span: Span, err: unknown): void {
  const code = err instanceof ApiError ? err.code : err instanceof Error ? err.name : 'non-error';
  span.setAttribute('error.type', code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: code });
}
