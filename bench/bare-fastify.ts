import Fastify from 'fastify';

// The scale reference: the same framework, one JSON route, nothing else.
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
app.post('/v1/lookup', async () => ({ ok: true }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
