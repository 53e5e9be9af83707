/**
 * Players without an account, on SQLite and PostgreSQL: a fired inject's e-mail (real SMTP) and SMS
 * (a real SMPP server) carry a link that opens that one inject, with no sign-in; through it the
 * player acknowledges once, answers the inject's question and reports, all logged against the
 * inject and counted in the controllers' progress. The link opens nothing else, lapses a day after
 * ENDEX and when its person leaves the team, hides play under NO PLAY, and bad tokens and bad
 * reports are refused by name without losing what was stored.
 */
import { randomUUID } from 'node:crypto';
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
import { teamStatus } from '../../src/services/conduct/team-status.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmsc, type TestSmsc } from '../support/smsc.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

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
