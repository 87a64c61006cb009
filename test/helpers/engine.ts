import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { generateApiKey, hashApiKey } from '../../src/auth/api-keys.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createEngine, type Engine, type EngineOverrides } from '../../src/engine/engine.ts';
import { createLogger } from '../../src/engine/logger.ts';
import { buildApp, type RouteRegistrar } from '../../src/http/app.ts';
import { insertApiKey } from '../../src/store/api-keys-repository.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import { testSigningKeyPath } from './keys.ts';

export interface TestEngineOptions extends Omit<EngineOverrides, 'database' | 'logger'> {
  /** Environment on top of the test defaults. */
  readonly env?: Readonly<Record<string, string>>;
  /** Listen on 127.0.0.1 on a free port (otherwise use `inject`). */
  readonly listen?: boolean;
  readonly routes?: readonly RouteRegistrar[];
  /** Reuse an existing database (several engines on one PostgreSQL). */
  readonly database?: TestDatabase;
}

export interface TestEngine {
  readonly engine: Engine;
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  /** http://127.0.0.1:<port> when listening. */
  readonly url: string | null;
  /** Every log line the engine wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Creates an API key with these roles and returns the key itself. */
  createKey(roles: readonly string[], name?: string): Promise<{ id: string; key: string }>;
  close(): Promise<void>;
}

export const TEST_HASH_SECRET = 'test-hash-secret-not-for-production';

/**
 * A real engine on a fresh database (PGlite or PostgreSQL per TEST_DATABASE), with a test
 * signing key, loopback egress allowed (fakes of upstream services listen on 127.0.0.1), and a
 * log sink tests can read.
 */
export async function startTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-test-'));
  const database = options.database ?? (await createTestDatabase());
  const env = {
    DATA_DIR: dataDir,
    API_KEY_HASH_SECRET: TEST_HASH_SECRET,
    SIGNING_PRIVATE_KEY_PATH: await testSigningKeyPath(),
    METRICS_ENABLED: 'false',
    LOG_LEVEL: 'info',
    OUTBOUND_ALLOW_LOOPBACK: 'true',
    // Tests never leave loopback: only the offline connector runs unless a test names the
    // connectors it points at its fakes (CONNECTOR_ENABLED) or brings its own definitions.
    ...(options.connectorDefinitions === undefined ? { CONNECTOR_ENABLED: 'phone_metadata' } : {}),
    ...options.env,
  };
  const config = loadConfig(env);
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const { routes, listen, env: _env, database: _db, ...overrides } = options;
  const engine = await createEngine(config, { firstRunKey: false, ...overrides, database: database.target, logger: createLogger({ level: config.log.level, format: 'json', destination: sink }) }).catch(async (err: unknown) => {
    // A start that is refused (bad configuration under test) must not leave its database behind.
    if (!options.database) await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const app = await buildApp(engine, routes ?? []);
  let url: string | null = null;
  if (listen) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address && typeof address === 'object') url = `http://127.0.0.1:${address.port}`;
  } else {
    await app.ready();
  }
  return {
    engine,
    app,
    database,
    url,
    logs,
    inject: (injectOptions) => app.inject(injectOptions),
    async createKey(roles, name = 'test-service') {
      const { id, key } = generateApiKey();
      await insertApiKey(engine.database.db, { id, name, keyHash: hashApiKey(engine.apiKeyHashSecret, key), roles });
      return { id, key };
    },
    async close() {
      await app.close();
      await engine.close();
      if (!options.database) await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
