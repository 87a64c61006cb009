import fastifySwagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from '@fastify/type-provider-zod';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.ts';
import { newId } from '../ids/ulid.ts';
import { installAuth } from './auth-hook.ts';
import { installErrorHandling } from './error-handler.ts';
import { isTracingActive } from '../observability/tracing.ts';
import { installRequestTracing } from './request-tracing.ts';
import type { RegisteredRoute } from './request-context.ts';
import './request-context.ts';
import { registerAnalysisRoutes } from './routes/analysis.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerAuthMethodRoutes } from './routes/auth-methods.ts';
import { registerOidcAuthRoutes } from './routes/auth-oidc.ts';
import { registerSamlAuthRoutes } from './routes/auth-saml.ts';
import { registerSessionRoutes } from './routes/auth-session.ts';
import { registerConnectorRoutes } from './routes/connectors.ts';
import { registerConsoleRoutes } from './routes/console.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerLookupRoutes } from './routes/lookup.ts';
import { registerReportExportRoutes } from './routes/report-exports.ts';
import { registerReportPdfRoutes } from './routes/reports-pdf.ts';
import { registerProvenanceRoutes } from './routes/provenance.ts';
import { registerReportRoutes } from './routes/reports.ts';

/** Extra route groups (SSO, PDF, analysis …) registered by their own modules. */
export type RouteRegistrar = (app: FastifyInstance, engine: Engine) => void | Promise<void>;

/**
 * The HTTP face of an engine. Only wiring here: request ids, error envelope, auth, OpenAPI,
 * then each resource's routes.
 */
export async function buildApp(engine: Engine, extraRoutes: readonly RouteRegistrar[] = []): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: engine.logger as FastifyBaseLogger,
    genReqId: () => newId('req'),
    trustProxy: engine.config.http.trustProxy,
    bodyLimit: 1024 * 1024,
    // Never hang on a slow client: 30 s for the whole request, 5 s between keep-alive requests.
    requestTimeout: 120_000,
    keepAliveTimeout: 5_000,
    // Requests already on an open connection finish normally while draining.
    return503OnClosing: false,
  });
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({ method, url: route.url, public: route.config?.public === true, scope: route.config?.scope ?? null });
    }
  });
  // OpenTelemetry: only when OTEL_EXPORTER_OTLP_ENDPOINT started the SDK (before any route, so every handler is wrapped).
  if (isTracingActive()) installRequestTracing(app);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    engine.metrics.httpRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  // Response schemas document the contract; responses are written with JSON.stringify (a
  // contract test checks them against the schemas instead of paying for it per request).
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  installErrorHandling(app);
  // The API speaks JSON only; any other body type is answered with request_malformed.
  app.removeContentTypeParser('text/plain');
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cairn — Intrace Intelligence Engine API',
        version: engine.version,
        description: 'Self-hosted identity-intelligence engine speaking the Intrace Intelligence Engine API v1. Generated from the route schemas.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          BearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ BearerAuth: [] }, { ApiKeyAuth: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  installAuth(app, { authenticator: engine.authenticator, rateLimiter: engine.rateLimiter });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  registerHealthRoutes(app, engine);
  registerLookupRoutes(app, engine);
  registerConnectorRoutes(app, engine);
  registerAuditRoutes(app, engine);
  registerReportRoutes(app, engine);
  registerOidcAuthRoutes(app, engine);
  await registerSamlAuthRoutes(app, engine);
  registerSessionRoutes(app, engine);
  registerAuthMethodRoutes(app, engine);
  await registerConsoleRoutes(app);
  registerReportPdfRoutes(app, engine);
  registerReportExportRoutes(app, engine);
  registerAnalysisRoutes(app, engine);
  registerProvenanceRoutes(app, engine);
  for (const register of extraRoutes) await register(app, engine);
  return app;
}
