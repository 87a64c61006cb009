import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A repository method runs on the database or inside a caller's transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
