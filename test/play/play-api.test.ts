/**
 * The players' side of a running exercise over the API, on SQLite and PostgreSQL: a fired inject
 * reaches its team's players' in-app inboxes through the outbox; each player sees their own team's
 * fired injects and nothing else (not through the list, an id, a photo or the event stream),
 * acknowledges once, and reports with a photo and a point; controllers follow each inject's
 * progress; NO PLAY hides play.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayAt, type ReplayEntry, type ReplayInject } from '../../src/core/conduct/replay.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { MAX_PHOTO_BYTES } from '../../src/core/play/photo.js';
import { buildApp } from '../../src/http/app.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { recordObservation } from '../../src/services/observations/observations.service.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { openSse, type SseFrame, type SseReader } from '../support/sse.js';

const PASSWORD = 'player passphrase';
const controllerActor: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };
/** The smallest PNG: 1×1, transparent. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
// A loose reading of JSON answers: the schemas are checked by the server (DABYL_CHECK_RESPONSES).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script> cordon set';

describe.each(ENGINES)('playing an exercise over the API on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let base: string;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let fx: ConductFixture;
  let runs: Record<string, string>;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const ids = new Map<string, string>();

  const call = async (as: string, method: string, url: string, body?: unknown) => {
    const s = sessions.get(as)!;
    const res = await fetch(`${base}/api/v1/exercises/${fx.exerciseId}${url}`, {
      method,
      headers: {
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as Json, res };
  };
  const view = async (as: string) => {
    const r = await call(as, 'GET', '/play');
    expect(r.status, r.text).toBe(200);
    return r.json();
  };
  const deliver = async () => {
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
  };
  const fire = (number: string) =>
    injectAction(ctx, who, controllerActor, fx.exerciseId, runs[number]!, 'fire', 'on cue');

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    const police = await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Karaganda police', kind: 'police' });
    const other = await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Pavlodar police', kind: 'police' });
    fx = await buildConductExercise(ctx);
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ lead_organisation_id: police.id })
      .where('id', '=', fx.exerciseId)
      .execute();
    const users: [string, string, string | null][] = [
      ['patrol-a', 'player', police.id],
      ['patrol-b', 'player', null],
      ['medic', 'player', null],
      ['controller', 'controller', police.id],
      ['evaluator', 'evaluator', null],
      ['planner', 'planner', null],
      ['outsider', 'player', other.id],
      ['benched', 'player', police.id],
    ];
    for (const [username, role, organisationId] of users) {
      const u = await createUser(ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: username,
        password: PASSWORD,
        grants: [{ role: role as 'player', organisationId }],
      });
      ids.set(username, u.id);
    }
    const seats: [string, string][] = [
      ['patrol-a', 'Patrol officer A'],
      ['patrol-b', 'Patrol officer B'],
      ['medic', 'Paramedic'],
    ];
    for (const [username, name] of seats)
      await ctx.db.kysely
        .updateTable('exercise_people')
        .set({ user_id: ids.get(username)! })
        .where('exercise_id', '=', fx.exerciseId)
        .where('name', '=', name)
        .execute();
    ({ app } = await buildApp(ctx, { logger: false }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    for (const [username] of users) {
      const res = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      expect(res.status).toBe(200);
      sessions.set(username, {
        cookie: res.headers.get('set-cookie')!.split(';')[0]!,
        csrf: ((await res.json()) as { csrfToken: string }).csrfToken,
      });
    }
    await clockCommand(ctx, who, controllerActor, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'replayed for training',
    });
    runs = Object.fromEntries(
      (await listInjects(ctx, controllerActor, fx.exerciseId)).map((r) => [r.number, r.id]),
    );
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.channels.close();
    await drop?.();
  });

  it('keeps the player view to the exercise’s players, in scope', async () => {
    expect((await call('controller', 'GET', '/play')).json()).toMatchObject({ code: 'forbidden' });
    expect((await call('planner', 'GET', '/play')).status).toBe(403);
    // A player of another organisation does not learn the exercise exists.
    expect((await call('outsider', 'GET', '/play')).status).toBe(404);
    // A player of the lead organisation without a seat in this exercise is told so.
    const benched = await call('benched', 'GET', '/play');
    expect(benched.status).toBe(403);
    expect(benched.json()).toMatchObject({ code: 'not_a_player' });
    const before = await view('patrol-a');
    expect(before).toMatchObject({
      name: fx.name,
      player: 'Patrol officer A',
      team: { id: fx.teams.patrol, name: 'Patrol 7' },
      clock: { phase: 'running' },
      noPlay: null,
      injects: [],
    });
  });

  it('puts a fired inject in its team’s players’ inboxes only, and streams no other team’s or future inject', async () => {
    const player = await openSse(`${base}/api/v1/events`, { cookie: sessions.get('patrol-a')!.cookie });
    const controller = await openSse(`${base}/api/v1/events`, { cookie: sessions.get('controller')!.cookie });
    expect([player.status, controller.status]).toEqual([200, 200]);
    await fire('2'); // the medics'
    await deliver();
    await fire('3'); // the patrol's
    await deliver();
    /** Frames until one matches: each wait is for one more frame than the last looked at. */
    const until = async (reader: SseReader, match: (f: SseFrame) => boolean) => {
      for (let n = 1; ; n++) {
        const frames = await reader.waitFor(n);
        if (frames.some(match)) return frames;
      }
    };
    const seen = await until(player, (f) => f.event === 'inbox.changed');
    // The controller's stream, read to the patrol's inject, carries the medics' one: the player's does not.
    await until(controller, (f) => f.event === 'inject.changed' && f.data.includes(runs['3']!));
    expect(controller.frames.map((f) => f.data).join()).toContain(runs['2']!);
    const text = seen.map((f) => `${f.event} ${f.data}`).join('\n');
    expect(new Set(seen.map((f) => f.event))).toEqual(new Set(['inbox.changed']));
    for (const n of ['1', '2', '3', '4', 'C1']) expect(text).not.toContain(runs[n]!);
    expect(text).not.toMatch(/Inject \d|shooting|Secret|Trusted agent/);
    player.close();
    controller.close();

    const a = await view('patrol-a');
    expect(a.injects).toHaveLength(1);
    expect(a.injects[0]).toMatchObject({
      id: runs['3'],
      number: '3',
      acknowledgedAt: null,
      reports: [],
    });
    expect(a.injects[0].title).toMatch(new RegExp(`^${EXERCISE_HEAD}`));
    expect(a.injects[0].body).toContain('Report of a shooting near the prison gate (3).');
    expect(JSON.stringify(a)).not.toMatch(/Secret|Trusted agent/);
    expect((await view('patrol-b')).injects.map((i: { id: string }) => i.id)).toEqual([runs['3']]);
    expect((await view('medic')).injects.map((i: { id: string }) => i.id)).toEqual([runs['2']]);
  });

  it('shows an inject’s label and marking in the language the player reads the console in, its text as fired', async () => {
    const asRead = async (language?: string) => {
      const s = sessions.get('patrol-a')!;
      const res = await fetch(`${base}/api/v1/exercises/${fx.exerciseId}/play`, {
        headers: { cookie: s.cookie, ...(language ? { 'accept-language': language } : {}) },
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as Json).injects[0] as { title: string; body: string };
    };
    const delivered = await asRead();
    const ru = await asRead('ru-RU,ru;q=0.9');
    const kk = await asRead('kk');
    expect(ru.title).toBe(`${EXERCISE_HEAD} - УЧЕНИЯ: Вводная 3: Inject 3 title`);
    expect(kk.title).toBe(`${EXERCISE_HEAD} - ЖАТТЫҒУ: Кіріспе 3: Inject 3 title`);
    for (const seen of [ru, kk]) {
      expect(seen.body).toContain('Report of a shooting near the prison gate (3).');
      expect(seen.body.endsWith(`-- ${EXERCISE_HEAD}: ${fx.name}`)).toBe(true);
    }
    // Worded again in the language it was delivered in, it is exactly what the dispatcher delivered.
    const deliveredIn = delivered.title.includes('ЖАТТЫҒУ')
      ? kk
      : delivered.title.includes('УЧЕНИЯ')
        ? ru
        : await asRead('en');
    expect(deliveredIn).toEqual(delivered);
  });

  it('acknowledges once: a second time answers the same; another team’s or a future inject is not found', async () => {
    const first = await call('patrol-a', 'POST', `/play/injects/${runs['3']}/acknowledge`);
    expect(first.status, first.text).toBe(200);
    expect(first.json().acknowledgedAt).toEqual(expect.any(String));
    const again = await call('patrol-a', 'POST', `/play/injects/${runs['3']}/acknowledge`);
    expect(again.status).toBe(200);
    expect(again.json()).toEqual(first.json());
    const audited = await ctx.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'inject.acknowledged')
      .execute();
    expect(audited).toHaveLength(1);

    for (const [as, run] of [
      ['medic', '3'], // another team's, fired
      ['patrol-a', '2'], // another team's, fired
      ['patrol-a', '4'], // for every player, not fired yet
      ['patrol-a', 'C1'], // the patrol's contingency, not fired
    ] as const) {
      const r = await call(as, 'POST', `/play/injects/${runs[run]}/acknowledge`);
      expect(r.status, `${as} ${run}`).toBe(404);
      expect(r.text).not.toMatch(/Inject \d|shooting|prison/);
      const report = await call(as, 'POST', `/play/injects/${runs[run]}/reports`, { text: 'done' });
      expect(report.status).toBe(404);
    }
    expect((await call('controller', 'POST', `/play/injects/${runs['3']}/acknowledge`)).status).toBe(403);
  });

  it('takes a report with a photo and a point, keeps its text as written, and shows the photo to the team and the controllers', async () => {
    const r = await call('patrol-a', 'POST', `/play/injects/${runs['3']}/reports`, {
      text: XSS,
      photo: { type: 'image/png', data: PNG.toString('base64') },
      location: { latitude: 49.8047, longitude: 73.1094 },
    });
    expect(r.status, r.text).toBe(201);
    expect(r.res.headers.get('content-type')).toMatch(/^application\/json/);
    const report = r.json();
    expect(report).toMatchObject({
      author: 'Patrol officer A',
      text: XSS,
      hasPhoto: true,
      latitude: 49.8047,
    });
    // A team mate sees it against the inject.
    expect((await view('patrol-b')).injects[0].reports).toEqual([report]);

    const photo = `/play/reports/${report.id}/photo`;
    for (const as of ['controller', 'evaluator', 'patrol-b']) {
      const p = await fetch(`${base}/api/v1/exercises/${fx.exerciseId}${photo}`, {
        headers: { cookie: sessions.get(as)!.cookie },
      });
      expect(p.status, as).toBe(200);
      expect(p.headers.get('content-type')).toBe('image/png');
      expect(p.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await p.arrayBuffer()).equals(PNG)).toBe(true);
    }
    expect((await call('medic', 'GET', photo)).status).toBe(404);
    expect((await call('outsider', 'GET', photo)).status).toBe(404);
  });

  it('refuses an oversize, a wrong-type or a malformed photo, and an empty text, naming the field', async () => {
    const url = `/play/injects/${runs['3']}/reports`;
    const big = Buffer.alloc(MAX_PHOTO_BYTES + 1);
    PNG.copy(big);
    const tooBig = await call('patrol-a', 'POST', url, {
      text: 'photo of the gate',
      photo: { type: 'image/png', data: big.toString('base64') },
    });
    expect(tooBig.status).toBe(413);
    expect(tooBig.json()).toMatchObject({ code: 'photo_too_large', field: 'photo.data' });
    expect(tooBig.json().detail).toMatch(/at most 5242880 \(5 MiB\)/);

    const svg = await call('patrol-a', 'POST', url, {
      text: 'x',
      photo: { type: 'image/png', data: Buffer.from('<svg onload="alert(1)"/>').toString('base64') },
    });
    expect(svg.status).toBe(415);
    expect(svg.json()).toMatchObject({ code: 'photo_type', field: 'photo.data' });
    const gif = await call('patrol-a', 'POST', url, {
      text: 'x',
      photo: { type: 'image/gif', data: 'R0lGOD' },
    });
    expect(gif.status).toBe(400);
    expect(gif.text).toMatch(/photo/);
    const garbled = await call('patrol-a', 'POST', url, {
      text: 'x',
      photo: { type: 'image/png', data: '%%%' },
    });
    expect(garbled.json()).toMatchObject({ field: 'photo.data' });
    expect((await call('patrol-a', 'POST', url, { text: '   ' })).json()).toMatchObject({ field: 'text' });
    const huge = await call('patrol-a', 'POST', url, { text: 'x'.repeat(8 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    // Nothing of the refused reports was kept.
    expect((await view('patrol-a')).injects[0].reports).toHaveLength(1);
  });

  it('shows the controllers fired → delivered → acknowledged → first action, with the times', async () => {
    expect((await call('patrol-a', 'GET', '/injects/progress')).status).toBe(403);
    const r = await call('controller', 'GET', '/injects/progress');
    expect(r.status, r.text).toBe(200);
    const byId = new Map((r.json().items as { injectId: string }[]).map((i) => [i.injectId, i as Json]));
    expect([...byId.keys()].sort()).toEqual([runs['2'], runs['3']].sort());
    const patrol = byId.get(runs['3']!)!;
    expect(patrol).toMatchObject({
      firedAt: expect.any(String),
      // Two players' e-mails (no mail server configured here, so waiting) and two in-app inboxes.
      deliveries: 4,
      delivered: 2,
      acknowledged: 1,
      reports: 1,
      firstAction: { author: 'Patrol officer A', text: XSS, hasPhoto: true },
    });
    expect(patrol.deliveredAt >= patrol.firedAt).toBe(true);
    expect(patrol.acknowledgedAt >= patrol.deliveredAt).toBe(true);
    expect(patrol.firstAction.at >= patrol.acknowledgedAt).toBe(true);
    expect(byId.get(runs['2']!)).toMatchObject({ acknowledged: 0, reports: 0, firstAction: null });
  });

  it('shows the control room where reports came from, and observations only to those who may read them', async () => {
    const evaluatorId = ids.get('evaluator')!;
    const observe = (text: string, place?: { lon: number; lat: number }) =>
      recordObservation(
        ctx,
        { userId: evaluatorId, name: 'Evaluator Dana' },
        { userId: evaluatorId, grants: [{ role: 'evaluator', organisationId: null, exerciseId: null }] },
        fx.exerciseId,
        randomUUID(),
        { observedAt: new Date().toISOString(), text, ...(place ? { place } : {}) },
      );
    await observe('Cordon at the north gate in place', { lon: 73.1101, lat: 49.8052 });
    await observe('No place given');
    const controller = await call('controller', 'GET', '/control/places');
    expect(controller.status, controller.text).toBe(200);
    expect(controller.json()).toEqual({
      reports: [
        expect.objectContaining({
          injectId: runs['3'],
          injectNumber: '3',
          author: 'Patrol officer A',
          text: XSS,
          lon: 73.1094,
          lat: 49.8047,
          photo: true,
        }),
      ],
      // A controller watches the injects; the evaluators' notes are not theirs to read.
      observations: null,
    });
    const evaluator = (await call('evaluator', 'GET', '/control/places')).json();
    expect(evaluator.reports).toHaveLength(1);
    expect(evaluator.observations).toEqual([
      expect.objectContaining({ author: 'Evaluator Dana', lon: 73.1101, lat: 49.8052, photo: false }),
    ]);
    expect((await call('patrol-a', 'GET', '/control/places')).status).toBe(403);
    expect([403, 404]).toContain((await call('outsider', 'GET', '/control/places')).status);
  });

  it('shows per team what reached it, what it confirmed and what still waits, to whoever watches the injects', async () => {
    expect((await call('patrol-a', 'GET', '/control/teams')).status).toBe(403);
    // An evaluator assigned to watch the patrol is not one of its players.
    await ctx.db.kysely
      .insertInto('exercise_people')
      .values({
        id: randomUUID(),
        exercise_id: fx.exerciseId,
        user_id: ids.get('evaluator')!,
        name: 'Evaluator watching the patrol',
        role: 'evaluator',
        team_id: fx.teams.patrol,
        organisation_id: null,
        contact: null,
      })
      .execute();
    const r = await call('controller', 'GET', '/control/teams');
    expect(r.status, r.text).toBe(200);
    expect(r.json().items).toEqual([
      {
        teamId: fx.teams.medics,
        name: 'Medics',
        players: 1,
        seated: 1,
        received: 1,
        acknowledged: 0,
        waiting: [{ injectId: runs['2'], number: '2', deliveredAt: expect.any(String) }],
        reports: 0,
        lastActivityAt: null,
      },
      {
        teamId: fx.teams.patrol,
        name: 'Patrol 7',
        players: 2,
        seated: 2,
        // Both patrol players have inject 3; one acknowledgement confirms it for the team.
        received: 1,
        acknowledged: 1,
        waiting: [],
        reports: 1,
        lastActivityAt: expect.any(String),
      },
    ]);
    expect((await call('evaluator', 'GET', '/control/teams')).status).toBe(200);
    expect([403, 404]).toContain((await call('outsider', 'GET', '/control/teams')).status);
  });

  it('keeps the exercise’s log with who did what and why, observations only for those who may read them', async () => {
    const controller = await call('controller', 'GET', '/control/log');
    expect(controller.status, controller.text).toBe(200);
    const entries = controller.json().items as Json[];
    const actions = entries.map((e) => e.action);
    // Newest first, from STARTEX on, each a sentence.
    expect(actions.at(-1)).toBe('clock.startex');
    expect(entries.at(-1)!.detail.reason).toBe('replayed for training');
    for (const a of ['inject.fired', 'inject.acknowledged', 'inject.reported']) expect(actions).toContain(a);
    expect(actions).not.toContain('observation.recorded');
    expect(entries.every((e) => typeof e.sentence === 'string' && e.sentence.length > 0)).toBe(true);
    const seqs = entries.map((e) => e.seq as number);
    expect([...seqs].sort((a, b) => b - a)).toEqual(seqs);

    const evaluator = (await call('evaluator', 'GET', '/control/log')).json().items as Json[];
    expect(evaluator.map((e) => e.action)).toContain('observation.recorded');
    // A page back from the newest entry holds the rest, and no other exercise's entries.
    const older = (await call('controller', 'GET', `/control/log?before=${seqs[0]}&limit=2`)).json().items;
    expect(older.map((e: Json) => e.seq)).toEqual(seqs.slice(1, 3));
    expect((await call('controller', 'GET', '/control/log?limit=0')).status).toBe(400);

    const kk = await fetch(`${base}/api/v1/exercises/${fx.exerciseId}/control/log`, {
      headers: { cookie: sessions.get('controller')!.cookie, 'accept-language': 'kk' },
    });
    const sentences = ((await kk.json()) as { items: Json[] }).items.map((e) => e.sentence as string);
    for (const sentence of sentences) expect(sentence).not.toMatch(/[a-z]+\.[a-z_]+|Sent an inject/);
    expect((await call('patrol-a', 'GET', '/control/log')).status).toBe(403);
  });

  it('gives a replay what it is rebuilt from, and the rebuilt exercise matches what happened', async () => {
    const r = await call('controller', 'GET', '/replay');
    expect(r.status, r.text).toBe(200);
    const replay = r.json() as { entries: Json[]; injects: ReplayInject[] };
    expect(replay.entries[0]!.action).toBe('clock.startex');
    const seqs = replay.entries.map((e) => e.seq as number);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const entries = replay.entries.map((e) => ({ ...e, subjectId: e.subjectId, detail: e.detail }));
    const now = replayAt(entries as ReplayEntry[], replay.injects, entries.length);
    const live = await listInjects(ctx, controllerActor, fx.exerciseId);
    expect(now.phase).toBe('running');
    const byNumber = (a: string[], b: string[]) => a[0]!.localeCompare(b[0]!);
    expect(now.injects.map((i) => [i.number, i.state]).sort(byNumber)).toEqual(
      live.map((i) => [i.number, i.status]).sort(byNumber),
    );
    // Before STARTEX nothing had fired.
    const before = replayAt(entries as ReplayEntry[], replay.injects, 0);
    expect(before.injects.filter((i) => i.state === 'fired')).toEqual([]);
    expect((await call('patrol-a', 'GET', '/replay')).status).toBe(403);
  });

  it('hides play under NO PLAY, with its reason, and refuses acknowledgements and reports', async () => {
    await ctx.db.kysely
      .updateTable('exercises')
      .set({
        no_play_at: new Date().toISOString(),
        no_play_reason: 'real fire at the prison',
        no_play_by: 'director',
      })
      .where('id', '=', fx.exerciseId)
      .execute();
    const v = await view('patrol-a');
    expect(v.noPlay).toMatchObject({ reason: 'real fire at the prison' });
    expect(v.injects).toEqual([]);
    const ack = await call('patrol-b', 'POST', `/play/injects/${runs['3']}/acknowledge`);
    expect(ack.status).toBe(409);
    expect(ack.json()).toMatchObject({ code: 'no_play' });
    expect((await call('patrol-b', 'POST', `/play/injects/${runs['3']}/reports`, { text: 'x' })).status).toBe(
      409,
    );
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ no_play_at: null, no_play_reason: null, no_play_by: null })
      .where('id', '=', fx.exerciseId)
      .execute();
    expect((await view('patrol-a')).injects).toHaveLength(1);
  });
});
