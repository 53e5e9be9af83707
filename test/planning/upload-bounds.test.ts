import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import {
  MAX_PARALLEL_PARSES,
  parseOffThread,
  parsesInFlight,
} from '../../src/services/planning/spreadsheet/parse-off-thread.js';
import { readSpreadsheet } from '../../src/services/planning/spreadsheet/read-file.js';
import { createUser } from '../../src/services/users.service.js';
import { openTestRuntime } from '../support/engines.js';
import { zipBombXlsx } from '../support/zip-bomb.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MB = 1024 * 1024;

describe('a workbook is bounded by what it unpacks to', () => {
  it('refuses shared strings that inflate to hundreds of megabytes from a file of one or two, naming the part', async () => {
    const { file, unpackedBytes } = await zipBombXlsx({ unpackedMb: 400 });
    expect(file.length).toBeGreaterThan(1 * MB);
    expect(file.length).toBeLessThan(2 * MB);
    expect(unpackedBytes).toBeGreaterThan(400 * MB);
    await expect(readSpreadsheet(file, { unpackedBytes: 64 * MB })).rejects.toMatchObject({
      status: 413,
      code: 'upload_unpacks_too_large',
      field: 'file',
      detail: expect.stringMatching(
        /^The part "xl\/sharedStrings\.xml" of the workbook unpacks to more than 64 MB/,
      ),
    });
  });

  it('refuses any other part that inflates too far, whatever the ZIP directory declares', async () => {
    const { file } = await zipBombXlsx({ part: 'xl/worksheets/sheet1.xml', unpackedMb: 40 });
    await expect(readSpreadsheet(file, { unpackedBytes: 16 * MB })).rejects.toMatchObject({
      status: 413,
      detail: expect.stringMatching(/"xl\/worksheets\/sheet1\.xml"/),
    });
  });
});

describe('parsing off the main thread', () => {
  it('parses at most two large files at once; the others wait their turn and finish too', async () => {
    const csv = (n: number) =>
      Buffer.from(
        [
          'Number,Title',
          ...Array.from({ length: 12_000 }, (_, i) => `${i},file ${n} title number ${i}`),
        ].join('\n'),
      );
    let finished = 0;
    const parses = [1, 2, 3, 4].map((n) =>
      parseOffThread('csv', csv(n), 20_000).then((outcome) => {
        finished++;
        return outcome;
      }),
    );
    let most = 0;
    while (finished < parses.length) {
      most = Math.max(most, parsesInFlight());
      await new Promise((r) => setImmediate(r));
    }
    expect(most).toBe(MAX_PARALLEL_PARSES);
    for (const outcome of await Promise.all(parses))
      expect('sheets' in outcome && outcome.sheets[0]!.rows).toHaveLength(12_001);
    expect(parsesInFlight()).toBe(0);
  });
});

describe('spreadsheet uploads over the API', () => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let exerciseId = '';
  let auth: Record<string, string> = {};

  beforeAll(async () => {
    const rt = await openTestRuntime('sqlite');
    drop = rt.drop;
    await createUser(rt.ctx, SYSTEM_ACTOR, null, {
      username: 'planner',
      displayName: 'planner',
      password: 'upload passphrase',
      grants: [{ role: 'planner' }],
    });
    exerciseId = (
      await createExercise(rt.ctx, SYSTEM_ACTOR, {
        name: 'Uploads',
        type: 'full-scale',
        timeZone: 'Asia/Almaty',
        startex: '2026-10-25T09:00:00+05:00',
        endex: '2026-10-31T17:00:00+05:00',
      })
    ).id;
    ({ app } = await buildApp(rt.ctx, { logger: false }));
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'planner', password: 'upload passphrase' },
    });
    const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
    auth = {
      cookie: `${c.name}=${c.value}`,
      'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
    };
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const upload = (body: Buffer) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/exercises/${exerciseId}/msel/import?dryRun=true`,
      headers: { ...auth, 'content-type': XLSX },
      payload: body,
    });

  it('answers a zip bomb with 413 naming the part, under the configured ceiling', async () => {
    const { file } = await zipBombXlsx({ unpackedMb: 400 });
    const res = await upload(file);
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'upload_unpacks_too_large',
      field: 'file',
      detail: expect.stringMatching(
        /"xl\/sharedStrings\.xml".*more than 128 MB.*DABYL_UPLOAD_UNPACKED_LIMIT_BYTES/,
      ),
    });
  });

  it('answers other requests while a large workbook is being parsed', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('MSEL');
    ws.addRow(['Number', 'Offset (H+)', 'Title', 'Content', 'Expected action', 'Controller notes']);
    for (let i = 1; i <= 19_000; i++)
      ws.addRow([
        i,
        `H+${String(Math.floor((i % 9000) / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
        `Inject ${i}: a report from the school`,
        `Content of inject ${i}: the group moved the hostages to the gym; shots heard at ${i % 24}:00`,
        `Report to the HQ, cordon the area ${i}`,
        `Check the radio link ${i}`,
      ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    let imported = false;
    const importing = upload(file).then((res) => {
      imported = true;
      return res;
    });
    while (parsesInFlight() === 0 && !imported) await new Promise((r) => setImmediate(r));
    expect(imported).toBe(false);
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    // The other request was answered while the parse still ran, and before the import was.
    expect(parsesInFlight()).toBe(1);
    expect(imported).toBe(false);
    const res = await importing;
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { rowsRead: number }).rowsRead).toBe(19_000);
  });
});
