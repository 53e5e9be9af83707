#!/usr/bin/env node
// The `dabyl` command. Runs the built server when `npm run build` has made one that is newer than
// every source file; otherwise runs the TypeScript sources through tsx, so `npx dabyl` works in a
// fresh checkout and never runs a stale build. DABYL_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'src', 'cli', 'main.js');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

// DABYL_FROM_BUILD=1 runs the build however old, as a benchmark measuring the built server must.
const useBuild =
  (process.env.DABYL_FROM_BUILD && existsSync(built)) ||
  (!process.env.DABYL_FROM_SOURCE &&
    existsSync(built) &&
    (!existsSync(join(root, 'src')) || statSync(built).mtimeMs >= newestSource(join(root, 'src'))));

let entry;
if (useBuild) {
  entry = await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  entry = await import(join(root, 'src', 'cli', 'main.ts'));
}
const code = await entry.main(process.argv.slice(2));
if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
