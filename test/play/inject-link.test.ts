/**
 * Players without an account, on SQLite and PostgreSQL: a fired inject's e-mail (real SMTP) and SMS
 * (a real SMPP server) carry a link that opens that one inject, with no sign-in; through it the
 * player acknowledges once, answers the inject's question and reports, all logged against the
 * inject and counted in the controllers' progress. The link opens nothing else, lapses a day after
 * ENDEX and when its person leaves the team, hides play under NO PLAY, and bad tokens and bad
 * reports are refused by name without losing what was stored. The page's report form takes a
 * photo (multipart); a picture that is not what it says, too large, or a body the form cannot have
 * sent is refused on the page, in its language, storing nothing. It takes a place too, typed with a
 * decimal comma or pasted whole, shown on the control room's map; a malformed, out-of-range or half
 * place is refused by its box.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { buildApp } from '../../src/http/app.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import { setBranching } from '../../src/services/planning/branching.service.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { editInject, injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import type { AppContext } from '../../src/services/context.js';
import { injectProgress } from '../../src/services/play/play.service.js';
import { reportByLink } from '../../src/services/play/inject-link.service.js';
import { controlPlaces } from '../../src/services/conduct/places.service.js';
import { teamStatus } from '../../src/services/conduct/team-status.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmsc, type TestSmsc } from '../support/smsc.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { encodePng } from '../support/png.js';
import { MAX_PHOTO_BYTES } from '../../src/core/play/photo.js';
import { formatBytes } from '../../src/http/body-limit.js';
import { REPORT_FORM_LIMIT_BYTES } from '../../src/http/portal/inject-link.report.js';

const controller: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const planner: Actor = {
  userId: 'u-p',
  grants: [{ role: 'planner', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };
const LINK = /https?:\/\/[^\s"<>]+\/i\/([A-Za-z0-9_-]{22})/;
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)> cordon set';

describe.each(ENGINES)('inject links for players without an account on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let smsc: TestSmsc;
  let drop: () => Promise<void>;
  let base: string;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let fx: ConductFixture;
  let runs: Record<string, string>;
  let now = Date.parse(PLANNED_START);

  const deliver = async () => {
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
  };
  const fire = (number: string) =>
    injectAction(ctx, who, controller, fx.exerciseId, runs[number]!, 'fire', 'on cue');
  const page = (path: string, init?: RequestInit) => fetch(`${base}${path}`, { redirect: 'manual', ...init });
  const post = (path: string, form: Record<string, string>) =>
    page(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  /** The page's report form as a browser sends it: multipart, the photo a file part. */
  const postForm = (path: string, fields: Record<string, string>, photos: Blob[] = [], names?: string[]) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    photos.forEach((p, i) => form.append('photo', p, names?.[i] ?? 'scene.png'));
    return page(path, { method: 'POST', body: form });
  };
  const blob = (bytes: Uint8Array | string, type?: string) =>
    new Blob([typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)], type ? { type } : {});
  /** A hand-made body, for what no browser sends. */
  const postRaw = (path: string, contentType: string, body: string | Buffer) =>
    page(path, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : Uint8Array.from(body),
    });
  const reportsOn = async (number: string) =>
    ctx.db.kysely
      .selectFrom('player_reports')
      .select(['text', 'photo_type', 'photo'])
      .where('inject_run_id', '=', runs[number]!)
      .orderBy('created_at')
      .execute();
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/api/v1/inject-links/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a loose read; the server checks its schemas
    return { status: res.status, text, json: () => JSON.parse(text) as Record<string, any> };
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    smsc = await startTestSmsc();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    const config = {
      ...rt.ctx.config,
      smtpUrl: smtp.url,
      smpp: { ...rt.ctx.config.smpp, url: smsc.url, ratePerSecond: 1000, timeoutMs: 2000 },
    };
    ctx = contextFor(rt.ctx.db, config, { now: () => new Date(now) });
    fx = await buildConductExercise(ctx);
    // Patrol officer A also has a phone in the exercise's phone book.
    const a = await ctx.db.kysely
      .selectFrom('exercise_people')
      .select('id')
      .where('exercise_id', '=', fx.exerciseId)
      .where('name', '=', 'Patrol officer A')
      .executeTakeFirstOrThrow();
    await ctx.db.kysely
      .insertInto('exercise_contacts')
      .values({
        id: randomUUID(),
        exercise_id: fx.exerciseId,
        person_id: a.id,
        name: 'Patrol officer A',
        channel: 'sms',
        address: '+77011234567',
        language: 'ru',
        verified_at: PLANNED_START,
        created_at: PLANNED_START,
      })
      .execute();
    await setBranching(ctx, { userId: 'u-p', name: 'Planner' }, planner, fx.exerciseId, fx.events['3']!.id, {
      decision: { question: 'Let the bus go?', options: ['Allow under shadowing', 'Block at the gate'] },
    });
    ({ app } = await buildApp(ctx, { logger: false }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      unapproved: 'play',
    });
    runs = Object.fromEntries(
      (await listInjects(ctx, controller, fx.exerciseId)).map((r) => [r.number, r.id]),
    );
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.channels.close();
    await smtp?.close();
    await smsc?.close();
    await drop?.();
  });

  let mailToken = '';
  let smsToken = '';
  let medicToken = '';

  it('puts a link in the e-mail and the SMS of players without an account, one per delivery', async () => {
    await fire('3');
    await fire('2');
    await deliver();
    const mails = await smtp.waitFor(3);
    const toA = mails.find((m) => !Array.isArray(m.to) && m.to?.text === 'patrol-a@police.example.kz')!;
    const toMedic = mails.find((m) => !Array.isArray(m.to) && m.to?.text === 'medic@ambulance.example.kz')!;
    expect(toA.text).toMatch(/Подтвердить и доложить: http/);
    expect(toA.html).toMatch(LINK);
    mailToken = LINK.exec(toA.text ?? '')![1]!;
    medicToken = LINK.exec(toMedic.text ?? '')![1]!;
    const [sms] = await smsc.waitForMessages(1);
    expect(sms!.destination).toBe('77011234567');
    smsToken = LINK.exec(sms!.text)![1]!;
    expect(new Set([mailToken, smsToken, medicToken]).size).toBe(3);
    // Only the hash is kept: the token itself opens nothing from a copy of the database.
    const stored = await ctx.db.kysely.selectFrom('inject_links').selectAll().execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(mailToken);
    expect(stored).toHaveLength(4);
  });

  it('sends the bare link to the message’s language and opens the one inject, unsigned in', async () => {
    const first = await page(`/i/${mailToken}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe(`/ru/i/${mailToken}`);
    const res = await page(`/ru/i/${mailToken}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await res.text();
    expect(body).toContain('EXERCISE EXERCISE EXERCISE');
    expect(body).toContain('Вводная 3: Inject 3 title');
    expect(body).toContain('Patrol officer A');
    expect(body).toContain('Let the bus go?');
    // What players must not read is not on the page.
    expect(body).not.toMatch(/Secret|Trusted agent/);
    const opened = await ctx.db.kysely
      .selectFrom('inject_links')
      .select('opened_at')
      .where('person_id', 'is not', null)
      .where('opened_at', 'is not', null)
      .execute();
    expect(opened).toHaveLength(1);
  });

  it('acknowledges once across the e-mail’s and the SMS’s links, and counts it in the progress', async () => {
    const ack = await post(`/ru/i/${mailToken}/acknowledge`, {});
    expect(ack.status).toBe(303);
    expect(ack.headers.get('location')).toBe(`/ru/i/${mailToken}?done=acknowledged`);
    const again = await api('POST', `${smsToken}/acknowledge`);
    expect(again.status).toBe(200);
    const firstAt = again.json().inject.acknowledgedAt as string;
    expect(firstAt).toBe(new Date(now).toISOString());
    now += 60_000;
    expect((await api('POST', `${mailToken}/acknowledge`)).json().inject.acknowledgedAt).toBe(firstAt);
    const progress = (await injectProgress(ctx, controller, fx.exerciseId)).find(
      (p) => p.injectId === runs['3'],
    )!;
    expect(progress.acknowledged).toBe(1);
    // Both patrol officers were sent a link (e-mail, and an SMS for A); only A opened one.
    expect(progress.links).toEqual({ sent: 2, opened: 1 });
    expect(progress.acknowledgedAt).toBe(firstAt);
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('subject_id', '=', runs['3']!)
      .where('action', '=', 'inject.acknowledged')
      .execute();
    expect(audit).toEqual([{ action: 'inject.acknowledged', actor_name: 'Patrol officer A' }]);
    // The control room's team status counts what reached them by link, and who confirmed it.
    const teams = await teamStatus(ctx, controller, fx.exerciseId);
    expect(teams.find((t) => t.teamId === fx.teams.patrol)).toMatchObject({
      seated: 0,
      received: 1,
      acknowledged: 1,
      waiting: [],
      lastActivityAt: firstAt,
    });
    expect(teams.find((t) => t.teamId === fx.teams.medics)).toMatchObject({
      received: 1,
      acknowledged: 0,
      waiting: [{ injectId: runs['2'], number: '2', deliveredAt: expect.any(String) }],
    });
  });

  it('logs a report against the inject with the person and the team, shown as text', async () => {
    const res = await post(`/ru/i/${mailToken}/report`, { text: XSS });
    expect(res.status).toBe(303);
    const report = await ctx.db.kysely
      .selectFrom('player_reports')
      .selectAll()
      .where('inject_run_id', '=', runs['3']!)
      .executeTakeFirstOrThrow();
    expect(report).toMatchObject({
      author_name: 'Patrol officer A',
      team_id: fx.teams.patrol,
      user_id: null,
    });
    expect(report.person_id).not.toBeNull();
    const body = await (await page(`/ru/i/${smsToken}`)).text();
    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('&lt;script&gt;alert(1)');
    const progress = (await injectProgress(ctx, controller, fx.exerciseId)).find(
      (p) => p.injectId === runs['3'],
    )!;
    expect(progress.reports).toBe(1);
    expect(progress.firstAction?.author).toBe('Patrol officer A');
  });

  it('refuses an empty or oversize report by its field, keeping what was typed and what was stored', async () => {
    const empty = await post(`/ru/i/${mailToken}/report`, { text: '   ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Перед отправкой напишите, что сделано.');
    const long = 'x'.repeat(4001);
    const tooLong = await post(`/en/i/${mailToken}/report`, { text: long });
    expect(tooLong.status).toBe(422);
    const page422 = await tooLong.text();
    expect(page422).toContain('longer than 4,000 characters');
    expect(page422).toContain(long);
    const viaApi = await api('POST', `${mailToken}/reports`, { text: 42 });
    expect(viaApi.status).toBe(400);
    expect(viaApi.text).toContain('text');
    const count = await ctx.db.kysely
      .selectFrom('player_reports')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('inject_run_id', '=', runs['3']!)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('takes the team’s decision through the link, once', async () => {
    const res = await post(`/ru/i/${smsToken}/decision`, { option: 'Block at the gate' });
    expect(res.status).toBe(303);
    const view = (await api('GET', mailToken)).json();
    expect(view.inject.decision).toMatchObject({ chosen: 'Block at the gate', by: 'Patrol officer A' });
    const other = await post(`/en/i/${mailToken}/decision`, { option: 'Allow under shadowing' });
    expect(other.status).toBe(409);
    expect(await other.text()).toContain('already been taken');
  });

  it('takes a report with a photo from the page’s form, stored with its type and bytes', async () => {
    const png = encodePng(8, (x, y) => [x * 30, y * 30, 120]);
    const before = (await reportsOn('3')).length;
    now += 60_000;
    const res = await postForm(`/ru/i/${mailToken}/report`, { text: 'Cordon photographed from the gate' }, [
      blob(png, 'image/png'),
    ]);
    expect(res.status, await res.text()).toBe(303);
    expect(res.headers.get('location')).toBe(`/ru/i/${mailToken}?done=reported`);
    const stored = await reportsOn('3');
    expect(stored).toHaveLength(before + 1);
    const last = stored.at(-1)!;
    expect(last.text).toBe('Cordon photographed from the gate');
    expect(last.photo_type).toBe('image/png');
    expect(Buffer.from(last.photo!).equals(png)).toBe(true);
    const body = await (await page(`/ru/i/${mailToken}?done=reported`)).text();
    expect(body).toContain('Ваш доклад записан.');
    expect(body).toContain('С фото');
    expect(body).toContain('enctype="multipart/form-data"');
    expect(body).toContain('accept="image/jpeg,image/png,image/webp"');
    expect(body).toContain('capture="environment"');
    const progress = (await injectProgress(ctx, controller, fx.exerciseId)).find(
      (p) => p.injectId === runs['3'],
    )!;
    expect(progress.reports).toBe(before + 1);
    // A browser with no photo chosen still sends the file part, empty: a report with text only.
    now += 60_000;
    const noPhoto = await postForm(`/ru/i/${mailToken}/report`, { text: 'Bus stopped' }, [blob('')], ['']);
    expect(noPhoto.status).toBe(303);
    expect((await reportsOn('3')).at(-1)).toMatchObject({
      text: 'Bus stopped',
      photo_type: null,
      photo: null,
    });
    // A photo alone is not a report, as in the API: the text says what was done.
    const alone = await postForm(`/en/i/${mailToken}/report`, { text: ' ' }, [blob(png, 'image/png')]);
    expect(alone.status).toBe(422);
    expect(await alone.text()).toContain('Say what was done before sending.');
    expect(await reportsOn('3')).toHaveLength(before + 2);
  });

  it('takes a place with the report, typed with a decimal comma or pasted whole, shown on the page and the control room’s map', async () => {
    const places = async () =>
      ctx.db.kysely
        .selectFrom('player_reports')
        .select(['text', 'latitude', 'longitude'])
        .where('inject_run_id', '=', runs['3']!)
        .orderBy('created_at')
        .execute();
    const before = (await places()).length;
    now += 60_000;
    const typed = await postForm(
      `/ru/i/${mailToken}/report`,
      { text: 'Cordon at the east fence', latitude: ' 49,8047 ', longitude: '73,1094' },
      [blob('')],
      [''],
    );
    expect(typed.status, await typed.text()).toBe(303);
    expect((await places()).at(-1)).toEqual({
      text: 'Cordon at the east fence',
      latitude: 49.8047,
      longitude: 73.1094,
    });
    // Both numbers pasted from a map app into the first box, with a photo beside them.
    now += 60_000;
    const pasted = await postForm(
      `/en/i/${mailToken}/report`,
      { text: 'Negotiator at the bus', latitude: '49.80512, 73.11034', longitude: '' },
      [
        blob(
          encodePng(4, () => [9, 9, 9]),
          'image/png',
        ),
      ],
    );
    expect(pasted.status, await pasted.text()).toBe(303);
    expect((await places()).at(-1)).toEqual({
      text: 'Negotiator at the bus',
      latitude: 49.80512,
      longitude: 73.11034,
    });
    // With both boxes left empty the report has no place.
    now += 60_000;
    const none = await postForm(`/ru/i/${mailToken}/report`, {
      text: 'Perimeter held',
      latitude: '',
      longitude: ' ',
    });
    expect(none.status).toBe(303);
    expect((await places()).at(-1)).toEqual({ text: 'Perimeter held', latitude: null, longitude: null });
    expect(await places()).toHaveLength(before + 3);

    // The page lists each report's place as its readers write numbers.
    const ru = await (await page(`/ru/i/${smsToken}`)).text();
    expect(ru).toContain('Место: 49,8047; 73,1094');
    expect(ru).toContain('Место: 49,80512; 73,11034');
    const en = await (await page(`/en/i/${mailToken}`)).text();
    expect(en).toContain('Place: 49.8047, 73.1094');
    // The controllers' map shows the link's reports with a place, by the person and their team.
    const map = await controlPlaces(ctx, controller, fx.exerciseId);
    const fromLink = map.reports.filter((r) => r.injectId === runs['3']);
    expect(fromLink.map((r) => [r.text, r.lat, r.lon, r.author, r.photo])).toEqual([
      ['Cordon at the east fence', 49.8047, 73.1094, 'Patrol officer A', false],
      ['Negotiator at the bus', 49.80512, 73.11034, 'Patrol officer A', true],
    ]);
    expect(fromLink[0]!.team).toBe('Patrol 7');
  });

  it('shows the place’s boxes and a same-origin script that fills them, allowed by the page’s policy', async () => {
    const res = await page(`/ru/i/${mailToken}`);
    const body = await res.text();
    expect(body).toMatch(/<legend>Где вы находитесь \(если знаете\)<\/legend>/);
    expect(body).toMatch(/<label for="report-latitude">Широта<\/label>/);
    expect(body).toMatch(
      /<input\s+id="report-latitude"\s+name="latitude"\s+type="text"\s+inputmode="decimal"/,
    );
    expect(body).toMatch(/<label for="report-longitude">Долгота<\/label>/);
    // Without a script the button stays hidden: only the boxes are there.
    expect(body).toMatch(/<div class="locate" hidden>/);
    const script = /<script src="(\/portal\/assets\/locate\.[\w-]+\.js)" defer><\/script>/.exec(body);
    expect(script).not.toBeNull();
    expect(body).not.toMatch(/<script>|<script(?![^>]*\ssrc=)[^>]*>/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    const js = await page(script![1]!);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('navigator.geolocation.getCurrentPosition');
  });

  it('refuses a malformed, out-of-range or half place by its box, keeping what was typed, storing nothing', async () => {
    const before = (await reportsOn('3')).length;
    const cases: [string, string, string, string, 'latitude' | 'longitude'][] = [
      ['ru', 'сорок девять', '73,1', 'Широта — не число градусов', 'latitude'],
      ['en', '49.8', '73.1.2', 'Longitude is not a number of degrees', 'longitude'],
      ['kk', '91', '73,1', 'Ендік −90 мен 90 градус аралығында', 'latitude'],
      ['ru', '49,8', '181', 'Долгота должна быть от −180 до 180 градусов', 'longitude'],
      ['en', '49,8047', '', 'Latitude is filled in but longitude is not', 'longitude'],
      ['kk', '', '73,1094', 'Бойлық көрсетілген, ал ендік жоқ', 'latitude'],
      ['ru', '49,8,73,1', '', 'Широта — не число градусов', 'latitude'],
    ];
    for (const [lang, latitude, longitude, sentence, box] of cases) {
      const res = await postForm(
        `/${lang}/i/${mailToken}/report`,
        { text: `typed with ${latitude}|${longitude}`, latitude, longitude },
        [blob('')],
        [''],
      );
      const what = `${lang} ${latitude}|${longitude}`;
      expect(res.status, what).toBe(422);
      const body = await res.text();
      expect(body, what).toContain(sentence);
      expect(body, what).toContain(`typed with ${latitude}|${longitude}</textarea>`);
      expect(body, what).toMatch(new RegExp(`name="latitude"[^>]*value="${latitude}"`));
      expect(body, what).toMatch(new RegExp(`name="longitude"[^>]*value="${longitude}"`));
      // The box at fault is marked and points at the sentence; the other is not.
      expect(body, what).toMatch(
        new RegExp(`id="report-${box}"[^>]*aria-describedby="report-problem[^>]*aria-invalid="true"`),
      );
      const other = box === 'latitude' ? 'longitude' : 'latitude';
      expect(body, what).not.toMatch(new RegExp(`id="report-${other}"[^>]*aria-invalid`));
    }
    // The JSON route's schema refuses the same out of range; the service checks it again for any caller.
    const viaApi = await api('POST', `${mailToken}/reports`, {
      text: 'far away',
      location: { latitude: 49.8, longitude: 190 },
    });
    expect(viaApi.status).toBe(400);
    expect(viaApi.text).toContain('longitude');
    await expect(
      reportByLink(ctx, mailToken, { text: 'far away', location: { latitude: -90.5, longitude: 73 } }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'location.latitude' });
    await expect(
      reportByLink(ctx, mailToken, { text: 'nowhere', location: { latitude: 49, longitude: Number.NaN } }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'location.longitude' });
    expect(await reportsOn('3')).toHaveLength(before);
  });

  it('refuses a GIF, a text file named .jpg, a mislabelled and an oversize photo by name, keeping the text', async () => {
    const before = (await reportsOn('3')).length;
    const gif = Buffer.from(
      'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;',
      'latin1',
    );
    const cases: [string, Blob, string, number, string][] = [
      ['en', blob(gif, 'image/gif'), 'scene.gif', 415, 'is not a JPEG, PNG or WebP picture'],
      ['ru', blob('not a picture', 'image/jpeg'), 'photo.jpg', 415, 'не изображение JPEG, PNG или WebP'],
      [
        'kk',
        blob(
          encodePng(2, () => [0, 0, 0]),
          'image/jpeg',
        ),
        'photo.jpg',
        415,
        'атауында көрсетілген сурет түрі емес',
      ],
      [
        'en',
        new Blob([Buffer.concat([encodePng(2, () => [0, 0, 0]), Buffer.alloc(MAX_PHOTO_BYTES)])], {
          type: 'image/png',
        }),
        'huge.png',
        413,
        'larger than 5 MB',
      ],
    ];
    for (const [lang, file, name, status, sentence] of cases) {
      const res = await postForm(
        `/${lang}/i/${mailToken}/report`,
        { text: `typed in ${lang}` },
        [file],
        [name],
      );
      expect(res.status, name).toBe(status);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.text();
      expect(body, name).toContain(sentence);
      expect(body, name).toContain(`typed in ${lang}`);
    }
    // Past the body limit the form is not even read: the page says so, in its language.
    const over = await postForm(`/ru/i/${mailToken}/report`, { text: 'too big' }, [
      blob(Buffer.alloc(REPORT_FORM_LIMIT_BYTES + 1), 'image/jpeg'),
    ]);
    expect(over.status).toBe(413);
    expect(await over.text()).toContain('Фото больше 5 МБ');
    expect(await reportsOn('3')).toHaveLength(before);
  });

  it('refuses a multipart body the form cannot have sent, storing nothing', async () => {
    const before = (await reportsOn('3')).length;
    const part = (name: string, extra = '') =>
      `Content-Disposition: form-data; name="${name}"${extra}\r\n\r\n`;
    const hostile: [string, string, string | Buffer, number, string][] = [
      // No boundary at all.
      [
        'kk',
        'multipart/form-data',
        `--x\r\n${part('text')}hello\r\n--x--\r\n`,
        400,
        'толық емес немесе бүлінген',
      ],
      // A part never closed.
      [
        'en',
        'multipart/form-data; boundary=x',
        `--x\r\n${part('text')}hello, and then nothing`,
        400,
        'incomplete or damaged',
      ],
      // Headers never ended.
      [
        'en',
        'multipart/form-data; boundary=x',
        `--x\r\n${part('text').trimEnd()}`,
        400,
        'incomplete or damaged',
      ],
      // Two files.
      [
        'ru',
        'multipart/form-data; boundary=x',
        Buffer.concat([
          Buffer.from(`--x\r\n${part('text')}two\r\n--x\r\n${part('photo', '; filename="a.png"')}`),
          encodePng(2, () => [1, 2, 3]),
          Buffer.from(`\r\n--x\r\n${part('photo', '; filename="b.png"')}`),
          encodePng(2, () => [1, 2, 3]),
          Buffer.from('\r\n--x--\r\n'),
        ]),
        400,
        'Приложите только одно фото',
      ],
      // More fields than the form has.
      [
        'en',
        'multipart/form-data; boundary=x',
        `${['a', 'b', 'c', 'd', 'e'].map((n) => `--x\r\n${part(n)}v\r\n`).join('')}--x--`,
        400,
        'incomplete or damaged',
      ],
    ];
    for (const [lang, type, body, status, sentence] of hostile) {
      const res = await postRaw(`/${lang}/i/${mailToken}/report`, type, body);
      expect(res.status, type).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toContain(sentence);
    }
    // Only the report takes multipart; the other forms stay urlencoded, and a wrong link stays refused.
    expect((await postForm(`/ru/i/${mailToken}/acknowledge`, {})).status).toBe(415);
    expect((await post(`/ru/i/${mailToken}/acknowledge`, {})).status).toBe(303);
    const altered = `${mailToken.slice(0, -1)}${mailToken.endsWith('A') ? 'B' : 'A'}`;
    const wrong = await postForm(`/en/i/${altered}/report`, { text: 'x' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain('This link does not open an inject');
    expect(await reportsOn('3')).toHaveLength(before);
  });

  it('opens nothing for a wrong, altered or malformed token', async () => {
    const altered = `${mailToken.slice(0, -1)}${mailToken.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [altered, 'short', `${mailToken}x`]) {
      const res = await api('GET', token);
      expect(res.status === 404 || res.status === 400, res.text).toBe(true);
    }
    const htmlPage = await page(`/kk/i/${altered}`);
    expect(htmlPage.status).toBe(404);
    expect(await htmlPage.text()).toContain('Бұл сілтеме кіріспені ашпайды');
    expect((await post(`/ru/i/${altered}/acknowledge`, {})).status).toBe(404);
  });

  it('shortens an inject too long for the SMS segments allowed, keeping its marking, link and end', async () => {
    const long =
      'Вооружённая группа удерживает заложников в спортзале школы №12; периметр не закрыт. '.repeat(20);
    await editInject(ctx, who, controller, fx.exerciseId, runs['1']!, { content: long });
    const sent = smsc.messages.length;
    const mailed = smtp.mails.length;
    await fire('1');
    await deliver();
    const sms = (await smsc.waitForMessages(sent + 1))[sent]!;
    expect(sms.destination).toBe('77011234567');
    expect(sms.parts.length).toBe(ctx.config.smpp.maxSegments);
    expect(sms.text.startsWith('EXERCISE EXERCISE EXERCISE')).toBe(true);
    expect(sms.text).toContain('Вводная 1: ');
    expect(sms.text).toMatch(/школы №12;[^\n]*…\nhttp/);
    expect(sms.text).toMatch(LINK);
    expect(sms.text.trimEnd().endsWith(fx.name)).toBe(true);
    // The e-mail and the link's page carry it whole.
    const mails = await smtp.waitFor(mailed + 1);
    const toA = mails
      .slice(mailed)
      .find((m) => !Array.isArray(m.to) && m.to?.text === 'patrol-a@police.example.kz')!;
    expect(toA.text).toContain(long.trim());
    const token = LINK.exec(sms.text)![1]!;
    expect((await api('GET', token)).json().inject.body).toContain(long.trim());
  });

  it('hides play under NO PLAY and refuses actions, naming it', async () => {
    await ctx.db.kysely
      .updateTable('exercises')
      .set({
        no_play_at: new Date(now).toISOString(),
        no_play_reason: 'real fire nearby',
        no_play_by: 'director',
      })
      .where('id', '=', fx.exerciseId)
      .execute();
    const view = (await api('GET', medicToken)).json();
    expect(view.inject).toBeNull();
    expect(view.noPlay.reason).toBe('real fire nearby');
    const body = await (await page(`/en/i/${medicToken}`)).text();
    expect(body).toContain('NO PLAY');
    expect(body).not.toContain('Inject 2 title');
    expect((await api('POST', `${medicToken}/reports`, { text: 'on scene' })).status).toBe(409);
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ no_play_at: null, no_play_reason: null, no_play_by: null })
      .where('id', '=', fx.exerciseId)
      .execute();
  });

  it('lapses when its person moves to a team the inject was not for', async () => {
    await ctx.db.kysely
      .updateTable('exercise_people')
      .set({ team_id: fx.teams.patrol })
      .where('exercise_id', '=', fx.exerciseId)
      .where('name', '=', 'Paramedic')
      .execute();
    expect((await api('GET', medicToken)).status).toBe(404);
    await ctx.db.kysely
      .updateTable('exercise_people')
      .set({ team_id: fx.teams.medics })
      .where('exercise_id', '=', fx.exerciseId)
      .where('name', '=', 'Paramedic')
      .execute();
    expect((await api('GET', medicToken)).status).toBe(200);
  });

  it('keeps working for a day after ENDEX, then lapses', async () => {
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'endex',
      reason: 'all objectives played',
    });
    now += 23 * 3600_000;
    const late = await api('POST', `${medicToken}/reports`, { text: 'patient handed over at 14:05' });
    expect(late.status, late.text).toBe(201);
    now += 2 * 3600_000;
    const lapsed = await api('GET', medicToken);
    expect(lapsed.status).toBe(404);
    expect(lapsed.json().code).toBe('inject_link_invalid');
  });
});

describe('the link page’s report form limit', () => {
  it('is the one the README’s table of body limits states', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/ {2,}/g, ' ');
    expect(readme).toContain(
      `| a report with a photo from an inject's link (\`POST /{lang}/i/:token/report\`) | ${formatBytes(REPORT_FORM_LIMIT_BYTES)} |`,
    );
  });
});
