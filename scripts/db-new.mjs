#!/usr/bin/env node
// `npm run db:new -- NAME`: writes the next numbered migration, src/store/migrations/NNNN-NAME.ts,
// from a small template and registers it in src/store/migrate.ts (the import and the MIGRATIONS
// entry), so a new migration is never forgotten in the list the server runs. Works on the tree this
// script sits in; refuses a bad or taken name and a migrate.ts it cannot read, writing nothing then.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const migrationsDir = path.join(root, 'src', 'store', 'migrations');
const migrateFile = path.join(root, 'src', 'store', 'migrate.ts');

const TEMPLATE = `import type { Kysely } from 'kysely';

/*
 * TODO: say why this migration exists: what it adds or changes, and what happens to rows already
 * there. Write one set of statements that runs on both SQLite and PostgreSQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  void db;
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
`;

function fail(message) {
  process.stderr.write(`db:new: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 1 || args[0] === '--help' || args[0] === '-h')
  fail('usage: npm run db:new -- NAME   (NAME in kebab-case, e.g. exercise-clock)');
const name = args[0];
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name) || name.length > 60)
  fail(
    `"${name}" is not a migration name: lower-case letters, digits and single hyphens, starting with a letter, at most 60 characters`,
  );

const files = readdirSync(migrationsDir).filter((f) => /^\d{4}-.+\.ts$/.test(f));
if (files.some((f) => f.slice(5, -3) === name)) fail(`a migration named "${name}" exists already`);
let source = readFileSync(migrateFile, 'utf8');
const registered = [...source.matchAll(/'(\d{4})-[^']+': m\d{4},/g)].map((m) => Number(m[1]));
const highest = Math.max(0, ...files.map((f) => Number(f.slice(0, 4))), ...registered);
if (highest >= 9999) fail('migration numbers are used up (9999)');
const number = String(highest + 1).padStart(4, '0');
const id = `${number}-${name}`;

// The new import goes after the last migration import, the entry after the last entry.
const lastImport = [...source.matchAll(/^import \* as m\d{4} from '\.\/migrations\/[^']+\.js';$/gm)].at(-1);
const lastEntry = [...source.matchAll(/^( +)'\d{4}-[^']+': m\d{4},$/gm)].at(-1);
if (!lastImport || !lastEntry)
  fail(`cannot find the migration imports and the MIGRATIONS list in ${path.relative(root, migrateFile)}`);
const entry = `\n${lastEntry[1]}'${id}': m${number},`;
const at = lastEntry.index + lastEntry[0].length;
source = source.slice(0, at) + entry + source.slice(at);
const importLine = `\nimport * as m${number} from './migrations/${id}.js';`;
const importAt = lastImport.index + lastImport[0].length;
source = source.slice(0, importAt) + importLine + source.slice(importAt);

const target = path.join(migrationsDir, `${id}.ts`);
if (existsSync(target)) fail(`${path.relative(root, target)} exists already`);
writeFileSync(target, TEMPLATE, { flag: 'wx' });
try {
  writeFileSync(migrateFile, source);
} catch (err) {
  rmSync(target, { force: true });
  fail(`cannot update ${path.relative(root, migrateFile)}: ${err.message}`);
}
process.stdout.write(
  `created ${path.relative(root, target)} and registered it in ${path.relative(root, migrateFile)}\n` +
    'Add its tables to src/store/schema.ts; it runs at the next start or `npx dabyl migrate`.\n',
);
