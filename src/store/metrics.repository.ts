import { sql } from 'kysely';
import type { Q } from '../services/context.js';

/** The earliest time of one step of one inject for one team (null: players without a team). */
export interface StepRow {
  injectId: string;
  teamId: string | null;
  at: string;
}

/** A fired inject: when, to which teams. */
export interface FiredRun {
  id: string;
  number: string;
  title: string;
  position: number;
  fired_at: string;
  to_team_ids: string;
}

/**
 * The history the metrics are computed from, as SQL aggregates over one exercise: each step's first
 * time per inject and team. Each time was stamped once when the step happened (a delivery's
 * acceptance, an acknowledgement, a report), so these minima are the history's, not today's state.
 * The indexes of migration 0032 lead with the exercise, so each aggregate reads one exercise's rows.
 */
export const metricsRepository = {
  /** Fired injects of the exercise, in MSEL order. */
  firedRuns: (db: Q, exerciseId: string): Promise<FiredRun[]> =>
    db
      .selectFrom('inject_runs')
      .select(['id', 'number', 'title', 'position', 'to_team_ids'])
      .select(sql<string>`fired_at`.as('fired_at'))
      .where('exercise_id', '=', exerciseId)
      .where('fired_at', 'is not', null)
      .orderBy('position')
      .execute(),

  /**
   * First delivery accepted by its channel, per inject and team. An in-app delivery is addressed to
   * the player (exercise_people); one by the phone book to their contact, which names the player.
   */
  delivered: async (db: Q, exerciseId: string): Promise<StepRow[]> => {
    const rows = await db
      .selectFrom('deliveries as d')
      .leftJoin('exercise_contacts as c', 'c.id', 'd.recipient_id')
      .leftJoin('exercise_people as p', (j) =>
        j.on('p.id', '=', sql<string>`coalesce(c.person_id, d.recipient_id)`),
      )
      .select((eb) => [
        'd.source_id as injectId',
        'p.team_id as teamId',
        eb.fn.min<string>('d.acknowledged_at').as('at'),
      ])
      .where('d.exercise_id', '=', exerciseId)
      .where('d.source_kind', '=', 'inject')
      .where('d.acknowledged_at', 'is not', null)
      .groupBy(['d.source_id', 'p.team_id'])
      .execute();
    return rows;
  },

  /** First acknowledgement in a player's inbox, per inject and the team of the player it was delivered to. */
  acknowledged: (db: Q, exerciseId: string): Promise<StepRow[]> =>
    db
      .selectFrom('inbox_messages as m')
      .innerJoin('deliveries as d', 'd.id', 'm.delivery_id')
      .leftJoin('exercise_people as p', 'p.id', 'd.recipient_id')
      .select((eb) => [
        'm.source_id as injectId',
        'p.team_id as teamId',
        eb.fn.min<string>('m.acknowledged_at').as('at'),
      ])
      .where('m.exercise_id', '=', exerciseId)
      .where('m.source_kind', '=', 'inject')
      .where('m.acknowledged_at', 'is not', null)
      .groupBy(['m.source_id', 'p.team_id'])
      .execute(),

  /** First report of action, per inject and the team the reporter was in when they reported. */
  firstAction: (db: Q, exerciseId: string): Promise<StepRow[]> =>
    db
      .selectFrom('player_reports')
      .select((eb) => [
        'inject_run_id as injectId',
        'team_id as teamId',
        eb.fn.min<string>('created_at').as('at'),
      ])
      .where('exercise_id', '=', exerciseId)
      .groupBy(['inject_run_id', 'team_id'])
      .execute(),

  /** Whether play is over: the clock's last command was ENDEX. */
  ended: async (db: Q, exerciseId: string): Promise<boolean> => {
    const last = await db
      .selectFrom('clock_events')
      .select('command')
      .where('exercise_id', '=', exerciseId)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return last?.command === 'endex';
  },

  /** The exercise's critical tasks with their objective, in plan order. */
  criticalTasks: (db: Q, exerciseId: string) =>
    db
      .selectFrom('critical_tasks as k')
      .innerJoin('capability_targets as t', 't.id', 'k.capability_target_id')
      .innerJoin('objectives as o', 'o.id', 't.objective_id')
      .select([
        'k.id',
        'k.text',
        'k.criterion',
        'o.id as objectiveId',
        'o.text as objectiveText',
        'o.position as objectivePosition',
      ])
      .where('o.exercise_id', '=', exerciseId)
      .orderBy('o.position')
      .orderBy('t.position')
      .orderBy('k.position')
      .execute(),

  /** Objectives, so one with no critical task still shows. */
  objectives: (db: Q, exerciseId: string) =>
    db
      .selectFrom('objectives')
      .select(['id', 'text', 'position'])
      .where('exercise_id', '=', exerciseId)
      .orderBy('position')
      .execute(),

  teams: (db: Q, exerciseId: string) =>
    db
      .selectFrom('teams')
      .select(['id', 'name'])
      .where('exercise_id', '=', exerciseId)
      .orderBy('name')
      .execute(),

  /** Alert messages made in the exercise (its alert-system drill), approved ones. */
  alerts: (db: Q, exerciseId: string) =>
    db
      .selectFrom('alerts')
      .select(['id', 'thread_id', 'sequence', 'msg_type', 'hazard', 'approved_at', 'state'])
      .where('exercise_id', '=', exerciseId)
      .orderBy('thread_id')
      .orderBy('sequence')
      .execute(),
};
