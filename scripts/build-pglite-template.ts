import fs from 'node:fs';
import { openDatabase } from '../src/store/database.ts';

// Builds a migrated, empty PGlite database and dumps it, for tests to load in ~0.5 s.
const out = process.argv[2];
if (!out) throw new Error('usage: build-pglite-template.ts <output file>');
const database = await openDatabase({ kind: 'pglite-memory' });
const blob = await database.dump();
await database.close();
fs.writeFileSync(out, Buffer.from(await blob!.arrayBuffer()));
