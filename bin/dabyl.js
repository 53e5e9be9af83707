#!/usr/bin/env node
// The `dabyl` command. Runs the built server when `npm run build` has made one; otherwise runs the
// TypeScript sources through tsx, so `npx dabyl` works in a fresh checkout too.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'src', 'cli', 'main.js');
let entry;
if (existsSync(built) && !process.env.DABYL_FROM_SOURCE) {
  entry = await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import(join(root, 'src', 'cli', 'main.ts'));
}
const code = await entry.main(process.argv.slice(2));
if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
