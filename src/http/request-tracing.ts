import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { TRACER_NAME } from '../observability/spans.ts';

/**
 * One SERVER span per HTTP request, named by method and route template
 * (`POST /v1/lookup`, `GET /v1/lookup/:request_id`). It carries the template, method, status
 * and request id only: never the URL, query, headers or body, which may hold identifier values
 * or credentials. A `traceparent` from the caller is honoured so the span joins its trace.
 * Installed by app.ts only while tracing runs, so an engine without it pays nothing per request.
 */
export function installRequestTracing(app: FastifyInstance): void {
  const spans = new WeakMap<FastifyRequest, Span>();
  // The handler runs with the request span active, so the lookup's spans become its children
  // (hooks cannot wrap what follows them; the handler is the one place that can).
  app.addHook('onRoute', (route) => {
    route.handler = activateSpan(route.handler, spans);
  });
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    const parent = propagation.extract(context.active(), request.headers);
    const span = trace.getTracer(TRACER_NAME).startSpan(
      route !== undefined ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, ...(route !== undefined ? { 'http.route': route } : {}), 'cairn.request_id': request.id },
      },
      parent,
    );
    spans.set(request, span);
  });
  app.addHook('onResponse', async (request, reply) => endRequestSpan(spans, request, reply.statusCode));
  // A client gone before the answer: no onResponse comes, the span still ends.
  app.addHook('onRequestAbort', async (request) => endRequestSpan(spans, request, null));
}

function activateSpan(handler: RouteHandlerMethod, spans: WeakMap<FastifyRequest, Span>): RouteHandlerMethod {
  return function tracedHandler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const span = spans.get(request);
    if (span === undefined) return handler.call(this, request, reply);
    return context.with(trace.setSpan(context.active(), span), () => handler.call(this, request, reply));
  } as RouteHandlerMethod;
}

function endRequestSpan(spans: WeakMap<FastifyRequest, Span>, request: FastifyRequest, status: number | null): void {
  const span = spans.get(request);
  if (span === undefined) return;
  spans.delete(request);
  if (status === null) {
    span.setAttribute('error.type', 'client_aborted');
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'client_aborted' });
  } else {
    span.setAttribute('http.response.status_code', status);
    // OTel HTTP conventions: a 4xx is the client's doing, not a failed server span.
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: String(status) });
  }
  span.end();
}
