import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { messyMselXlsx } from '../support/spreadsheets.js';

const PASSWORD = 'spreadsheet passphrase';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(ENGINES)('spreadsheet import and export over the API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let exerciseId = '';
  const headers = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    for (const role of ['planner', 'controller', 'player'] as const)
      await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username: role,
        displayName: role,
        password: PASSWORD,
        grants: [{ role }],
      });
    exerciseId = (
      await createExercise(rt.ctx, SYSTEM_ACTOR, {
        name: 'Karaganda',
        type: 'full-scale',
        timeZone: 'Asia/Almaty',
        startex: '2026-10-25T09:00:00+05:00',
        endex: '2026-10-25T17:00:00+05:00',
      })
    ).id;
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
    await drop?.();
  });

  const upload = (as: string, query: string, body: Buffer, type = XLSX) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/exercises/${exerciseId}/msel/import${query}`,
      headers: { ...headers.get(as)!, 'content-type': type },
      payload: body,
    });

  it('previews a raw XLSX body on a dry run, then imports it with the teams it names', async () => {
    const file = await messyMselXlsx();
    const dry = await upload('planner', '?dryRun=true', file);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: false, imported: 0, dryRun: true });
    expect(dry.json().issues).toContainEqual(
      expect.objectContaining({ row: 6, field: 'to', message: expect.stringMatching(/Дежурная часть/) }),
    );
    const done = await upload('planner', '?createTeams=true', file);
    expect(done.json()).toMatchObject({ ok: true, imported: 5, teamsCreated: ['Дежурная часть', 'СОБР'] });
  });

  it('takes the JSON variant with the file in base64 and a mapping', async () => {
    const csv = 'Ref;At;Text\n10;H+03:00;Press conference\n';
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/exercises/${exerciseId}/msel/import`,
      headers: headers.get('planner')!,
      payload: {
        fileBase64: Buffer.from(csv).toString('base64'),
        mapping: { Ref: 'number', At: 'offset', Text: 'content' },
        dryRun: true,
      },
    });
    expect(res.json()).toMatchObject({ ok: true, preview: [{ number: '10', offset: 'H+03:00' }] });
  });

  it('answers 413 problem+json to an upload over 20 MB, and 403 to players', async () => {
    const big = await upload('planner', '', Buffer.alloc(21 * 1024 * 1024, 0x41), 'text/csv');
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/application\/problem\+json/);
    const player = await upload('player', '?dryRun=true', await messyMselXlsx());
    expect(player.statusCode).toBe(403);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${exerciseId}/msel/export?format=csv`,
      headers: headers.get('player')!,
    });
    expect(read.statusCode).toBe(403);
  });

  it('exports for controllers as CSV and XLSX', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${exerciseId}/msel/export?format=csv`,
      headers: headers.get('controller')!,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(6);
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${exerciseId}/msel/export`,
      headers: headers.get('controller')!,
    });
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it("exports in the reader's console language unless the request names one; any re-imports unchanged", async () => {
    const get = (query: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/exercises/${exerciseId}/msel/export${query}`,
        headers: headers.get('planner')!,
      });
    // Users start with Kazakh as their console language.
    const byDefault = await get('?format=csv');
    expect(byDefault.headers['content-language']).toBe('kk');
    // A home zone by its city in the sheet's language, as the documents name it.
    expect(byDefault.body).toMatch(/^\uFEFFНөмірі,Түрі,Уақыт С\+,Жергілікті уақыт \(Алматы\)/);
    for (const [lang, head, offset] of [
      ['ru', 'Номер,Тип события,Время Ч+', ',Ч+'],
      ['kk', 'Нөмірі,Түрі,Уақыт С+', ',С+'],
      ['en', 'Number,Kind,Offset (H+)', ',H+'],
    ] as const) {
      const res = await get(`?format=csv&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-language']).toBe(lang);
      expect(res.body.replace(/^\uFEFF/, '').startsWith(head)).toBe(true);
      expect(res.body).toContain(offset);
      const xlsx = await get(`?lang=${lang}`);
      for (const file of [Buffer.from(res.body), xlsx.rawPayload]) {
        const dry = await upload(
          'planner',
          '?dryRun=true',
          file,
          file === xlsx.rawPayload ? XLSX : 'text/csv',
        );
        expect(dry.statusCode, dry.body).toBe(200);
        expect(dry.json()).toMatchObject({
          ok: true,
          imported: 0,
          changes: { changed: [], added: [], missing: [], approvalsReset: 0 },
        });
        expect(dry.json().changes.unchanged).toHaveLength(5);
      }
    }
    const bad = await get('?format=csv&lang=de');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.json()).toMatchObject({ field: 'lang', detail: 'lang: must be one of kk, ru, en' });
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string; schema: unknown }[] } }>;
    };
    for (const list of ['msel', 'participants', 'venues']) {
      const param = doc.paths[`/api/v1/exercises/{id}/${list}/export`]?.get?.parameters?.find(
        (p) => p.name === 'lang',
      );
      expect(param, list).toMatchObject({ in: 'query' });
      expect(JSON.stringify(param)).toMatch(/"kk".*"ru".*"en"/);
    }
  });

  it('re-imports the exported MSEL by number: the dry run lists what changes, removeMissing removes', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${exerciseId}/msel/export?format=csv&lang=en`,
      headers: headers.get('planner')!,
    });
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    // Keep events 1–4, drop 5, and move event 2 by changing its offset.
    const edited = [
      lines[0]!,
      lines[1]!,
      lines[2]!.replace(',H+00:40,', ',H+00:45,'),
      lines[3]!,
      lines[4]!,
    ].join('\r\n');
    const dry = await upload('planner', '?dryRun=true', Buffer.from(edited), 'text/csv');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      ok: true,
      imported: 0,
      changes: {
        changed: [{ number: '2', fields: ['offsetMinutes'], approvalBefore: 'draft' }],
        added: [],
        missing: [{ number: '5' }],
        removed: false,
        listApproval: 'draft',
      },
    });
    expect(dry.json().changes.unchanged).toHaveLength(3);
    const done = await upload('planner', '?removeMissing=true', Buffer.from(edited), 'text/csv');
    expect(done.json()).toMatchObject({
      ok: true,
      imported: 1,
      changes: { removed: true, missing: [{ number: '5' }] },
    });
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/exercises/${exerciseId}/msel`,
      headers: headers.get('planner')!,
    });
    expect((after.json() as { events: { number: string }[] }).events.map((e) => e.number)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
  });
});
