/**
 * Metrics measured from the history, on SQLite and PostgreSQL: a compressed exercise is played
 * through the services (STARTEX, injects fired, delivered in-app through the outbox, acknowledged,
 * reported on) on a clock the test moves, and every figure of `exerciseMetrics` is checked against
 * one computed here independently: from the event log (fired, acknowledged, reported, each event
 * of a player's acknowledgement or report followed by their own inbox event naming them) and from
 * the raw delivery rows, read whole and folded in plain code.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { exerciseMetrics, type ExerciseMetrics } from '../../src/services/evaluation/metrics.service.js';
import { updateObjective } from '../../src/services/planning/objectives.service.js';
import { acknowledgeInject, reportOnInject } from '../../src/services/play/play.service.js';
import { createUser } from '../../src/services/users.service.js';
import { buildConductExercise, PLANNED_START, type ConductFixture } from '../support/conduct.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const controller: Actor = {
  userId: 'u-c',
  grants: [{ role: 'controller', organisationId: null, exerciseId: null }],
};
const director: Actor = {
  userId: 'u-d',
  grants: [{ role: 'director', organisationId: null, exerciseId: null }],
};
const who = { userId: 'u-c', name: 'Controller Aigerim' };
const MINUTE = 60_000;

describe.each(ENGINES)('exercise metrics from the history on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let fx: ConductFixture;
  let now = Date.parse(PLANNED_START);
  let runs: Record<string, string>;
  let metrics: ExerciseMetrics;
  const players = new Map<string, { id: string; actor: Actor; info: { userId: string; name: string } }>();
  const plan = { objective: randomUUID(), target: randomUUID(), capability: randomUUID() };
  const tasks = { ackPatrol: '', actMedics: '', lateAck: '', text: '' };

  const advance = (minutes: number) => {
    now += minutes * MINUTE;
  };
  const deliver = async () => {
    await new FanOutWorker(ctx).drain();
    await new OutboxDispatcher(ctx).drain();
  };
  const fire = (number: string) =>
    injectAction(ctx, who, controller, fx.exerciseId, runs[number]!, 'fire', 'on cue');
  const ack = (player: string, number: string) => {
    const p = players.get(player)!;
    return acknowledgeInject(ctx, p.info, p.actor, fx.exerciseId, runs[number]!);
  };
  const report = (player: string, number: string, text: string) => {
    const p = players.get(player)!;
    return reportOnInject(ctx, p.info, p.actor, fx.exerciseId, runs[number]!, { text });
  };

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = { ...rt.ctx, clock: { now: () => new Date(now) } };
    fx = await buildConductExercise(ctx);
    const db = ctx.db.kysely;
    for (const [username, seat] of [
      ['patrol-a', 'Patrol officer A'],
      ['patrol-b', 'Patrol officer B'],
      ['medic', 'Paramedic'],
    ] as const) {
      const u = await createUser(ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: seat,
        password: 'metrics passphrase',
        grants: [{ role: 'player', organisationId: null }],
      });
      players.set(username, {
        id: u.id,
        actor: { userId: u.id, grants: [{ role: 'player', organisationId: null, exerciseId: null }] },
        info: { userId: u.id, name: seat },
      });
      await db
        .updateTable('exercise_people')
        .set({ user_id: u.id })
        .where('exercise_id', '=', fx.exerciseId)
        .where('name', '=', seat)
        .execute();
    }
    await db
      .insertInto('core_capabilities')
      .values({
        id: plan.capability,
        name: 'On-scene security',
        mission_area: 'response',
        description: '',
        builtin: 0,
      })
      .execute();
    await db
      .insertInto('objectives')
      .values({ id: plan.objective, exercise_id: fx.exerciseId, position: 1, text: 'Cordon in 10 minutes' })
      .execute();
    await db
      .insertInto('capability_targets')
      .values({
        id: plan.target,
        objective_id: plan.objective,
        core_capability_id: plan.capability,
        text: 'Outer cordon',
        position: 1,
      })
      .execute();
    const directorInfo = { userId: 'u-d', name: 'Director Dana' };
    await updateObjective(ctx, directorInfo, director, fx.exerciseId, plan.objective, {
      capabilityTargets: [
        {
          id: plan.target,
          coreCapabilityId: plan.capability,
          text: 'Outer cordon',
          criticalTasks: [
            {
              text: 'Patrol acknowledges the shooting report within 5 minutes',
              criterion: {
                kind: 'inject_step',
                injectNumber: '3',
                step: 'acknowledged',
                teamId: fx.teams.patrol,
                withinMinutes: 5,
              },
            },
            {
              text: 'Medics report action on inject 2 within 15 minutes',
              criterion: { kind: 'inject_step', injectNumber: '2', step: 'first_action', withinMinutes: 15 },
            },
            {
              text: 'Medics acknowledge inject 1 within 2 minutes',
              criterion: {
                kind: 'inject_step',
                injectNumber: '1',
                step: 'acknowledged',
                teamId: fx.teams.medics,
                withinMinutes: 2,
              },
            },
            { text: 'Cordon is orderly' },
          ],
        },
      ],
    });
    const ids = (await db
      .selectFrom('critical_tasks')
      .select(['id', 'position'])
      .where('capability_target_id', '=', plan.target)
      .orderBy('position')
      .execute()) as { id: string }[];
    [tasks.ackPatrol, tasks.actMedics, tasks.lateAck, tasks.text] = ids.map((r) => r.id) as [
      string,
      string,
      string,
      string,
    ];

    // The compressed exercise: STARTEX, then each step a few minutes apart on the test's clock.
    await clockCommand(ctx, who, controller, fx.exerciseId, {
      command: 'startex',
      confirmName: fx.name,
      plannedStart: PLANNED_START,
      reason: 'compressed replay',
    });
    runs = Object.fromEntries(
      (await listInjects(ctx, controller, fx.exerciseId)).map((r) => [r.number, r.id]),
    );
    advance(1);
    await fire('1'); // every player
    advance(1);
    await deliver();
    advance(2);
    await ack('patrol-a', '1');
    advance(1);
    await ack('medic', '1'); // 4 minutes after firing: late for its 2-minute target
    advance(1);
    await fire('3'); // the patrol's
    await fire('2'); // the medics'
    advance(1);
    await deliver();
    advance(2);
    await ack('patrol-b', '3'); // 3 minutes: in time
    advance(1);
    await ack('patrol-a', '3');
    await report('patrol-a', '3', 'Outer cordon set at the prison gate');
    advance(3);
    await report('patrol-b', '3', 'Second cordon line held');
    await report('patrol-a', '1', 'Checked in at the command post');
    // The medics never report on inject 2; after ENDEX that task is missed, not pending.
    advance(5);
    await clockCommand(ctx, who, controller, fx.exerciseId, { command: 'endex', reason: 'play complete' });
    advance(1);
    metrics = await exerciseMetrics(ctx, fx.exerciseId);
  });
  afterAll(async () => {
    await ctx?.channels.close();
    await drop?.();
  });

  /** Each inject's and each team's steps, computed here from the event log and the raw deliveries. */
  async function independently() {
    const db = ctx.db.kysely;
    const events = await db
      .selectFrom('events')
      .select(['seq', 'at', 'type', 'subject_id', 'payload', 'user_id'])
      .where('exercise_id', '=', fx.exerciseId)
      .orderBy('seq')
      .execute();
    const people = await db
      .selectFrom('exercise_people')
      .select(['id', 'user_id', 'team_id'])
      .where('exercise_id', '=', fx.exerciseId)
      .execute();
    const contacts = await db.selectFrom('exercise_contacts').select(['id', 'person_id']).execute();
    const teamOfUser = new Map(people.map((p) => [p.user_id, p.team_id]));
    const teamOfPerson = new Map(people.map((p) => [p.id, p.team_id]));
    const personOfContact = new Map(contacts.map((c) => [c.id, c.person_id]));
    type Steps = { fired?: string; delivered?: string; acknowledged?: string; firstAction?: string };
    const whole = new Map<string, Steps>();
    const perTeam = new Map<string, Steps>();
    const first = (m: Map<string, Steps>, key: string, step: keyof Steps, at: string) => {
      const s = m.get(key) ?? {};
      if (!s[step] || Date.parse(at) < Date.parse(s[step])) s[step] = at;
      m.set(key, s);
    };
    events.forEach((e, i) => {
      const payload = JSON.parse(e.payload) as { status?: string; what?: string };
      if (e.type === 'inject.changed' && payload.status === 'fired')
        first(whole, e.subject_id!, 'fired', e.at);
      // The in-app channel also tells of a delivery; deliveries are counted from their own rows below.
      if (e.type !== 'inject.progress' || (payload.what !== 'acknowledged' && payload.what !== 'reported'))
        return;
      // The same transaction wrote the player's own inbox event right after: it names who it was.
      const mine = events.slice(i + 1).find((n) => n.type === 'inbox.changed');
      const team = teamOfUser.get(mine?.user_id ?? null) ?? null;
      const step = payload.what === 'acknowledged' ? 'acknowledged' : 'firstAction';
      first(whole, e.subject_id!, step, e.at);
      first(perTeam, `${e.subject_id}/${team}`, step, e.at);
    });
    const deliveries = await db
      .selectFrom('deliveries')
      .select(['source_id', 'recipient_id', 'acknowledged_at', 'exercise_id', 'source_kind'])
      .execute();
    for (const d of deliveries) {
      if (d.exercise_id !== fx.exerciseId || d.source_kind !== 'inject' || !d.acknowledged_at) continue;
      const person = personOfContact.get(d.recipient_id!) ?? d.recipient_id!;
      first(whole, d.source_id, 'delivered', d.acknowledged_at);
      first(perTeam, `${d.source_id}/${teamOfPerson.get(person) ?? null}`, 'delivered', d.acknowledged_at);
    }
    return { whole, perTeam };
  }

  it('measures fired → delivered → acknowledged → first action per inject as the event log tells it', async () => {
    const { whole } = await independently();
    expect(metrics.ended).toBe(true);
    expect(metrics.injects.map((i) => i.number)).toEqual(['1', '2', '3']);
    for (const i of metrics.injects) {
      const s = whole.get(i.injectId)!;
      expect({
        fired: i.firedAt,
        delivered: i.deliveredAt,
        ack: i.acknowledgedAt,
        act: i.firstActionAt,
      }).toEqual({
        fired: s.fired,
        delivered: s.delivered ?? null,
        ack: s.acknowledged ?? null,
        act: s.firstAction ?? null,
      });
      const since = (at: string | undefined) => (at ? Date.parse(at) - Date.parse(s.fired!) : null);
      expect([i.toDeliveredMs, i.toAcknowledgedMs, i.toFirstActionMs]).toEqual([
        since(s.delivered),
        since(s.acknowledged),
        since(s.firstAction),
      ]);
    }
    // The figures the script played: inject 3 delivered a minute after firing, acknowledged at 3.
    const three = metrics.injects.find((i) => i.number === '3')!;
    expect([three.toDeliveredMs, three.toAcknowledgedMs, three.toFirstActionMs]).toEqual([
      1 * MINUTE,
      3 * MINUTE,
      4 * MINUTE,
    ]);
  });

  it('measures each team on each inject, and each team over its injects', async () => {
    const { perTeam } = await independently();
    for (const i of metrics.injects)
      for (const t of i.teams) {
        const s = perTeam.get(`${i.injectId}/${t.teamId}`) ?? {};
        expect([t.deliveredAt, t.acknowledgedAt, t.firstActionAt], `${i.number} ${t.teamName}`).toEqual([
          s.delivered ?? null,
          s.acknowledged ?? null,
          s.firstAction ?? null,
        ]);
      }
    // Inject 1 went to every team; inject 3 to the patrol only.
    expect(metrics.injects[0]!.teams.map((t) => t.teamName)).toEqual(['Medics', 'Patrol 7']);
    expect(metrics.injects[2]!.teams.map((t) => t.teamName)).toEqual(['Patrol 7']);
    const medics = metrics.teams.find((t) => t.teamId === fx.teams.medics)!;
    expect(medics.injects).toBe(2);
    expect(medics.toAcknowledged).toMatchObject({ count: 1, medianMs: 4 * MINUTE });
    expect(medics.toFirstAction.count).toBe(0);
    const patrol = metrics.teams.find((t) => t.teamId === fx.teams.patrol)!;
    expect(patrol.toAcknowledged).toMatchObject({ count: 2, medianMs: 3 * MINUTE });
  });

  it('judges each critical task by the first time it was reached, and shares the objective’s tasks met', () => {
    const byId = new Map(metrics.criticalTasks.map((k) => [k.taskId, k]));
    expect(byId.get(tasks.ackPatrol)).toMatchObject({
      status: 'met',
      afterMs: 3 * MINUTE,
      targetMs: 5 * MINUTE,
    });
    expect(byId.get(tasks.lateAck)).toMatchObject({
      status: 'missed',
      afterMs: 4 * MINUTE,
      targetMs: 2 * MINUTE,
    });
    expect(byId.get(tasks.actMedics)).toMatchObject({ status: 'missed', at: null });
    expect(byId.get(tasks.text)).toMatchObject({ status: 'unmeasured', criterion: null });
    expect(metrics.objectives).toEqual([
      expect.objectContaining({ objectiveId: plan.objective, tasks: 4, measured: 3, met: 1, share: 1 / 3 }),
    ]);
  });

  it('a late acknowledgement stays late when the row is read again later', async () => {
    advance(600);
    const again = await exerciseMetrics(ctx, fx.exerciseId);
    expect(again.criticalTasks.map((k) => k.status)).toEqual(metrics.criticalTasks.map((k) => k.status));
    expect(again.injects).toEqual(metrics.injects);
  });
});
