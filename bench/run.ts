// `npm run bench`: runs every benchmark one after another (never in parallel: they would measure
// each other). Pass names to run some: `npm run bench -- cap area`. Figures go to docs/benchmarks.md by hand.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function benches(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'out') return benches(full);
    return e.isFile() && e.name.endsWith('.bench.ts') ? [full] : [];
  });
}

const wanted = process.argv.slice(2);
const all = benches(here).filter(
  (f) => wanted.length === 0 || wanted.some((w) => path.relative(here, f).includes(w)),
);
if (all.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of all) {
  console.log(`\n▶ ${path.relative(path.dirname(here), file)}`);
  const tsx = path.join(here, '..', 'node_modules', '.bin', 'tsx');
  const r = spawnSync(existsSync(tsx) ? tsx : 'npx', existsSync(tsx) ? [file] : ['tsx', file], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
