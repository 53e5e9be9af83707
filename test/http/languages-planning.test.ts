/**
 * A planner's, a notice writer's and a resident's mistakes worded in the language asked, naming the
 * field: the service names the problem by its catalogue key, and English keeps its sentence. Where a
 * checker words a drawn shape precisely in English, Kazakh and Russian get the problem's gist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { openNoticesHarness, seedExercise, type NoticesHarness } from '../notices/harness.js';

interface Problem {
  code: string;
  detail: string;
  field?: string;
}

describe.each(ENGINES)('field problems of planning and notices in the reader’s language on %s', (engine) => {
  let h: NoticesHarness;
  let exerciseId: string;

  beforeAll(async () => {
    h = await openNoticesHarness(engine, '2026-10-10T06:00:00Z');
    ({ exerciseId } = await seedExercise(h));
  });
  afterAll(async () => h?.close());

  const ask = async (
    who: 'planner' | 'pioA',
    lang: string | null,
    method: 'POST' | 'PATCH',
    url: string,
    body: unknown,
  ) => (await h.call(who, method, url, body, lang ? { 'accept-language': lang } : {})).json() as Problem;

  it('refuses a time zone that is none, in each language', async () => {
    const body = {
      name: 'Drill on Mars',
      type: 'drill',
      timeZone: 'Mars/Olympus',
      startex: '2026-10-21T09:00:00+05:00',
      endex: '2026-10-21T17:00:00+05:00',
    };
    expect(await ask('planner', null, 'POST', '/api/v1/exercises', body)).toMatchObject({
      code: 'invalid_input',
      field: 'timeZone',
      detail: 'timeZone: "Mars/Olympus" is not an IANA time zone such as Asia/Almaty',
    });
    expect((await ask('planner', 'ru', 'POST', '/api/v1/exercises', body)).detail).toBe(
      'timeZone: «Mars/Olympus» — не часовой пояс (например, Asia/Almaty)',
    );
    expect((await ask('planner', 'kk', 'POST', '/api/v1/exercises', body)).detail).toBe(
      'timeZone: «Mars/Olympus» — уақыт белдеуі емес (мысалы, Asia/Almaty)',
    );
  });

  it('names a team that exists, and keeps a drawn shape’s precise English', async () => {
    const e = `/api/v1/exercises/${exerciseId}`;
    await h.ok('planner', 'POST', `${e}/teams`, { name: 'Police' });
    expect((await ask('planner', 'kk', 'POST', `${e}/teams`, { name: 'Police' })).detail).toBe(
      'name: бұл оқу-жаттығуда «Police» деген топ бар',
    );
    const zone = {
      name: 'Cordon',
      kind: 'cordon',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [73.05, 49.85],
            [73.06, 49.85],
            [73.05, 49.85],
          ],
        ],
      },
    };
    const en = await ask('planner', null, 'POST', `${e}/zones`, zone);
    expect(en.field).toBe('geometry');
    expect(en.detail).toMatch(/^geometry: geometry: /);
    expect((await ask('planner', 'ru', 'POST', `${e}/zones`, zone)).detail).toBe(
      'geometry: не является правильной фигурой на карте',
    );
  });

  it('says what is wrong with a drawn line or point in the reader’s language, where it is', async () => {
    const e = `/api/v1/exercises/${exerciseId}`;
    const closure = {
      name: 'Closed road',
      kind: 'road-closure',
      geometry: {
        type: 'LineString',
        coordinates: [
          [73.05, 49.85],
          [73.06, 95.5],
        ],
      },
    };
    const en = await ask('planner', null, 'POST', `${e}/zones`, closure);
    expect(en).toMatchObject({ field: 'geometry' });
    expect(en.detail).toBe(
      'geometry: geometry position 1 has latitude 95.5 outside −90…90 (are longitude and latitude swapped?)',
    );
    expect((await ask('planner', 'ru', 'POST', `${e}/zones`, closure)).detail).toBe(
      'geometry: в coordinates[1] широта 95.5 вне диапазона −90…90 (не перепутаны ли долгота и широта?)',
    );
    const kk = await ask('planner', 'kk', 'POST', `${e}/zones`, {
      ...closure,
      geometry: { type: 'Circle', coordinates: [73.05, 49.85] },
    });
    expect(kk.detail).toBe(
      'geometry: GeoJSON LineString, MultiLineString, Polygon түрінде болуы керек, Circle емес',
    );
  });

  it('refuses a zone that is not the exercise’s for a notice in the language asked', async () => {
    const p = await ask('pioA', 'ru', 'POST', '/api/v1/notices', {
      exerciseId,
      zoneIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(p).toMatchObject({ field: 'zoneIds[0]', detail: 'zoneIds[0]: не является зоной этих учений' });
  });
});
