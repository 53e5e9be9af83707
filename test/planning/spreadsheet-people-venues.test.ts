/**
 * Participants and venues spreadsheets over the API, on both engines: XLSX and CSV with Russian and
 * Kazakh headers, dry runs that write nothing, all-or-nothing on a bad row, export → import round
 * trips that keep every field, formula injection neutralised on export, and players refused.
 */
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { Runtime } from '../../src/runtime.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { createUser } from '../../src/services/users.service.js';
import { planRepository } from '../../src/store/plan.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PASSWORD = 'spreadsheet passphrase';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook like a planner's: a title row above the header, then the table. */
async function xlsxOf(sheet: string, title: string, rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.mergeCells('A1:E1');
  ws.getCell('A1').value = title;
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Cell text of the first sheet, row by row, with the cell types. */
async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: { values: string[]; types: number[] }[] = [];
  ws.eachRow((row) => {
    const values: string[] = [];
    const types: number[] = [];
    row.eachCell({ includeEmpty: true }, (c) => {
      values.push(c.value === null ? '' : String(c.value));
      types.push(c.type);
    });
    rows.push({ values, types });
  });
  return rows;
}

describe.each(ENGINES)('participants and venues spreadsheets over the API on %s', (engine) => {
  let app: FastifyInstance;
  let rt: Runtime & { drop(): Promise<void> };
  let exerciseId = '';
  let otherId = '';
  const headers = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    rt = await openTestRuntime(engine);
    for (const role of ['planner', 'controller', 'player'] as const)
      await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username: role,
        displayName: role,
        password: PASSWORD,
        grants: [{ role }],
      });
    await createOrganisation(rt.ctx, SYSTEM_ACTOR, {
      name: 'Департамент полиции Карагандинской области',
      shortName: 'ДП КО',
      kind: 'police',
    });
    await createOrganisation(rt.ctx, SYSTEM_ACTOR, { name: 'ҚР ТЖМ', kind: 'emergency-situations' });
    const exercise = (name: string) =>
      createExercise(rt.ctx, SYSTEM_ACTOR, {
        name,
        type: 'full-scale',
        timeZone: 'Asia/Almaty',
        startex: '2026-10-25T09:00:00+05:00',
        endex: '2026-10-25T17:00:00+05:00',
      });
    exerciseId = (await exercise('Караганда-2026')).id;
    otherId = (await exercise('Round trip')).id;
    ({ app } = await buildApp(rt.ctx, { logger: false }));
    for (const name of ['planner', 'controller', 'player']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: name, password: PASSWORD },
      });
      const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
      headers.set(name, {
        cookie: `${c.name}=${c.value}`,
        'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await rt?.drop();
  });

  const upload = (
    list: 'participants' | 'venues',
    query: string,
    body: Buffer,
    { as = 'planner', type = XLSX, exercise = exerciseId } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/exercises/${exercise}/${list}/import${query}`,
      headers: { ...headers.get(as)!, 'content-type': type },
      payload: body,
    });
  const download = (
    list: 'participants' | 'venues',
    format: 'csv' | 'xlsx',
    as = 'controller',
    exercise = exerciseId,
    lang: 'kk' | 'ru' | 'en' = 'en',
  ) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${exercise}/${list}/export?format=${format}&lang=${lang}`,
      headers: headers.get(as)!,
    });
  const people = (id = exerciseId) => planRepository.people(rt.ctx.db.kysely, id);
  const venues = (id = exerciseId) => planRepository.venues(rt.ctx.db.kysely, id);

  describe('participants', () => {
    it('previews a Russian XLSX on a dry run without writing, then imports it with its new team', async () => {
      const file = await xlsxOf('Состав', 'СПИСОК участников учения «Караганда-2026»', [
        ['ФИО', 'Роль в учении', 'Команда', 'Организация', 'Телефон'],
        ['Ахметов Серик Болатович', 'Руководитель учения', null, 'ДП КО', '+7 701 555 01 01'],
        ['Иванова Анна Петровна', 'Посредник', null, 'Департамент полиции Карагандинской области', null],
        ['Нурланов Ерлан', 'Обучаемый', 'СОБР', 'ДП КО', '=HYPERLINK("http://evil.example","x")'],
      ]);
      const dry = await upload('participants', '?dryRun=true&createTeams=true', file);
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json()).toMatchObject({
        ok: true,
        dryRun: true,
        imported: 0,
        rowsRead: 3,
        teamsCreated: ['СОБР'],
      });
      expect(dry.json().preview).toContainEqual(
        expect.objectContaining({ name: 'Нурланов Ерлан', role: 'player' }),
      );
      expect(await people()).toHaveLength(0);
      expect(await planRepository.teams(rt.ctx.db.kysely, exerciseId)).toHaveLength(0);

      const done = await upload('participants', '?createTeams=true', file);
      expect(done.json()).toMatchObject({ ok: true, imported: 3, teamsCreated: ['СОБР'] });
      const rows = await people();
      expect(rows.map((p) => [p.name, p.role]).sort()).toEqual([
        ['Ахметов Серик Болатович', 'director'],
        ['Иванова Анна Петровна', 'controller'],
        ['Нурланов Ерлан', 'player'],
      ]);
    });

    it('imports a CSV with Kazakh headers into the existing team', async () => {
      const csv =
        'Аты-жөні;Жаттығудағы рөлі;Топ;Ұйым;Байланыс\n' +
        'Сәрсенбаев Дәулет;Бағалаушы;;ҚР ТЖМ;daulet@example.kz\n' +
        'Қасымова Әйгерім;Ойыншы;СОБР;ҚР ТЖМ;\n';
      const res = await upload('participants', '', Buffer.from(csv), { type: 'text/csv' });
      expect(res.json()).toMatchObject({ ok: true, imported: 2, teamsCreated: [] });
      expect(await people()).toHaveLength(5);
    });

    it('writes nothing when one row names an unknown role, and says which row', async () => {
      const csv =
        'ФИО,Роль,Команда\n' +
        'Первый Посредник,Посредник,\n' +
        'Генерал Неизвестный,Генерал,\n' +
        'Второй Посредник,посредник,\n';
      const res = await upload('participants', '', Buffer.from(csv), { type: 'text/csv' });
      expect(res.json()).toMatchObject({ ok: false, imported: 0, errors: 1 });
      expect(res.json().issues).toContainEqual(
        expect.objectContaining({
          row: 3,
          field: 'role',
          severity: 'error',
          message: expect.stringMatching(/Генерал/),
        }),
      );
      expect(await people()).toHaveLength(5);
    });

    it('tells a Kazakh and a Russian planner what is wrong in their own words, and reads the console’s role names', async () => {
      const languagesId = (
        await createExercise(rt.ctx, SYSTEM_ACTOR, {
          name: 'Тілдер',
          type: 'drill',
          timeZone: 'Asia/Almaty',
          startex: '2026-10-25T09:00:00+05:00',
          endex: '2026-10-25T17:00:00+05:00',
        })
      ).id;
      // "Бақылаушы" is the console's Kazakh for a controller, "Байқаушы" for an observer.
      const csv =
        'Аты-жөні;Жаттығудағы рөлі;Топ;Ұйым\n' +
        'Бекұлы Арман;Бақылаушы;;\n' +
        'Омарова Жанар;Байқаушы;;\n' +
        'Белгісіз Адам;Капитан;;Жоқ ұйым\n' +
        'Жаңа Ойыншы;Жаттығушы;;\n';
      const said = async (lang: 'kk' | 'ru') => {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/exercises/${languagesId}/participants/import?dryRun=true`,
          headers: { ...headers.get('planner')!, 'content-type': 'text/csv', 'accept-language': lang },
          payload: Buffer.from(csv),
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as { ok: boolean; issues: { row: number; field: string; message: string }[] };
      };
      const kk = await said('kk');
      expect(kk.ok).toBe(false);
      expect(kk.issues.map((i) => [i.row, i.field])).toEqual([
        [4, 'role'],
        [4, 'organisation'],
        [5, 'team'],
      ]);
      expect(kk.issues[0]!.message).toMatch(
        /^«Капитан» — оқу-жаттығудағы рөл емес; мыналардың бірін жазыңыз: Оқу-жаттығу басшысы, Бақылаушы, /,
      );
      expect(kk.issues[1]!.message).toBe('«Жоқ ұйым» ұйымы жүйеде тіркелмеген');
      const ru = await said('ru');
      expect(ru.issues[0]!.message).toMatch(
        /^«Капитан» — не роль в учениях; используйте: Руководитель учений, Контролёр, /,
      );
      expect(ru.issues[2]!.message).toBe('обучаемый должен входить в команду');
      // No English word and no role code reaches either reader.
      for (const { message } of [...kk.issues, ...ru.issues]) expect(message).not.toMatch(/[A-Za-z]{2,}/);
      const en = await said('en' as 'kk');
      expect(en.issues[0]!.message).toMatch(/^"Капитан" is not an exercise role; use director, controller, /);

      const fixed = csv.replace('Капитан;;Жоқ ұйым', 'Статист;;').replace('Жаттығушы;;', 'Жаттығушы;СОБР;');
      const done = await upload('participants', '?createTeams=true', Buffer.from(fixed), {
        type: 'text/csv',
        exercise: languagesId,
      });
      expect(done.json()).toMatchObject({ ok: true, imported: 4 });
      expect(Object.fromEntries((await people(languagesId)).map((p) => [p.name, p.role]))).toMatchObject({
        'Бекұлы Арман': 'controller',
        'Омарова Жанар': 'observer',
        'Белгісіз Адам': 'actor',
        'Жаңа Ойыншы': 'player',
      });
      // A Russian export names the roles as the console does, and imports back unchanged.
      const export_ = await download('participants', 'csv', 'controller', languagesId, 'ru');
      expect(export_.body).toContain('Бекұлы Арман,Контролёр,');
      expect(export_.body).toContain('Омарова Жанар,Наблюдатель,');
      const again = await upload('participants', '?dryRun=true&replace=true', Buffer.from(export_.body), {
        type: 'text/csv',
        exercise: languagesId,
      });
      expect(again.json()).toMatchObject({ ok: true, errors: 0 });
    });

    it('round-trips every field through CSV and XLSX, with formulas neutralised on export', async () => {
      const csv = await download('participants', 'csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.startsWith('\uFEFFName,Exercise role,Team,Organisation,Contact')).toBe(true);
      // The phone's "+" and the formula's "=" would run in a spreadsheet: both are prefixed.
      expect(csv.body).toContain(`'+7 701 555 01 01`);
      expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
      const xlsx = await download('participants', 'xlsx');
      const sheet = await readXlsx(xlsx.rawPayload);
      expect(sheet).toHaveLength(6);
      // Every cell is text: nothing in the workbook is a formula.
      expect(sheet.flatMap((r) => r.types)).not.toContain(ExcelJS.ValueType.Formula);
      expect(xlsx.rawPayload.includes(Buffer.from('<f>'))).toBe(false);

      const fields = (rows: Awaited<ReturnType<typeof people>>) =>
        rows.map((p) => [p.name, p.role, p.organisation_id, p.contact]).sort();
      const before = await people();
      for (const [format, body, type] of [
        ['csv', Buffer.from(csv.body, 'utf8'), 'text/csv'],
        ['xlsx', xlsx.rawPayload, XLSX],
      ] as const) {
        const res = await upload('participants', '?replace=true&createTeams=true', body, {
          type,
          exercise: otherId,
        });
        expect(res.json(), format).toMatchObject({ ok: true, imported: 5 });
        expect(fields(await people(otherId)), format).toEqual(fields(before));
        const again = await download('participants', 'csv', 'controller', otherId);
        expect(again.body, format).toBe(csv.body);
      }
      for (const [lang, head] of [
        ['kk', 'Аты-жөні,Жаттығудағы рөлі,Топ,Ұйым,Байланыс'],
        ['ru', 'ФИО,Роль в учении,Команда,Организация,Контакт'],
      ] as const) {
        const text = await download('participants', 'csv', 'controller', exerciseId, lang);
        expect(text.body.startsWith(`\uFEFF${head}`), lang).toBe(true);
        const file = await download('participants', 'xlsx', 'controller', exerciseId, lang);
        const res = await upload('participants', '?replace=true&createTeams=true', file.rawPayload, {
          type: XLSX,
          exercise: otherId,
        });
        expect(res.json(), lang).toMatchObject({ ok: true, imported: 5 });
        expect(fields(await people(otherId)), lang).toEqual(fields(before));
      }
    });

    it('keeps the ids and user accounts of people a replacing sheet names again', async () => {
      const db = rt.ctx.db.kysely;
      const planner = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'planner')
        .executeTakeFirstOrThrow();
      const [first] = await people();
      await db
        .updateTable('exercise_people')
        .set({ user_id: planner.id })
        .where('id', '=', first!.id)
        .execute();
      const before = await people();
      const csv = await download('participants', 'csv');
      const res = await upload('participants', '?replace=true', Buffer.from(csv.body, 'utf8'), {
        type: 'text/csv',
      });
      expect(res.json()).toMatchObject({ ok: true, imported: 5 });
      expect(await people()).toEqual(before);
      const fewer = csv.body
        .split('\r\n')
        .filter((l) => !l.startsWith(first!.name))
        .join('\r\n');
      expect(
        (await upload('participants', '?replace=true', Buffer.from(fewer), { type: 'text/csv' })).json(),
      ).toMatchObject({
        ok: true,
        imported: 4,
      });
      expect(await people()).toEqual(before.filter((p) => p.id !== first!.id));
    });

    it('refuses players both ways', async () => {
      const file = Buffer.from('ФИО,Роль\nКто-то,Наблюдатель\n');
      expect(
        (await upload('participants', '?dryRun=true', file, { as: 'player', type: 'text/csv' })).statusCode,
      ).toBe(403);
      expect((await download('participants', 'csv', 'player')).statusCode).toBe(403);
      expect((await download('participants', 'xlsx', 'player')).statusCode).toBe(403);
    });
  });

  describe('venues', () => {
    it('previews a Kazakh XLSX on a dry run without writing, then imports it', async () => {
      const file = await xlsxOf('Нысандар', 'Жаттығу нысандарының тізімі', [
        ['Атауы', 'Түрі', 'Мекенжай', 'Ендік', 'Бойлық'],
        ['№1 мектеп-лицей', 'Мектеп', 'Қарағанды, Бұқар жырау даңғылы, 47', 49.806, 73.085],
        ['Сары-Арқа әуежайы', 'Әуежай', 'Қарағанды, Әуежай', 49.6708, 73.3344],
      ]);
      const dry = await upload('venues', '?dryRun=true', file);
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json()).toMatchObject({ ok: true, dryRun: true, imported: 0, rowsRead: 2 });
      expect(dry.json().preview).toContainEqual({
        name: '№1 мектеп-лицей',
        kind: 'school',
        address: 'Қарағанды, Бұқар жырау даңғылы, 47',
        lat: 49.806,
        lon: 73.085,
      });
      expect(await venues()).toHaveLength(0);
      const done = await upload('venues', '', file);
      expect(done.json()).toMatchObject({ ok: true, imported: 2 });
      expect((await venues()).map((v) => v.kind).sort()).toEqual(['airport', 'school']);
    });

    it('imports a CSV with Russian headers and decimal commas', async () => {
      const csv =
        'Наименование;Вид объекта;Адрес;Широта;Долгота\n' +
        'Исправительная колония ЕЦ-166/17;Исправительная колония;Караганда, ул. Тюленина;49,7745;73,1401\n' +
        '=1+1 Дворец культуры горняков;Дворец культуры;@SUM(A1);49,8047;73,1094\n';
      const res = await upload('venues', '', Buffer.from(csv), { type: 'text/csv' });
      expect(res.json()).toMatchObject({ ok: true, imported: 2 });
      expect(await venues()).toContainEqual(
        expect.objectContaining({
          kind: 'prison',
          lat: 49.7745,
          lon: 73.1401,
          address: 'Караганда, ул. Тюленина',
        }),
      );
    });

    it.each([
      ['a latitude beyond ±90', '95.1;73.1', 'lat', /beyond ±90/],
      ['swapped axes that put Karaganda in the Arctic', '73.1;49.8', 'lat', /look swapped/],
      ['an unknown kind', '49.8;73.1', 'kind', /not a venue kind/],
    ])('writes nothing when one row has %s', async (_what, point, field, message) => {
      const kind = field === 'kind' ? 'Космодром' : 'Школа';
      const csv =
        'Название;Тип;Широта;Долгота\n' +
        'Хорошая школа;Школа;49.81;73.09\n' +
        `Плохая точка;${kind};${point}\n` +
        'Ещё школа;Школа;49.82;73.10\n';
      const res = await upload('venues', '', Buffer.from(csv), { type: 'text/csv' });
      expect(res.json()).toMatchObject({ ok: false, imported: 0, errors: 1 });
      expect(res.json().issues).toContainEqual(
        expect.objectContaining({
          row: 3,
          field,
          severity: 'error',
          message: expect.stringMatching(message),
        }),
      );
      expect(await venues()).toHaveLength(4);
    });

    it('round-trips every field through CSV and XLSX, with formulas neutralised on export', async () => {
      const csv = await download('venues', 'csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.body.startsWith('\uFEFFName,Kind,Address,Latitude,Longitude')).toBe(true);
      expect(csv.body).toContain(`'=1+1 Дворец культуры горняков`);
      expect(csv.body).toContain(`'@SUM(A1)`);
      const xlsx = await download('venues', 'xlsx');
      const sheet = await readXlsx(xlsx.rawPayload);
      expect(sheet.flatMap((r) => r.types)).not.toContain(ExcelJS.ValueType.Formula);
      expect(sheet.map((r) => r.values[0])).toContain('=1+1 Дворец культуры горняков');

      const fields = (rows: Awaited<ReturnType<typeof venues>>) =>
        rows.map((v) => [v.name, v.kind, v.address, v.lat, v.lon]).sort();
      const before = await venues();
      expect(before).toHaveLength(4);
      for (const [format, body, type] of [
        ['csv', Buffer.from(csv.body, 'utf8'), 'text/csv'],
        ['xlsx', xlsx.rawPayload, XLSX],
      ] as const) {
        const res = await upload('venues', '?replace=true', body, { type, exercise: otherId });
        expect(res.json(), format).toMatchObject({ ok: true, imported: 4 });
        expect(fields(await venues(otherId)), format).toEqual(fields(before));
        const again = await download('venues', 'csv', 'controller', otherId);
        expect(again.body, format).toBe(csv.body);
      }
      for (const [lang, head] of [
        ['kk', 'Атауы,Түрі,Мекенжайы,Ендік,Бойлық'],
        ['ru', 'Наименование,Вид объекта,Адрес,Широта,Долгота'],
      ] as const) {
        const text = await download('venues', 'csv', 'controller', exerciseId, lang);
        expect(text.body.startsWith(`\uFEFF${head}`), lang).toBe(true);
        const file = await download('venues', 'xlsx', 'controller', exerciseId, lang);
        const res = await upload('venues', '?replace=true', file.rawPayload, {
          type: XLSX,
          exercise: otherId,
        });
        expect(res.json(), lang).toMatchObject({ ok: true, imported: 4 });
        expect(fields(await venues(otherId)), lang).toEqual(fields(before));
      }
    });

    it('updates venues a replacing sheet names again in place, keeping their ids and footprints', async () => {
      const db = rt.ctx.db.kysely;
      const footprint = JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [73.08, 49.8],
            [73.09, 49.8],
            [73.09, 49.81],
            [73.08, 49.8],
          ],
        ],
      });
      const [first] = await venues();
      await db.updateTable('venues').set({ footprint }).where('id', '=', first!.id).execute();
      const ids = (await venues()).map((v) => v.id).sort();
      const csv = await download('venues', 'csv');
      const moved = csv.body.replace('49.8047', '49.8048');
      const res = await upload('venues', '?replace=true', Buffer.from(moved, 'utf8'), { type: 'text/csv' });
      expect(res.json()).toMatchObject({ ok: true, imported: 4 });
      const after = await venues();
      expect(after.map((v) => v.id).sort()).toEqual(ids);
      expect(after.find((v) => v.id === first!.id)).toMatchObject({ footprint, name: first!.name });
      expect(after.map((v) => v.lat)).toContain(49.8048);
    });

    it('refuses players both ways', async () => {
      const file = Buffer.from('Название;Широта;Долгота\nШкола;49.8;73.1\n');
      expect(
        (await upload('venues', '?dryRun=true', file, { as: 'player', type: 'text/csv' })).statusCode,
      ).toBe(403);
      expect((await download('venues', 'csv', 'player')).statusCode).toBe(403);
      expect((await download('venues', 'xlsx', 'player')).statusCode).toBe(403);
    });
  });
});
