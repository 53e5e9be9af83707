import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dabyl } from '../support/dabyl-bin.js';

/* `dabyl siren add|import|list` against a SQLite data folder of the test's own. */

describe('dabyl siren', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-siren-cli-'));
  const env = { DABYL_DATA_DIR: dir, DABYL_DEMO_DATA: 'false' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds a siren and prints its command key once, imports a CSV, and lists them without keys', async () => {
    const add = await dabyl(
      [
        'siren',
        'add',
        '--name-kk',
        'Медеу',
        '--name-ru',
        'Медеу',
        '--name-en',
        'Medeu',
        '--lon',
        '76.95',
        '--lat',
        '43.25',
        '--prefix',
        'kz/almaty/s-001',
      ],
      env,
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const key = /key ([A-Za-z0-9_-]{43})/.exec(add.stdout)?.[1];
    expect(key).toBeDefined();
    const csv = path.join(dir, 'sirens.csv');
    writeFileSync(
      csv,
      'name_kk,name_ru,name_en,lon,lat,prefix,purpose\nОрталық,Центр,Centre,73.09,49.80,kz/karaganda/s-001,public\nПолигон,Полигон,Range,73.18,49.74,kz/karaganda/range,exercise\n',
    );
    const imported = await dabyl(['siren', 'import', csv], env);
    expect(imported.code).toBe(0);
    expect(
      imported.stdout
        .trim()
        .split('\n')
        .map((l) => l.split('\t')[0]),
    ).toEqual(['kz/karaganda/s-001', 'kz/karaganda/range']);
    const twice = await dabyl(['siren', 'import', csv], env);
    expect(twice.code).toBe(5);
    expect(twice.stderr).toMatch(/kz\/karaganda\/s-001 already/);
    const list = await dabyl(['siren', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('kz/almaty/s-001\tMedeu\t43.25000,76.95000\tpublic\tbattery ?');
    expect(list.stdout).toContain('kz/karaganda/range\tRange');
    expect(list.stdout).not.toContain(key!);
  }, 180_000);
});
