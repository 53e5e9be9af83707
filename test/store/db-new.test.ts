/**
 * `npm run db:new -- NAME` on a temporary copy of the tree (the script, migrate.ts, the
 * migrations and the core they may use), never on the checkout: the file it writes must be picked up by the migrator.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/db.js';
import type * as Migrate from '../../src/store/migrate.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let copy: string;

beforeEach(() => {
  // Inside the checkout so the copy resolves kysely from node_modules like the real tree does.
  mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
  copy = mkdtempSync(path.join(ROOT, 'test-results', 'db-new-'));
  mkdirSync(path.join(copy, 'scripts'));
  cpSync(path.join(ROOT, 'scripts', 'db-new.mjs'), path.join(copy, 'scripts', 'db-new.mjs'));
  cpSync(path.join(ROOT, 'src', 'store', 'migrations'), path.join(copy, 'src', 'store', 'migrations'), {
    recursive: true,
  });
  cpSync(path.join(ROOT, 'src', 'store', 'migrate.ts'), path.join(copy, 'src', 'store', 'migrate.ts'));
  symlinkSync(path.join(ROOT, 'src', 'store', 'db.ts'), path.join(copy, 'src', 'store', 'db.ts'));
  symlinkSync(path.join(ROOT, 'src', 'store', 'schema.ts'), path.join(copy, 'src', 'store', 'schema.ts'));
  // A migration may derive data with the application's pure core (0045 covers outlines with it).
  symlinkSync(path.join(ROOT, 'src', 'core'), path.join(copy, 'src', 'core'));
});
afterEach(() => rmSync(copy, { recursive: true, force: true }));

const dbNew = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(copy, 'scripts', 'db-new.mjs'), ...args], { encoding: 'utf8' });
const migrations = () => readdirSync(path.join(copy, 'src', 'store', 'migrations')).sort();
const migrateTs = () => readFileSync(path.join(copy, 'src', 'store', 'migrate.ts'), 'utf8');

describe('npm run db:new', () => {
  it('writes the next numbered migration and registers it where the migrator finds it', async () => {
    const before = migrations();
    const last = Number(before.at(-1)!.slice(0, 4));
    const next = String(last + 1).padStart(4, '0');
    const run = dbNew('player-replies');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(migrations()).toEqual([...before, `${next}-player-replies.ts`].sort());
    const written = readFileSync(
      path.join(copy, 'src', 'store', 'migrations', `${next}-player-replies.ts`),
      'utf8',
    );
    expect(written).toContain('export async function up(db: Kysely<unknown>)');
    expect(migrateTs()).toContain(`import * as m${next} from './migrations/${next}-player-replies.js';`);
    expect(migrateTs()).toContain(`'${next}-player-replies': m${next},`);

    // The copy's migrate.ts runs it, last, on a real database.
    const { migrateToLatest } = (await import(
      path.join(copy, 'src', 'store', 'migrate.ts')
    )) as typeof Migrate;
    const db = openDb({ dataDir: ':memory:' });
    try {
      const { applied } = await migrateToLatest(db);
      expect(applied.at(-1)).toBe(`${next}-player-replies`);
      expect(applied).toHaveLength(before.length + 1);
    } finally {
      await db.close();
    }

    // A second one follows it.
    expect(dbNew('alert-templates').status).toBe(0);
    const after = String(last + 2).padStart(4, '0');
    expect(migrations()).toContain(`${after}-alert-templates.ts`);
    expect(migrateTs().indexOf(`'${next}-player-replies'`)).toBeLessThan(
      migrateTs().indexOf(`'${after}-alert-templates'`),
    );
  });

  it.each([
    [[], /usage: npm run db:new -- NAME/],
    [['Exercise_Clock'], /"Exercise_Clock" is not a migration name/],
    [['1-clock'], /is not a migration name/],
    [['clock--epochs'], /is not a migration name/],
    [['../escape'], /is not a migration name/],
    [['jobs'], /a migration named "jobs" exists already/],
    [['a', 'b'], /usage/],
  ])('refuses %j and writes nothing', (args, message) => {
    const before = migrations();
    const source = migrateTs();
    const run = dbNew(...args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(migrations()).toEqual(before);
    expect(migrateTs()).toBe(source);
  });
});
