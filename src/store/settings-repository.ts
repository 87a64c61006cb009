import type { Executor } from './executor.ts';

/**
 * Returns the stored value of `key`, storing `create()` first if there is none. Safe when
 * several engines start at once: the first insert wins and everyone reads it back.
 */
export async function getOrCreateSetting(db: Executor, key: string, create: () => string): Promise<string> {
  await db.insertInto('engine_settings').values({ key, value: create() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('engine_settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
