#!/usr/bin/env node
// Runs the compiled build (dist/, made by `npm install` and `npm run build`); from a checkout without
// a build it falls back to the TypeScript sources through tsx. main() is called here, not left to the
// module to detect: npx, npm link and global installs start this file through a link named `briefbot`.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
let cli;
if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli.ts');
}
await cli.main();
