/**
 * The hot-wash survey over the API, on SQLite and PostgreSQL: planners edit the questions before
 * ENDEX; ENDEX sends the survey through the outbox to every participant's in-app inbox and to the
 * phone book's e-mail addresses (a real SMTP server), marked as exercise traffic; each participant
 * answers once, by name or anonymously (then no account id is stored); bad answers are refused
 * naming the field; the summary is for the exercise's directors and evaluators, in scope.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import { DEFAULT_QUESTIONS } from '../../src/core/survey/survey.js';
import { buildApp } from '../../src/http/app.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { surveySummary } from '../../src/services/survey/survey.service.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const PASSWORD = 'survey passphrase';
const controllerActor: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };
// A loose reading of JSON answers: the schemas are checked by the server (DABYL_CHECK_RESPONSES).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const PLAYER_ANSWERS = {
  objectives: 4,
  realism: 5,
  preparation: 3,
  'injects-in-time': true,
  coordination: false,
  strengths: 'Cordon set up fast',
  improvements: 'Radio handover between police and medics',
};

describe.each(ENGINES)('the hot-wash survey over the API on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let drop: () => Promise<void>;
  let base: string;
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let fx: ConductFixture;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const ids = new Map<string, string>();

  const call = async (as: string, method: string, url: string, body?: unknown, lang?: string) => {
    const s = sessions.get(as)!;
    const res = await fetch(`${base}/api/v1/exercises/${fx.exerciseId}${url}`, {
      method,
      headers: {
        ...(lang ? { 'accept-language': lang } : {}),
        cookie: s.cookie,
        'x-csrf-token': s.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as Json };
  };
  const answer = (as: string, answers: Record<string, unknown>, anonymous = false) =>
    call(as, 'POST', '/survey/responses', { anonymous, answers });
  const deliver = async () => {
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, { ...rt.ctx.config, smtpUrl: smtp.url });
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
      ['director', 'director', police.id],
      ['evaluator', 'evaluator', police.id],
      ['far-evaluator', 'evaluator', other.id],
      ['far-director', 'director', other.id],
      ['planner', 'planner', police.id],
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
      ['controller', 'Controller'],
    ];
    for (const [username, name] of seats)
      await ctx.db.kysely
        .updateTable('exercise_people')
        .set({ user_id: ids.get(username)! })
        .where('exercise_id', '=', fx.exerciseId)
        .where('name', '=', name)
        .execute();
    // The director has a seat too, without a phone-book entry: reached through the inbox only.
    await ctx.db.kysely
      .insertInto('exercise_people')
      .values({
        id: randomUUID(),
        exercise_id: fx.exerciseId,
        user_id: ids.get('director')!,
        name: 'Exercise director',
        role: 'director',
        team_id: null,
        organisation_id: police.id,
        contact: null,
      })
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
  });
  afterAll(async () => {
    await app?.close();
    await ctx?.channels.close();
    await smtp?.close();
    await drop?.();
  });

  it('lets planners edit the default questions before ENDEX, and nobody else', async () => {
    const got = await call('planner', 'GET', '/survey');
    expect(got.status, got.text).toBe(200);
    const survey = got.json();
    expect(survey).toMatchObject({ version: 0, sentAt: null, editable: true });
    expect(survey.questions.map((q: Json) => q.id)).toEqual(DEFAULT_QUESTIONS.map((q) => q.id));
    expect(survey.questions[0].text).toMatchObject({ kk: expect.any(String), ru: expect.any(String) });

    expect((await call('patrol-a', 'GET', '/survey')).status).toBe(403);
    expect((await call('outsider', 'GET', '/survey')).status).toBe(403);
    expect((await call('far-director', 'GET', '/survey')).status).toBe(404);
    expect((await call('evaluator', 'GET', '/survey')).status).toBe(403);
    const edit = {
      version: 0,
      questions: [
        ...survey.questions,
        {
          id: 'radio',
          kind: 'rating',
          roles: ['player'],
          required: false,
          text: { en: 'How clear was the radio?' },
        },
      ],
    };
    expect((await call('evaluator', 'PUT', '/survey', edit)).status).toBe(403);
    expect((await call('far-director', 'PUT', '/survey', edit)).status).toBe(404);

    // Bad input is refused naming the field.
    const noRoles = { ...edit, questions: [{ ...edit.questions.at(-1), roles: [] }] };
    const refused = await call('planner', 'PUT', '/survey', noRoles);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.text).toContain('roles');
    const twice = { ...edit, questions: [edit.questions[0], edit.questions[0]] };
    expect((await call('planner', 'PUT', '/survey', twice)).json()).toMatchObject({
      code: 'invalid_input',
      field: 'questions/1/id',
    });
    const unworded = { ...edit, questions: [{ ...edit.questions.at(-1), text: { en: '  ' } }] };
    expect((await call('planner', 'PUT', '/survey', unworded)).json()).toMatchObject({
      field: 'questions/0/text',
    });

    const saved = await call('planner', 'PUT', '/survey', edit);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1 });
    expect((await call('planner', 'PUT', '/survey', edit)).json()).toMatchObject({ code: 'stale_version' });
  });

  it('takes no answers before ENDEX', async () => {
    const form = await call('patrol-a', 'GET', '/survey/mine');
    expect(form.status, form.text).toBe(200);
    expect(form.json()).toMatchObject({ role: 'player', open: false, answered: null });
    expect((await answer('patrol-a', PLAYER_ANSWERS)).json()).toMatchObject({ code: 'survey_not_open' });
  });

  it('sends the survey at ENDEX through the outbox: inboxes and e-mail, marked as exercise traffic', async () => {
    await clockCommand(ctx, who, controllerActor, fx.exerciseId, {
      command: 'endex',
      reason: 'objectives met',
    });
    const fanouts = await ctx.db.kysely
      .selectFrom('fanouts')
      .selectAll()
      .where('source_kind', '=', 'survey')
      .where('source_id', '=', fx.exerciseId)
      .execute();
    expect(fanouts).toHaveLength(1);
    expect(fanouts[0]).toMatchObject({ mode: 'exercise', exercise_id: fx.exerciseId });
    await deliver();
    const deliveries = await ctx.db.kysely
      .selectFrom('deliveries')
      .select(['channel', 'address', 'status', 'mode'])
      .where('source_kind', '=', 'survey')
      .where('source_id', '=', fx.exerciseId)
      .execute();
    // Five accounts with a seat (in-app) and four phone-book e-mail addresses.
    expect(deliveries.filter((d) => d.channel === 'inapp')).toHaveLength(5);
    expect(deliveries.filter((d) => d.channel === 'email')).toHaveLength(4);
    expect(deliveries.every((d) => d.status === 'sent' && d.mode === 'exercise')).toBe(true);

    const inbox = await ctx.db.kysely
      .selectFrom('inbox_messages')
      .select(['user_id', 'title'])
      .where('source_kind', '=', 'survey')
      .where('exercise_id', '=', fx.exerciseId)
      .execute();
    expect(new Set(inbox.map((m) => m.user_id))).toEqual(
      new Set(['patrol-a', 'patrol-b', 'medic', 'controller', 'director'].map((u) => ids.get(u)!)),
    );
    for (const m of inbox) expect(m.title.startsWith(EXERCISE_HEAD)).toBe(true);

    const mails = await smtp.waitFor(4);
    const surveyMails = mails.filter((m) => m.text?.includes(`/console/survey/${fx.exerciseId}`));
    expect(surveyMails).toHaveLength(4);
    const ru = surveyMails.find((m) => (m.to as { text: string }).text.includes('patrol-a@'))!;
    expect(ru.subject).toContain(EXERCISE_HEAD);
    expect(ru.subject).toContain('Опрос участников');
    const kk = surveyMails.find((m) => (m.to as { text: string }).text.includes('patrol-b@'))!;
    expect(kk.subject).toContain('Қатысушылар сауалнамасы');

    // Sent: the questions are frozen.
    const late = await call('planner', 'PUT', '/survey', { version: 1, questions: DEFAULT_QUESTIONS });
    expect(late.json()).toMatchObject({ code: 'survey_sent' });
  });

  it('refuses bad answers naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...PLAYER_ANSWERS, objectives: 7 }, 'answers/objectives'],
      [{ ...PLAYER_ANSWERS, objectives: 2.5 }, 'answers/objectives'],
      [{ ...PLAYER_ANSWERS, 'injects-in-time': 'yes' }, 'answers/injects-in-time'],
      [{ ...PLAYER_ANSWERS, observable: true }, 'answers/observable'],
      [{ ...PLAYER_ANSWERS, nonsense: 1 }, 'answers/nonsense'],
      [{ ...PLAYER_ANSWERS, realism: undefined }, 'answers/realism'],
      [{ ...PLAYER_ANSWERS, strengths: 'a'.repeat(2001) }, 'answers/strengths'],
    ];
    for (const [answers, field] of cases) {
      const r = await answer('patrol-a', answers);
      expect(r.status, `${field}: ${r.text}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      expect(r.text).toContain(field.replace('answers/', ''));
    }
    const worded = async (answers: Record<string, unknown>, lang: string) =>
      (await call('patrol-a', 'POST', '/survey/responses', { anonymous: false, answers }, lang)).json();
    const rating = { ...PLAYER_ANSWERS, objectives: 7 };
    expect(await worded(rating, 'en')).toMatchObject({
      detail: 'answers/objectives: must be a whole number from 1 to 5',
    });
    expect(await worded(rating, 'kk')).toMatchObject({
      detail: 'answers/objectives: бүтін сан болуы керек: кемінде 1, ең көбі 5',
    });
    expect(await worded({ ...PLAYER_ANSWERS, observable: true }, 'ru')).toMatchObject({
      detail: 'answers/observable: не является вопросом для вашей роли в этом опросе',
    });
    const noFlag = await call('patrol-a', 'POST', '/survey/responses', { answers: PLAYER_ANSWERS });
    expect(noFlag.status).toBe(400);
    expect(noFlag.text).toContain('anonymous');
  });

  it('takes each participant’s answers once, and an anonymous answer without the account', async () => {
    const named = await answer('patrol-a', { ...PLAYER_ANSWERS, radio: 4 });
    expect(named.status, named.text).toBe(200);
    expect(named.json()).toMatchObject({ answered: { anonymous: false } });
    const anon = await answer('patrol-b', { ...PLAYER_ANSWERS, objectives: 2, coordination: true }, true);
    expect(anon.status, anon.text).toBe(200);
    expect(anon.json()).toMatchObject({ answered: { anonymous: true } });
    // Once per person, whether the second try is anonymous or not.
    expect((await answer('patrol-b', PLAYER_ANSWERS)).json()).toMatchObject({ code: 'survey_answered' });
    expect((await answer('patrol-a', PLAYER_ANSWERS, true)).json()).toMatchObject({
      code: 'survey_answered',
    });

    const controller = await answer('controller', {
      objectives: 5,
      realism: 4,
      preparation: 4,
      coordination: true,
      control: 5,
      improvements: 'Fewer paper forms',
    });
    expect(controller.status, controller.text).toBe(200);
    expect(controller.json()).toMatchObject({ role: 'controller' });

    const rows = await ctx.db.kysely
      .selectFrom('survey_responses')
      .selectAll()
      .where('exercise_id', '=', fx.exerciseId)
      .execute();
    expect(rows).toHaveLength(3);
    const anonymous = rows.filter((r) => r.anonymous === 1);
    expect(anonymous).toHaveLength(1);
    expect(anonymous[0]!.user_id).toBeNull();
    // Nothing in the anonymous row names the account.
    expect(JSON.stringify(anonymous[0])).not.toContain(ids.get('patrol-b')!);
    expect(rows.find((r) => r.anonymous === 0 && r.role === 'player')!.user_id).toBe(ids.get('patrol-a'));
    // Nor does the audit log.
    const audit = await ctx.db.kysely
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', ids.get('patrol-b')!)
      .execute();
    expect(audit.filter((a) => a.action !== 'auth.login')).toEqual([]);
  });

  it('answers only the exercise’s own participants', async () => {
    const benched = await answer('benched', PLAYER_ANSWERS);
    expect(benched.status).toBe(403);
    expect(benched.json()).toMatchObject({ code: 'not_a_participant' });
    expect((await call('benched', 'GET', '/survey/mine')).json()).toMatchObject({
      code: 'not_a_participant',
    });
    expect((await answer('outsider', PLAYER_ANSWERS)).status).toBe(404);
    expect((await call('patrol-a', 'GET', '/survey/mine')).json()).toMatchObject({
      open: true,
      answered: { anonymous: false },
    });
  });

  it('summarises per role and question for directors and evaluators in scope', async () => {
    for (const who of ['patrol-a', 'planner', 'controller']) {
      expect((await call(who, 'GET', '/survey/summary')).status, who).toBe(403);
    }
    for (const who of ['far-director', 'far-evaluator']) {
      expect((await call(who, 'GET', '/survey/summary')).status, who).toBe(404);
    }
    const evaluator = await call('evaluator', 'GET', '/survey/summary');
    expect(evaluator.status, evaluator.text).toBe(200);
    const r = await call('director', 'GET', '/survey/summary');
    expect(r.status, r.text).toBe(200);
    const summary = r.json();
    expect(summary).toEqual(await surveySummary(ctx, fx.exerciseId));
    expect(summary).toMatchObject({ invited: 5, responses: 3, anonymous: 1 });
    const players = summary.roles.find((x: Json) => x.role === 'player');
    expect(players).toMatchObject({ invited: 3, responses: 2 });
    const q = (id: string) => players.questions.find((x: Json) => x.questionId === id);
    expect(q('objectives')).toMatchObject({
      kind: 'rating',
      answered: 2,
      average: 3,
      distribution: [0, 1, 0, 1, 0],
    });
    expect(q('coordination')).toMatchObject({ kind: 'yes-no', yes: 1, no: 1 });
    expect(q('radio')).toMatchObject({ kind: 'rating', answered: 1, average: 4 });
    expect(q('strengths')).toMatchObject({
      kind: 'text',
      answers: ['Cordon set up fast', 'Cordon set up fast'],
    });
    const controllers = summary.roles.find((x: Json) => x.role === 'controller');
    expect(controllers).toMatchObject({ invited: 1, responses: 1 });
    expect(controllers.questions.find((x: Json) => x.questionId === 'control')).toMatchObject({ average: 5 });
    expect(summary.roles.find((x: Json) => x.role === 'director')).toMatchObject({
      invited: 1,
      responses: 0,
    });
  });
});
