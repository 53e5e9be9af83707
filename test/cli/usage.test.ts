/**
 * Mistyped or incomplete commands are usage errors (exit 2) that name what was wrong, so a script
 * never reads success from help text it did not ask for; help asked for is still exit 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dabyl } from '../support/dabyl-bin.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-usage-'));
const env = { DABYL_DATA_DIR: dataDir };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('dabyl usage errors', () => {
  it('an unknown command exits 2 naming it', async () => {
    const run = await dabyl(['bakup', 'x.db'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'bakup'");
    expect(run.stdout).toBe('');
  });

  it('a command group without its subcommand, or dabyl alone, exits 2 with the help on stderr', async () => {
    const [group, alone, help] = await Promise.all([
      dabyl(['audit'], env),
      dabyl([], env),
      dabyl(['audit', '--help'], env),
    ]);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('Usage: dabyl audit');
    expect(group.stdout).toBe('');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('Usage: dabyl');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: dabyl audit');
  });

  it('backup and restore without their FILE exit 2 naming the argument', async () => {
    const [backup, restore] = await Promise.all([dabyl(['backup'], env), dabyl(['restore'], env)]);
    for (const run of [backup, restore]) {
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("missing required argument 'file'");
    }
  });
});
