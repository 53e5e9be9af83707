/**
 * What the server says, in the language the request asks for: problem details (schema failures,
 * a service's field problems, refusals by code) and audit entries, in Kazakh and Russian, naming the
 * field; English, as before, when no language is asked. The code and the field never change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { openNoticesHarness, RU_TEXT, seedExercise, type NoticesHarness } from '../notices/harness.js';

interface Problem {
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: { field: string; problem: string }[];
}

const EXERCISE = {
  name: 'Pavlodar power plant drill',
  type: 'drill',
  timeZone: 'Asia/Almaty',
  startex: '2026-10-21T09:00:00+05:00',
  endex: '2026-10-21T17:00:00+05:00',
};

/** Latin words left in a Kazakh or Russian sentence once the field paths it names are taken out. */
const latinWords = (text: string, ...paths: string[]) =>
  [...paths.reduce((t, p) => t.split(p).join(' '), text).matchAll(/[A-Za-z]{2,}/g)]
    .map((m) => m[0])
    .filter((w) => !['STARTEX', 'ENDEX', 'MSEL', 'CAP', 'JSON'].includes(w));

describe.each(ENGINES)('messages in the reader’s language on %s', (engine) => {
  let h: NoticesHarness;

  beforeAll(async () => {
    h = await openNoticesHarness(engine, '2026-10-10T06:00:00Z');
  });
  afterAll(async () => h?.close());

  const ask = async (lang: string | null, method: 'POST' | 'PATCH' | 'GET', url: string, body?: unknown) => {
    const res = await h.call('planner', method, url, body, lang ? { 'accept-language': lang } : {});
    return { res, problem: res.json() as Problem };
  };

  it('words a schema failure by its keyword, naming the field, in Kazakh and Russian', async () => {
    const missing = { ...EXERCISE, name: undefined };
    const kk = await ask('kk', 'POST', '/api/v1/exercises', missing);
    expect(kk.res.statusCode).toBe(400);
    expect(kk.res.headers['content-language']).toBe('kk');
    expect(kk.problem).toMatchObject({
      code: 'invalid_input',
      field: 'name',
      title: 'Сұрау қате',
      detail: 'name: міндетті өріс',
    });
    const ru = await ask('ru-RU,ru;q=0.9,en;q=0.5', 'POST', '/api/v1/exercises', missing);
    expect(ru.problem).toMatchObject({
      field: 'name',
      title: 'Неверный запрос',
      detail: 'name: обязательное поле',
    });
    expect(ru.problem.errors).toEqual([{ field: 'name', problem: 'обязательное поле' }]);

    const extra = await ask('ru', 'POST', '/api/v1/exercises', { ...EXERCISE, colour: 'red' });
    expect(extra.problem).toMatchObject({ field: 'colour', detail: 'colour: неизвестное поле' });
    const long = await ask('kk', 'POST', '/api/v1/exercises', { ...EXERCISE, timeZone: 'x'.repeat(65) });
    expect(long.problem).toMatchObject({
      field: 'timeZone',
      detail: 'timeZone: ең көбі 64 таңба болуы керек',
    });
    const choice = await ask('ru', 'POST', '/api/v1/exercises', { ...EXERCISE, type: 'parade' });
    expect(choice.problem.field).toBe('type');
    expect(choice.problem.detail).toMatch(/^type: должно быть одним из: seminar, workshop, .*drill/);
  });

  it('keeps the English it always gave when no language is asked', async () => {
    const none = await ask(null, 'POST', '/api/v1/exercises', { ...EXERCISE, name: undefined });
    expect(none.res.headers['content-language']).toBe('en');
    expect(none.problem).toMatchObject({ title: 'Bad request', detail: 'name: is required', field: 'name' });
    const other = await ask('de-DE', 'POST', '/api/v1/exercises', { ...EXERCISE, endex: EXERCISE.startex });
    expect(other.problem).toMatchObject({ detail: 'endex: must be after STARTEX', field: 'endex' });
  });

  it('words a service’s field problem in the language asked', async () => {
    const backwards = { ...EXERCISE, endex: '2026-10-21T08:00:00+05:00' };
    const ru = await ask('ru', 'POST', '/api/v1/exercises', backwards);
    expect(ru.res.statusCode).toBe(422);
    expect(ru.problem).toMatchObject({
      code: 'invalid_input',
      field: 'endex',
      title: 'Неверные данные',
      detail: 'endex: должно быть позже, чем STARTEX',
    });
    const kk = await ask('kk', 'POST', '/api/v1/exercises', { ...EXERCISE, startex: '2026-10-21 09:00' });
    expect(kk.problem).toMatchObject({
      field: 'startex',
      detail: expect.stringMatching(/^startex: уақыт белдеуі/),
    });
  });

  it('names each area’s missing words in the notice’s language, in Kazakh and Russian', async () => {
    const { exerciseId } = await seedExercise(h);
    const created = await h.ok('pioA', 'POST', '/api/v1/notices', { exerciseId });
    const notice = await h.ok('pioA', 'PATCH', `/api/v1/notices/${created.id}`, {
      version: created.version,
      texts: { ru: RU_TEXT },
    });
    const submit = (lang: string) =>
      h.call(
        'pioA',
        'POST',
        `/api/v1/notices/${notice.id}/submit`,
        { version: notice.version },
        {
          'accept-language': lang,
        },
      );
    const kk = (await submit('kk')).json() as Problem;
    expect(kk).toMatchObject({ code: 'notice_incomplete', field: 'areas[0].texts.ru.name' });
    expect(kk.detail).toBe(
      'areas[0].texts.ru.name: толтырылмаған: бұл орынның жария атауын орыс тілінде беріңіз',
    );
    expect(kk.errors).toContainEqual({
      field: 'areas[1].texts.ru.description',
      problem: 'толтырылмаған: бұл жабылған жолды орыс тілінде сипаттаңыз (көше, қайдан қайдаға дейін)',
    });
    const ru = (await submit('ru')).json() as Problem;
    expect(ru.errors).toContainEqual({
      field: 'areas[1].texts.ru.description',
      problem: 'не заполнено: опишите это перекрытие дороги (улица, откуда и докуда) на русском языке',
    });
    for (const p of [...kk.errors!, ...ru.errors!]) expect(latinWords(p.problem)).toEqual([]);

    // A refusal known by its code alone is worded from the code, never left in English.
    const stale = await h.call(
      'pioA',
      'PATCH',
      `/api/v1/notices/${notice.id}`,
      { version: (notice.version as number) - 1, city: 'Караганда' },
      { 'accept-language': 'kk' },
    );
    const refused = stale.json() as Problem;
    expect(refused).toMatchObject({ code: 'stale_version', field: 'version', title: 'Қайшылық' });
    expect(latinWords(refused.detail)).toEqual([]);

    // The notice's history: each step as a sentence in the language asked, the action beside it.
    const history = await h.call('pioA', 'GET', `/api/v1/notices/${notice.id}/history`, undefined, {
      'accept-language': 'ru',
    });
    const steps = (history.json() as { items: { action: string; sentence: string }[] }).items;
    expect(steps[0]).toMatchObject({ action: 'notice.created', sentence: 'Составил(а) уведомление' });
  });
});
