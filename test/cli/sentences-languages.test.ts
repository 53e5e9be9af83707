/**
 * What each command family prints to a person comes out in Russian when DABYL_LANG=ru (and in
 * Kazakh with kk): confirmations, table headings, refusals and commander's own errors. Run through
 * the same `main` the binary runs, in this process, against a SQLite folder of the test's own.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { smallFile } from '../boundaries/fixtures.js';
import { dabylInProcess } from '../support/dabyl-bin.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-cli-languages-'));
const base = { DABYL_DATA_DIR: dir, DABYL_DEMO_DATA: 'false' };
const ru = { ...base, DABYL_LANG: 'ru' };
const kk = { ...base, DABYL_LANG: 'kk' };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[], env: Record<string, string> = ru) => dabylInProcess(args, env);

describe('dabyl in Russian and Kazakh', () => {
  it('commander’s refusals and the help after them', async () => {
    const unknown = await run(['bakup']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ошибка: неизвестная команда «bakup»');
    expect(unknown.stderr).toContain('(Возможно, имелось в виду backup?)');
    expect(unknown.stderr).toContain('Использование: dabyl [параметры] [команда]');
    const missing = await run(['backup'], kk);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('қате: міндетті «file» аргументі берілмеген');
    const help = await run(['audit', '--help'], kk);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Қолданылуы: dabyl audit');
  });

  it('a configuration that cannot be used, named with its variable', async () => {
    const port = await run(['migrate'], { ...ru, DABYL_PORT: 'eighty' });
    expect(port.code).toBe(3);
    expect(port.stderr).toBe('dabyl: настройки: DABYL_PORT: должно быть целым числом, а задано «eighty»\n');
    const lang = await run(['migrate'], { ...kk, DABYL_PUBLIC_LANGUAGE: 'de' });
    expect(lang.stderr).toContain(
      'баптаулар: DABYL_PUBLIC_LANGUAGE: мыналардың бірі болуы керек: kk, ru, en',
    );
  });

  it('admin: migrate, and the audit log verified and listed', async () => {
    const migrate = await run(['migrate']);
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/^применено: /);
    expect((await run(['migrate'])).stdout).toContain('схема актуальна');
    expect((await run(['audit', 'verify'])).stdout).toMatch(/^журнал аудита цел: записей — \d+/);
    expect((await run(['audit', 'list'])).stdout).toMatch(/^НОМЕР\s+ВРЕМЯ\s+КТО\s+ДЕЙСТВИЕ/);
    const badDay = await run(['demo', 'load', '--as-of', 'tomorrow']);
    expect(badDay.stderr).toContain('--as-of: «tomorrow» — не дата вида 2026-10-14');
  });

  it('audit: a chain whose entry was edited, named in Russian and Kazakh', async () => {
    const own = mkdtempSync(path.join(tmpdir(), 'dabyl-cli-chain-'));
    try {
      const env = { ...ru, DABYL_DATA_DIR: own };
      await run(['user', 'add', 'erlan', '--name', 'Ерлан'], env);
      const db = new SQLite(path.join(own, 'dabyl.sqlite'));
      db.exec('drop trigger audit_log_no_update');
      db.prepare('update audit_log set detail = ? where seq = 1').run('{"username":"nobody"}');
      db.close();
      const broken = await run(['audit', 'verify'], env);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toBe(
        'dabyl: журнал аудита нарушен на записи 1: содержимое не совпадает с её хешем: ' +
          'запись изменили уже после того, как она была сделана (записи до неё целы, их 0)\n',
      );
      const kazakh = await run(['audit', 'verify'], { ...env, DABYL_LANG: 'kk' });
      expect(kazakh.stderr).toContain('мазмұны хэшіне сәйкес келмейді: жазба жазылғаннан кейін өзгертілген');
      const json = await run(['audit', 'verify', '--json'], env);
      // Scripts get the English problem alone, as the API gives it.
      expect((JSON.parse(json.stdout) as { firstBad: unknown }).firstBad).toEqual({
        seq: 1,
        problem: 'content does not match its hash: the entry was edited after it was written',
      });
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });

  it('people: users, organisations and tokens', async () => {
    const added = await run(['user', 'add', 'aigerim', '--name', 'Айгерим', '--role', 'admin']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^создан aigerim; пароль \(показывается один раз\): \S+/);
    expect((await run(['user', 'list'])).stdout).toMatch(/^ЛОГИН\s+ИМЯ\s+РОЛИ\s+СОСТОЯНИЕ/);
    await run(['user', 'add', 'bolat', '--name', 'Болат']);
    expect((await run(['user', 'disable', 'bolat'])).stdout).toBe('bolat заблокирован\n');
    expect((await run(['user', 'grant', 'bolat', 'planner'], kk)).stdout).toBe(
      'bolat енді planner рөлінде\n',
    );
    const absent = await run(['user', 'enable', 'nobody']);
    expect(absent.code).toBe(4);
    expect(absent.stderr).toBe('dabyl: нет пользователя «nobody»\n');
    expect((await run(['org', 'add', 'ДЧС', '--kind', 'emergency-situations'])).stdout).toMatch(
      /^добавлена ДЧС \(/,
    );
    expect((await run(['token', 'list', 'aigerim'], kk)).stdout).toMatch(
      /^ИДЕНТИФИКАТОР\s+АТАУЫ\s+РҰҚСАТТАР/,
    );
  });

  it('backup: the copy written, and a file that exists refused', async () => {
    const file = path.join(dir, 'copy.sqlite');
    const copy = await run(['backup', file]);
    expect(copy.code).toBe(0);
    expect(copy.stdout).toContain(`записана в ${file}`);
    const again = await run(['backup', file]);
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('уже существует; чтобы заменить его, передайте --force');
  });

  it('restore: a file that is no backup refused, naming it', async () => {
    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'not a database');
    const notes = await run(['restore', text]);
    expect(notes.code).toBe(2);
    expect(notes.stderr).toBe(
      `dabyl: ${text} — не резервная копия Дабыла (ни база данных \`SQLite\`, ни архив \`pg_dump\` в формате \`custom\`)\n`,
    );
    const other = path.join(dir, 'other.sqlite');
    new SQLite(other).exec('create table notes (body text)').close();
    const foreign = await run(['restore', other], kk);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toBe(`dabyl: ${other} — \`SQLite\` дерекқоры, бірақ Дабылдікі емес\n`);
  });

  it('doctor: each check named and worded', async () => {
    const doctor = await run(['doctor']);
    expect(doctor.stdout).toMatch(/^норма {2}база данных {1}\S+ \(sqlite\) ответила за \d+ мс$/m);
    expect(doctor.stdout).toMatch(/очередь\s+не настроен: задания выполняются внутри этого процесса/);
  });

  it('boundaries: a set imported and listed', async () => {
    const file = path.join(dir, 'almaty.geojson');
    writeFileSync(file, JSON.stringify(smallFile()));
    const imported = await run(['boundaries', 'import', file, '--set', 'almaty', '--approximate']);
    expect(imported.stdout).toBe('almaty: импортировано границ — 3 (приблизительные)\n');
    expect((await run(['boundaries', 'list'])).stdout).toMatch(/^ИМЯ\s+ПРИБЛИЗИТЕЛЬНЫЙ[\s\S]*\nalmaty\s+да/);
  });

  it('demo data loaded, and an exercise shown with its plan’s words', async () => {
    const loaded = await run(['demo', 'load']);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/^добавлено: организаций — \d+, подразделений — \d+/);
    const id = (await run(['exercise', 'list'])).stdout.split('\n')[1]!.split(/\s+/)[0]!;
    const shown = await run(['exercise', 'show', id], kk);
    expect(shown.stdout).toMatch(/^Идентификатор +\S+\n/);
    expect(shown.stdout).toMatch(/\nКүйі +Жоспарланған\n/);
    expect((await run(['exercise', 'milestones', id])).stdout).toBe(
      'в плане ещё не назван и не достигнут ни один этап\n',
    );
    expect((await run(['exercise', 'comm-check', id])).stdout).toBe(
      'проверка связи ещё не отправлялась (--send начинает её)\n',
    );
    const notices = (await run(['notice', 'list'])).stdout;
    expect(notices).toMatch(/^ИДЕНТИФИКАТОР\s+ИМЯ ССЫЛКИ\s+СТАТУС/);
    // Coded values as the console names them; an English table keeps the codes scripts pass back.
    expect(notices).toContain('Опубликовано');
    const exercises = (await run(['exercise', 'list'])).stdout;
    expect(exercises).toContain('Полномасштабное');
    expect((await run(['exercise', 'list'], { ...base, DABYL_LANG: 'en' })).stdout).toMatch(
      / {2}full-scale {2}/,
    );
    const users = (await run(['user', 'list'], kk)).stdout;
    expect(users).toContain('Жаттығушы');
    const orgs = (await run(['org', 'list'])).stdout;
    expect(orgs).toContain('Полиция');
  });

  it('exercise and its documents, reports, lists and notices refuse in Russian', async () => {
    expect((await run(['exercise', 'list'])).stdout).toMatch(/^ИДЕНТИФИКАТОР\s+НАЗВАНИЕ\s+ВИД\s+СТАТУС/);
    const doc = await run(['exercise', 'doc', 'x', '--kind', 'poster']);
    expect(doc.stderr).toContain('--kind: допустимые значения — explan');
    const report = await run(['report', 'export', 'x', '--format', 'odt']);
    expect(report.stderr).toContain('--format: допустимые значения — docx');
    const msel = await run(['msel', 'export', '--exercise', 'x', '--format', 'ods']);
    expect(msel.stderr).toContain('--format: должно быть `xlsx` или `csv`');
    const notice = await run(['notice', 'cap', 'x', '--revision', '0']);
    expect(notice.stderr).toContain('--revision: нужно целое число от 1, а не «0»');
    const portal = await run(['portal', 'export', path.join(dir, 'site'), '--base-url', 'ftp://x']);
    expect(portal.stderr).toContain('--base-url: нужен адрес http:// или https://');
  });

  it('feeds, sirens, webhooks and serve', async () => {
    expect((await run(['feed', 'add', 'https://alerts.example.kz/cap.xml', '--name', 'Лента'])).code).toBe(0);
    expect((await run(['feed', 'list'])).stdout).toContain('каждые 60 с  последний опрос: ещё не было');
    const lon = await run([
      'siren',
      'add',
      ...['--name-kk', 'А', '--name-ru', 'А', '--name-en', 'A', '--lat', '43', '--prefix', 'kz/a'],
      ...['--lon', 'east'],
    ]);
    expect(lon.stderr).toContain('lon: «east» — не число');
    const secret = await run(['webhook', 'secret', 'https://hooks.example.kz/']);
    expect(secret.code).toBe(3);
    expect(secret.stderr).toContain('DABYL_WEBHOOK_SIGNING_KEY не задан');
    const keyed = { DABYL_WEBHOOK_SIGNING_KEY: 'a-signing-key-of-at-least-32-characters' };
    const internal = await run(['webhook', 'secret', 'https://10.0.0.5/in'], { ...ru, ...keyed });
    expect(internal.code).toBe(2);
    expect(internal.stderr).toBe(
      'dabyl: url: не должен указывать на частный, локальный или зарезервированный адрес (10.0.0.5)\n',
    );
    const plain = await run(['webhook', 'secret', 'http://hooks.example.kz/'], { ...kk, ...keyed });
    expect(plain.stderr).toBe('dabyl: url: https мекенжайы болуы керек\n');
    const serve = await run(['serve', '--role', 'everything']);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('--role: должно быть `all`, `api` или `worker`, а не «everything»');
  });
});
