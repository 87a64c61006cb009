#!/usr/bin/env node
// The `cairn` command. The engine runs from its TypeScript sources through tsx (Node 20 has
// no type stripping), so there is no build step between a checkout and a running engine.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
