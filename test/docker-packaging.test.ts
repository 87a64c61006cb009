import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ENGINE_VARIABLE_DEFAULTS, ENGINE_VARIABLES } from '../src/config/config.ts';
import { variableNamesIn } from '../scripts/generate-env-example.ts';

// Docker is not available where the tests run: these checks read the files as Docker and
// Compose would (YAML with merge keys, Dockerfile instructions) and hold them to what the
// engine needs. Running the stack is left to docs/operations.md.
const root = path.resolve(import.meta.dirname, '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  env_file?: string | string[];
  secrets?: string[];
  ports?: string[];
  profiles?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
  user?: string;
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  secrets: Record<string, { file: string }>;
  volumes: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
const dockerfile = read('Dockerfile');
const envExample = variableNamesIn(read('.env.example'));
const cairnServices = ['engine', 'worker'] as const;

function seconds(duration: string): number {
  const m = /^(\d+)(s|m)$/.exec(duration);
  assert.ok(m, `duration ${duration}`);
  return Number(m[1]) * (m[2] === 'm' ? 60 : 1);
}

describe('docker-compose.yml', () => {
  it('runs the engine, the worker and PostgreSQL 15, with Caddy only under the proxy profile', () => {
    assert.deepEqual(Object.keys(compose.services).sort(), ['db', 'engine', 'proxy', 'worker']);
    assert.match(compose.services.db!.image ?? '', /^postgres:15(\b|$)/);
    assert.deepEqual(compose.services.proxy!.profiles, ['proxy']);
    for (const name of [...cairnServices, 'db']) assert.equal(compose.services[name]!.profiles, undefined, `${name} runs by default`);
    assert.ok(compose.volumes['postgres-data'] !== undefined && (compose.services.db!.volumes ?? []).some((v) => v.startsWith('postgres-data:/var/lib/postgresql/data')));
  });

  it('checks health: the engine on /health, PostgreSQL with pg_isready, and waits for them in order', () => {
    assert.match(compose.services.engine!.healthcheck!.test!.join(' '), /127\.0\.0\.1:8000\/health/);
    assert.match(compose.services.db!.healthcheck!.test!.join(' '), /pg_isready/);
    for (const name of cairnServices) assert.equal(compose.services[name]!.depends_on?.db?.condition, 'service_healthy', name);
    assert.equal(compose.services.proxy!.depends_on?.engine?.condition, 'service_healthy');
  });

  it('starts `cairn serve` and `cairn worker`, commands src/cli/main.ts defines', (t) => {
    const main = read('src/cli/main.ts');
    const defines = (command: string): boolean => new RegExp(`\\.command\\(\\s*['"]${command}(?:\\s|['"])`).test(main);
    assert.deepEqual(compose.services.engine!.command, ['node', 'bin/cairn.js', 'serve']);
    assert.ok(defines('serve'));
    assert.deepEqual(compose.services.worker!.command, ['node', 'bin/cairn.js', 'worker']);
    // `cairn worker` is being added on another branch; until it lands only the string is known.
    if (!defines('worker')) t.skip('src/cli/main.ts has no `worker` command yet');
  });

  it('sets only variables the engine reads, each documented in .env.example', () => {
    for (const name of cairnServices) {
      const env = compose.services[name]!.environment ?? {};
      for (const variable of Object.keys(env)) {
        assert.ok(ENGINE_VARIABLES.includes(variable), `${name} sets ${variable}, which the engine does not read`);
        assert.ok(envExample.includes(variable), `${variable} is missing from .env.example`);
      }
      assert.equal(compose.services[name]!.env_file, '.env', `${name} takes the rest from .env`);
    }
  });

  it('listens on 0.0.0.0:8000 in the container behind a proxy that sets X-Forwarded-For', () => {
    const env = compose.services.engine!.environment!;
    assert.equal(env.HOST, '0.0.0.0');
    assert.equal(env.PORT, '8000');
    assert.equal(env.TRUST_PROXY, 'true');
    assert.match(env.DATABASE_URL ?? '', /^postgresql:\/\/cairn:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432\/cairn$/);
    assert.ok((compose.services.engine!.ports ?? []).every((p) => p.startsWith('127.0.0.1:')), 'the engine is published on loopback only');
    const caddyfile = read('Caddyfile');
    assert.match(caddyfile, /reverse_proxy\s*\{[\s\S]*dynamic a\s*\{[\s\S]*name engine[\s\S]*port 8000/);
    assert.match(caddyfile, /header_up X-Forwarded-For \{remote_host\}/);
    assert.ok((compose.services.proxy!.volumes ?? []).includes('./Caddyfile:/etc/caddy/Caddyfile:ro'));
    for (const m of caddyfile.matchAll(/\{\$([A-Z][A-Z0-9_]*)/g)) assert.ok(compose.services.proxy!.environment?.[m[1]!] !== undefined, `Caddyfile reads ${m[1]}, the proxy service must set it`);
  });

  it('mounts the signing key as a Docker secret at SIGNING_PRIVATE_KEY_PATH, in both the engine and the worker', () => {
    for (const name of cairnServices) {
      const service = compose.services[name]!;
      const keyPath = service.environment?.SIGNING_PRIVATE_KEY_PATH ?? '';
      const m = /^\/run\/secrets\/([a-z_]+)$/.exec(keyPath);
      assert.ok(m, `${name}: SIGNING_PRIVATE_KEY_PATH=${keyPath} is not a Docker secret path`);
      assert.ok(service.secrets?.includes(m[1]!), `${name} mounts the secret ${m[1]}`);
      assert.ok(compose.secrets[m[1]!]?.file, `secret ${m[1]} is defined from a file`);
      // Both must load the same key: an engine on a key of its own would retire the other's.
      assert.ok(service.environment?.API_KEY_HASH_SECRET?.includes(':?'), `${name}: API_KEY_HASH_SECRET is required, never generated per container`);
    }
    assert.doesNotMatch(read('.env.example'), /BEGIN (RSA )?PRIVATE KEY/);
  });

  it('gives in-flight lookups their drain time before Docker kills the engine', () => {
    const grace = Number(ENGINE_VARIABLE_DEFAULTS.SHUTDOWN_GRACE_SECONDS);
    for (const name of cairnServices) assert.ok(seconds(compose.services[name]!.stop_grace_period ?? '10s') >= grace + 10, name);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const last = (keyword: string): string | undefined => instructions.filter((l) => l.startsWith(`${keyword} `)).at(-1);

  it('builds on node:20-bookworm-slim and installs production dependencies only, tsx among them', () => {
    assert.ok(instructions.filter((l) => l.startsWith('FROM ')).every((l) => /^FROM node:20-bookworm-slim\b/.test(l)));
    assert.ok(instructions.some((l) => /RUN npm ci --omit=dev\b/.test(l)));
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    assert.ok(pkg.dependencies.tsx, 'bin/cairn.js runs the sources through tsx: it must stay a runtime dependency');
    for (const dev of Object.keys(pkg.devDependencies)) {
      const imported = fs.readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !path.basename(f).startsWith('fake-'))
        .filter((f) => new RegExp(`from '${dev}(/[^']*)?'`).test(fs.readFileSync(path.join(root, 'src', f), 'utf8')));
      assert.deepEqual(imported, [], `${dev} is a devDependency but shipped code imports it`);
    }
  });

  it('runs as an unprivileged user, listens on 0.0.0.0:8000, checks /health and starts cairn serve', () => {
    const user = last('USER');
    assert.ok(user && !/^USER (root|0)(:|$)/.test(user), `USER ${user}`);
    assert.match(dockerfile, /HOST=0\.0\.0\.0/);
    assert.match(dockerfile, /PORT=8000/);
    assert.match(last('HEALTHCHECK') ?? '', /\/health/);
    assert.equal(last('CMD'), 'CMD ["node", "bin/cairn.js", "serve"]');
    assert.match(read('.dockerignore'), /^secrets$/m);
    assert.match(read('.dockerignore'), /^\.env$/m);
  });
});
