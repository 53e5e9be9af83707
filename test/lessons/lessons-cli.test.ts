/**
 * `dabyl lessons search` on SQLite and PostgreSQL, over two past exercises (test/lessons/fixture.ts):
 * the real binary once on SQLite, the same `main` in this process for the rest (docs/testing.md).
 * Filters by name or id, table, JSON and CSV, headings and words in kk, ru and en, and refusals that
 * name the bad option.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/spreadsheet/csv.js';
import { loadConfig } from '../../src/config/config.js';
import { openRuntime } from '../../src/runtime.js';
import type { Lesson } from '../../src/services/lessons/lessons.service.js';
import { createTestDatabase, dropTestDatabase } from '../support/database.js';
import { dabyl, dabylInProcess, type Run } from '../support/dabyl-bin.js';
import { ENGINES } from '../support/engines.js';
import { buildLessons, type LessonsFixture } from './fixture.js';

const json = (run: Run) => {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { items: Lesson[]; more: boolean };
};

describe.each(ENGINES)('dabyl lessons search on %s', { timeout: 120_000 }, (engine) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-lessons-cli-'));
  let env: Record<string, string>;
  let database: { name: string; url: string } | undefined;
  let fx: LessonsFixture;
  const search = (args: string[], extra: Record<string, string> = {}) =>
    dabylInProcess(['lessons', 'search', ...args], { ...env, DABYL_LANG: 'en', ...extra });

  beforeAll(async () => {
    // The CLI has no schema option, so PostgreSQL gets a whole database of its own.
    database = engine === 'postgres' ? await createTestDatabase('dabyl_lessons') : undefined;
    env = { DABYL_DATA_DIR: dataDir, ...(database ? { DABYL_DATABASE_URL: database.url } : {}) };
    const rt = await openRuntime(loadConfig({ ...env, DABYL_LOG_LEVEL: 'silent' }));
    try {
      fx = await buildLessons(rt.ctx);
    } finally {
      await rt.close();
    }
  });
  afterAll(async () => {
    if (database) await dropTestDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints a table with the matched words marked', async () => {
    // The first call of the family: the real binary on SQLite, the same `main` on PostgreSQL.
    const bin = engine === 'sqlite' ? dabyl : dabylInProcess;
    const run = await bin(['lessons', 'search', '--text', 'оцепил'], { ...env, DABYL_LANG: 'en' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [head, ...rows] = run.stdout.trimEnd().split('\n');
    expect(head).toMatch(/^KIND\s+REF\.\s+EXERCISE\s+CITY\s+HAZARD\s+STARTEX\s+CORE CAPABILITIES\s+TEXT$/);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(
      /^Observation\s+Karaganda school seizure\s+Karaganda\s+Terrorist attack\s+2026-10-25/,
    );
    expect(rows[0]).toContain('On-scene security, protection and law enforcement');
    expect(rows[0]).toContain('Патруль [оцепил] периметр');
  });

  it('filters by capability, organisation, hazard and city, by name or id, as JSON', async () => {
    const all = json(await search(['--text', 'cordon', '--format', 'json']));
    expect(all.items.map((l) => l.exercise.city).sort()).toEqual(['Karaganda', 'Pavlodar']);
    const byHazard = json(await search(['--text', 'cordon', '--hazard', 'fire', '--format', 'json']));
    expect(byHazard.items.map((l) => l.id)).toEqual([fx.pavlodar.observations[1]]);
    const byCity = json(await search(['--text', 'cordon', '--city', 'Karaganda', '--format', 'json']));
    expect(byCity.items.map((l) => [l.kind, l.reference])).toEqual([['improvement', '1.1']]);
    // An organisation by name in another letter case, and by id: the same answer.
    const byName = json(
      await search(['--text', 'cordon', '--organisation', 'PAVLODAR FIRE SERVICE', '--format', 'json']),
    );
    const byId = json(await search(['--text', 'cordon', '--organisation', fx.orgB, '--format', 'json']));
    expect(byName.items.map((l) => l.id)).toEqual([fx.pavlodar.observations[1]]);
    expect(byId).toEqual(byName);
    const byCapability = json(
      await search([
        '--text',
        'периметр*',
        '--capability',
        'On-scene security, protection and law enforcement',
        '--kind',
        'strength',
        '--format',
        'json',
      ]),
    );
    expect(byCapability.items.map((l) => [l.kind, l.reference])).toEqual([['strength', '1.1']]);
    expect(byCapability.items[0]!.capabilities.map((c) => c.id)).toEqual([fx.karaganda.capability]);
    // A shipped capability by its name in any of the three languages: the same two lessons.
    for (const name of [
      'Fire Management and Suppression',
      'Борьба с пожарами и их тушение',
      'Өртпен күрес және сөндіру',
    ]) {
      const byShipped = json(await search(['--text', 'өрт*', '--capability', name, '--format', 'json']));
      expect(
        byShipped.items.map((l) => l.capabilities.map((c) => c.id)),
        name,
      ).toEqual([[fx.pavlodar.capability], [fx.pavlodar.capability]]);
    }
  });

  it('cuts at --limit and says on stderr that more matched', async () => {
    const cut = await search(['--text', 'cordon', '--limit', '1']);
    expect(cut.code).toBe(0);
    expect(cut.stdout.trimEnd().split('\n')).toHaveLength(2);
    expect(cut.stderr).toMatch(/More match than the 1 shown.*--limit/);
    const asJson = json(await search(['--text', 'cordon', '--limit', '1', '--format', 'json']));
    expect(asJson).toMatchObject({ more: true, items: [expect.anything()] });
  });

  it('writes CSV with headings, kinds and hazards in the language asked', async () => {
    const run = await search(['--text', 'өрт*', '--format', 'csv', '--lang', 'kk']);
    expect(run.code, run.stderr).toBe(0);
    const { rows } = parseCsv(run.stdout);
    expect(rows[0]).toEqual([
      'Түрі',
      'Нөмірі',
      'Оқу-жаттығу',
      'Қала',
      'Қауіп',
      'Басталуы (STARTEX)',
      'Негізгі қабілеттер',
      'Мәтін',
    ]);
    // The shipped capability in Kazakh too; a capability an administrator added keeps their words.
    expect(rows.slice(1).map((r) => [r[0], r[3], r[4], r[6]])).toEqual(
      expect.arrayContaining([
        ['Байқау', 'Pavlodar', 'Өрт', 'Өртпен күрес және сөндіру'],
        ['Жетілдіру саласы', 'Pavlodar', 'Өрт', 'Өртпен күрес және сөндіру'],
      ]),
    );
    expect(rows).toHaveLength(3);
    // Russian from the locale when --lang is not given; nothing found is said, not an empty table.
    const ru = await search(['--text', 'цунами'], { DABYL_LANG: 'ru' });
    expect(ru).toMatchObject({
      code: 0,
      stdout: 'Ничего не найдено. Попробуйте меньше слов или фильтров.\n',
    });
  });

  it('refuses a bad option naming it, in the language asked', async () => {
    const refused = async (args: string[], code: number, pattern: RegExp) => {
      const run = await search(args);
      expect(run.code, args.join(' ')).toBe(code);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(pattern);
    };
    await refused(['--text', 'cordon', '--format', 'xml'], 2, /--format must be one of table, json, csv/);
    await refused(['--text', 'cordon', '--lang', 'de'], 2, /--lang must be one of kk, ru, en/);
    await refused(['--text', 'cordon', '--hazard', 'tsunami'], 2, /--hazard must be one of earthquake/);
    await refused(['--text', 'cordon', '--kind', 'rumour'], 2, /--kind must be one of observation/);
    await refused(['--text', 'cordon', '--limit', '0'], 2, /--limit must be a whole number from 1 to 50/);
    await refused(['--text', 'cordon', '--limit', '2.5'], 2, /--limit/);
    await refused(['--text', '" ( ) * :'], 2, /--text must hold at least one word/);
    await refused(
      ['--text', 'cordon', '--lang', 'ru', '--limit', '99'],
      2,
      /--limit: целое число от 1 до 50/,
    );
    await refused(['--text', 'cordon', '--capability', 'Luck'], 4, /--capability: no core capability "Luck"/);
    await refused(
      ['--text', 'cordon', '--organisation', 'Nobody'],
      4,
      /--organisation: no organisation "Nobody"/,
    );
    await refused([], 2, /required option '--text <words>'/);
  });
});
