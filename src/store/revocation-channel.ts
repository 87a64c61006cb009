import { sql } from 'kysely';
import type pg from 'pg';
import type { OpenDatabase } from './database.ts';

/** What was revoked: one API key, one SSO session, or (after a lost connection) anything. */
export type Revocation = { readonly kind: 'api_key' | 'session'; readonly id: string } | { readonly kind: 'all' };

export type RevocationHandler = (revocation: Revocation) => void;

const CHANNEL = 'cairn_auth_revocations';
const RECONNECT_MS = 2_000;

/**
 * Tells every engine on one PostgreSQL database that a credential was revoked, so each drops
 * it from its cache at once instead of when the cache entry ages out (5 s). PostgreSQL
 * LISTEN/NOTIFY carries the message; PGlite serves one process, so there the message only
 * reaches this process's handlers. The cache TTL stays as the fallback: if the listening
 * connection drops, every cache is flushed when it comes back.
 *
 * @example
 * const channel = new RevocationChannel(database, (err) => logger.warn(err.message));
 * channel.subscribe((r) => apiKeys.invalidate());
 * await channel.start();
 * await channel.publish({ kind: 'api_key', id: 'key_01J…' });
 */
export class RevocationChannel {
  readonly #database: OpenDatabase;
  readonly #onError: (err: Error) => void;
  readonly #handlers: RevocationHandler[] = [];
  #client: pg.PoolClient | null = null;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(database: OpenDatabase, onError: (err: Error) => void) {
    this.#database = database;
    this.#onError = onError;
  }

  subscribe(handler: RevocationHandler): void {
    this.#handlers.push(handler);
  }

  /** Starts listening (PostgreSQL only); resolves once LISTEN is in place. */
  async start(): Promise<void> {
    if (!this.#database.capabilities.supportsSharing || this.#closed) return;
    const client = await this.#database.pool.connect();
    const drop = (err?: Error): void => {
      if (this.#client !== client) return;
      this.#client = null;
      client.release(err ?? true);
      if (err) this.#onError(err);
      this.#scheduleReconnect();
    };
    client.on('notification', (message) => this.#dispatch(parseRevocation(message.payload)));
    client.on('error', drop);
    client.on('end', () => drop());
    try {
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (err) {
      client.release(true);
      throw err;
    }
    this.#client = client;
    // Anything revoked while nobody listened must not linger in a cache.
    this.#dispatch({ kind: 'all' });
  }

  /** Runs the local handlers now and tells the other engines. */
  async publish(revocation: Revocation): Promise<void> {
    this.#dispatch(revocation);
    if (!this.#database.capabilities.supportsSharing) return;
    const payload = revocation.kind === 'all' ? 'all' : `${revocation.kind}:${revocation.id}`;
    await sql`SELECT pg_notify(${CHANNEL}, ${payload})`.execute(this.#database.db);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = null;
    // Destroyed, not returned to the pool: its listeners and LISTEN state must not outlive us.
    if (client) client.release(true);
  }

  #dispatch(revocation: Revocation | null): void {
    if (revocation === null) return;
    for (const handler of this.#handlers) handler(revocation);
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.start().catch((err: Error) => {
        this.#onError(err);
        this.#scheduleReconnect();
      });
    }, RECONNECT_MS);
    this.#timer.unref();
  }
}

function parseRevocation(payload: string | undefined): Revocation | null {
  if (payload === 'all') return { kind: 'all' };
  const match = /^(api_key|session):(.{1,200})$/.exec(payload ?? '');
  return match ? { kind: match[1] as 'api_key' | 'session', id: match[2]! } : null;
}
