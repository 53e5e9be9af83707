import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { AppError } from '../../src/errors.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import {
  commCheck,
  confirmCommCheck,
  startCommCheck,
} from '../../src/services/conduct/comm-check.service.js';
import { switchNoPlay } from '../../src/services/conduct/no-play.service.js';
import type { AppContext } from '../../src/services/context.js';
import { playerView } from '../../src/services/play/play.service.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

const ORG = 'org-karaganda-ctc';
const grant = (role: string, scope: { organisationId?: string; exerciseId?: string } = {}): Actor => ({
  userId: `u-${role}`,
  grants: [
    {
      role: role as 'controller',
      organisationId: scope.organisationId ?? null,
      exerciseId: scope.exerciseId ?? null,
    },
  ],
});
const director = grant('director', { organisationId: ORG });
const who = { userId: 'u-director', name: 'Director Nurlan' };
const T0 = Date.parse(PLANNED_START);

async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

/**
 * The communication check before STARTEX, on both engines with a real SMTP server: one round
 * reaches every player's inbox and every player contact of the phone book (never a controller's),
 * marked as exercise traffic; the control room sees per player and way where it stands; a player
 * confirms it in the player view; rounds are numbered; NO PLAY holds them and ENDEX ends them.
 */
describe.each(ENGINES)('communication check on %s', (engine) => {
  let ctx: AppContext;
  let smtp: TestSmtp;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  let medic: Actor;
  let medicInfo: { userId: string; name: string };
  const now = T0 - 3_600_000;

  const deliver = async () => {
    await new FanOutWorker(ctx).drain();
    return new OutboxDispatcher(ctx).drain();
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(rt.ctx.db, { ...rt.ctx.config, smtpUrl: smtp.url }, { now: () => new Date(now) });
    await ctx.db.kysely
      .insertInto('organisations')
      .values({ id: ORG, name: 'Karaganda CTC', short_name: null, kind: 'police', created_at: PLANNED_START })
      .execute();
    fx = await buildConductExercise(ctx);
    await ctx.db.kysely
      .updateTable('exercises')
      .set({ lead_organisation_id: ORG })
      .where('id', '=', fx.exerciseId)
      .execute();
    const u = await createUser(ctx, SYSTEM_ACTOR, null, {
      username: `medic-${randomUUID().slice(0, 8)}`,
      displayName: 'Paramedic',
      password: 'comm check passphrase one',
      grants: [{ role: 'player', exerciseId: fx.exerciseId }],
    });
    medic = { userId: u.id, grants: [{ role: 'player', organisationId: null, exerciseId: fx.exerciseId }] };
    medicInfo = { userId: u.id, name: 'Paramedic' };
    await ctx.db.kysely
      .updateTable('exercise_people')
      .set({ user_id: u.id })
      .where('exercise_id', '=', fx.exerciseId)
      .where('name', '=', 'Paramedic')
      .execute();
  });
  afterAll(async () => {
    await ctx.channels.close();
    await smtp.close();
    await drop();
  });

  it('is started only by those who run this exercise', async () => {
    for (const actor of [
      grant('evaluator'),
      grant('planner'),
      grant('player', { exerciseId: fx.exerciseId }),
      grant('controller', { organisationId: 'org-other' }),
      grant('controller', { exerciseId: randomUUID() }),
    ])
      expect(await outcome(startCommCheck(ctx, who, actor, fx.exerciseId))).toBe('forbidden');
    expect(await outcome(commCheck(ctx, grant('player', { exerciseId: fx.exerciseId }), fx.exerciseId))).toBe(
      'forbidden',
    );
    const before = await commCheck(ctx, director, fx.exerciseId);
    expect(before.round).toBeNull();
    expect(before.counts).toMatchObject({ people: 3, reached: 0, unreachable: 0, not_in_round: 4 });
  });

  it('reaches every player on every way, marked, and shows who received it', async () => {
    const started = await startCommCheck(
      ctx,
      who,
      grant('controller', { exerciseId: fx.exerciseId }),
      fx.exerciseId,
    );
    expect(started.round).toMatchObject({ number: 1, startedBy: 'Director Nurlan' });
    expect(started.counts).toMatchObject({ people: 3, reached: 0, waiting: 4 });

    expect(await deliver()).toBe(4);
    const mails = await smtp.waitFor(3);
    // Players only: the controller's address is in the phone book too, and hears nothing.
    expect(mails.map((m) => (m.to as { text: string }).text).sort()).toEqual([
      'medic@ambulance.example.kz',
      'patrol-a@police.example.kz',
      'patrol-b@police.example.kz',
    ]);
    for (const m of mails) {
      expect(m.subject).toMatch(/^EXERCISE EXERCISE EXERCISE/);
      expect(m.text).toContain('Karaganda full-scale');
    }
    const russian = mails.find((m) => (m.to as { text: string }).text.startsWith('patrol-a'))!;
    expect(russian.subject).toContain('Проверка связи (раунд 1): Karaganda full-scale');
    const kazakh = mails.find((m) => (m.to as { text: string }).text.startsWith('patrol-b'))!;
    expect(kazakh.subject).toContain('Байланысты тексеру (кезең 1)');

    const view = await commCheck(ctx, director, fx.exerciseId);
    expect(view.counts).toMatchObject({ people: 3, reached: 3, sent: 3, delivered: 1, waiting: 0 });
    const paramedic = view.people.find((p) => p.name === 'Paramedic')!;
    expect(paramedic.ways.map((w) => [w.channel, w.state])).toEqual([
      ['inapp', 'delivered'],
      ['email', 'sent'],
    ]);
    expect(paramedic.ways[1]!.address).toBe('medic@ambulance.example.kz');
  });

  it('lets the player confirm it once in the player view', async () => {
    const mine = (await playerView(ctx, medic, fx.exerciseId)).commCheck!;
    expect(mine).toMatchObject({ round: 1, confirmedAt: null });
    expect(mine.title).toMatch(/^EXERCISE EXERCISE EXERCISE/);
    const first = await confirmCommCheck(ctx, medicInfo, medic, fx.exerciseId);
    expect(first.confirmedAt).toBe(new Date(now).toISOString());
    const again = await confirmCommCheck(ctx, medicInfo, medic, fx.exerciseId);
    expect(again.confirmedAt).toBe(first.confirmedAt);
    const confirmations = await ctx.db.kysely
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'comm_check.confirmed')
      .where('subject_id', '=', fx.exerciseId)
      .execute();
    expect(confirmations).toHaveLength(1);
    const view = await commCheck(ctx, director, fx.exerciseId);
    expect(view.people.find((p) => p.name === 'Paramedic')!.ways[0]).toMatchObject({
      channel: 'inapp',
      state: 'confirmed',
    });
    // Another exercise's player does not even learn this one exists.
    const stranger = grant('player', { exerciseId: randomUUID() });
    expect(await outcome(confirmCommCheck(ctx, medicInfo, stranger, fx.exerciseId))).toBe('not_found');
  });

  it('numbers its rounds, waits under NO PLAY, and is refused after ENDEX', async () => {
    await clockCommand(ctx, who, director, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'comm check rehearsal of STARTEX an hour early',
    });
    await switchNoPlay(ctx, who, director, fx.exerciseId, true, 'A real fire at the prison');
    const second = await startCommCheck(ctx, who, director, fx.exerciseId);
    expect(second.round!.number).toBe(2);
    expect(await deliver()).toBe(0);
    expect((await commCheck(ctx, director, fx.exerciseId)).counts).toMatchObject({ waiting: 4, reached: 0 });
    await switchNoPlay(ctx, who, director, fx.exerciseId, false, 'The fire is out');
    expect(await deliver()).toBe(4);
    await smtp.waitFor(6);
    // The player's view offers the new round, not yet confirmed.
    expect((await playerView(ctx, medic, fx.exerciseId)).commCheck).toMatchObject({
      round: 2,
      confirmedAt: null,
    });
    await clockCommand(ctx, who, director, fx.exerciseId, { command: 'endex', reason: 'done' });
    expect(await outcome(startCommCheck(ctx, who, director, fx.exerciseId))).toBe('comm_check_ended');
  });
});
