#!/usr/bin/env node
// `npm test`: every check and every test, on real engines. Installs the Debian packages the tests
// need when it runs as root; otherwise stops naming the package and the command. Runs every step
// and reports each failure, not only the first.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SYSTEM = [
  { what: 'Chromium (browser tests)', check: () => existsSync('/usr/bin/chromium'), pkg: 'chromium' },
  { what: 'xmllint (CAP schema validation)', check: () => has('xmllint'), pkg: 'libxml2-utils' },
  { what: 'xmlsec1 (CAP signature interoperability)', check: () => has('xmlsec1'), pkg: 'xmlsec1' },
];

function has(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function ensureSystemPackages() {
  const missing = SYSTEM.filter((s) => !s.check());
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => m.pkg);
  const command = `apt-get install -y ${pkgs.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(`Missing: ${missing.map((m) => m.what).join(', ')}.\nInstall with:  sudo ${command}`);
    process.exit(1);
  }
  console.log(`Installing ${pkgs.join(', ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (spawnSync('sh', ['-c', command], { stdio: 'inherit', env }).status !== 0) {
    execFileSync('sh', ['-c', `apt-get update -q && ${command}`], { stdio: 'inherit', env });
  }
}

const steps = [
  ['lint, format and types', 'npm', ['run', '-s', 'check']],
  ['build (server and console)', 'npm', ['run', '-s', 'build']],
  ['tests (unit, SQLite, PostgreSQL, Redis, browser)', 'npx', ['vitest', 'run', ...process.argv.slice(2)]],
];

ensureSystemPackages();
const failed = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) failed.push(name);
}
if (failed.length) {
  console.error(`\n✗ failed: ${failed.join('; ')}`);
  process.exit(1);
}
console.log('\n✓ all checks and tests passed');
