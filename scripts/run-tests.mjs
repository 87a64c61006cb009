#!/usr/bin/env node
// Runs the whole suite on PGlite, then again on PostgreSQL when one answers (TEST_DATABASE_URL,
// default postgresql://postgres@127.0.0.1:5432/postgres). Node 20's test runner neither expands
// globs nor finds .ts files, so the files are listed here. Usage:
//   npm test                      # both databases
//   npm test -- --db pglite       # one database
//   npm test -- src/lookup        # only files under a path
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let databases = ['pglite', 'postgres'];
const filters = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--db') databases = [args[++i]];
  else filters.push(path.resolve(args[i]));
}

function findTests(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found;
}
const files = ['src', 'test']
  .flatMap((d) => findTests(path.join(root, d)))
  .filter((f) => filters.length === 0 || filters.some((p) => f.startsWith(p)))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
async function postgresAnswers() {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// One migrated PGlite template per run; each test engine loads it in about half a second.
const template = path.join(os.tmpdir(), `cairn-pglite-template-${process.pid}.tar.gz`);
function buildTemplate() {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/build-pglite-template.ts'), template], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

let failed = false;
for (const db of databases) {
  if (db === 'postgres' && !(await postgresAnswers())) {
    if (process.env.CI_REQUIRE_POSTGRES === 'true') {
      console.error(`PostgreSQL at ${postgresUrl} does not answer, and CI_REQUIRE_POSTGRES=true`);
      process.exit(1);
    }
    console.log(`# skipping the PostgreSQL run: nothing answers at ${postgresUrl}`);
    continue;
  }
  if (db === 'pglite') buildTemplate();
  console.log(`# running ${files.length} test files on ${db}`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? '2'}`, '--test-timeout=600000', ...files],
    { stdio: 'inherit', cwd: root, env: { ...process.env, TEST_DATABASE: db, TEST_DATABASE_URL: postgresUrl, CAIRN_PGLITE_TEMPLATE: template } },
  );
  if (result.status !== 0) failed = true;
}
fs.rmSync(template, { force: true });
process.exit(failed ? 1 : 0);
