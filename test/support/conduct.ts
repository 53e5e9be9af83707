import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../src/services/context.js';
import type { Insertable } from 'kysely';
import type { MselEventTable } from '../../src/store/schema.js';
import { insertExercise } from './exercise-row.js';

export const PLANNED_START = '2026-10-25T04:00:00.000Z';

export interface ConductFixture {
  exerciseId: string;
  name: string;
  teams: { patrol: string; medics: string };
  /** The MSEL's injects by number, with their exercise time in minutes. */
  events: Record<string, { id: string; minutes: number }>;
}

/**
 * A ready exercise for conduct tests: two teams (a police patrol with two players, medics with
 * one), each player with an e-mail in the phone book, a controller outside any team, and four injects
 * at H+00:10, H+00:20, H+00:30 (patrol only) and H+01:00, plus a contingency inject.
 */
export async function buildConductExercise(
  ctx: AppContext,
  name = 'Karaganda full-scale',
  /** More injects to every team, "X1", "X2"…, one a minute from H+00:02 (load and crash tests). */
  extraInjects = 0,
): Promise<ConductFixture> {
  const db = ctx.db.kysely;
  const exerciseId = randomUUID();
  const at = new Date().toISOString();
  await insertExercise(db, {
    id: exerciseId,
    name,
    status: 'ready',
    startex: PLANNED_START,
    endex: '2026-10-25T12:00:00.000Z',
    city: 'Karaganda',
    msel_approval: 'approved',
    created_at: at,
  });
  const teams = { patrol: randomUUID(), medics: randomUUID() };
  await db
    .insertInto('teams')
    .values([
      { id: teams.patrol, exercise_id: exerciseId, name: 'Patrol 7', organisation_id: null, unit_id: null },
      { id: teams.medics, exercise_id: exerciseId, name: 'Medics', organisation_id: null, unit_id: null },
    ])
    .execute();
  const people = [
    {
      name: 'Patrol officer A',
      role: 'player',
      team: teams.patrol,
      email: 'patrol-a@police.example.kz',
      language: 'ru',
    },
    {
      name: 'Patrol officer B',
      role: 'player',
      team: teams.patrol,
      email: 'patrol-b@police.example.kz',
      language: 'kk',
    },
    {
      name: 'Paramedic',
      role: 'player',
      team: teams.medics,
      email: 'medic@ambulance.example.kz',
      language: 'en',
    },
    { name: 'Controller', role: 'controller', team: null, email: 'controller@hq.example.kz', language: 'ru' },
  ];
  for (const p of people) {
    const personId = randomUUID();
    await db
      .insertInto('exercise_people')
      .values({
        id: personId,
        exercise_id: exerciseId,
        user_id: null,
        name: p.name,
        role: p.role,
        team_id: p.team,
        organisation_id: null,
        contact: null,
      })
      .execute();
    await db
      .insertInto('exercise_contacts')
      .values({
        id: randomUUID(),
        exercise_id: exerciseId,
        person_id: personId,
        name: p.name,
        channel: 'email',
        address: p.email,
        language: p.language,
        verified_at: at,
        created_at: at,
      })
      .execute();
  }
  const events: ConductFixture['events'] = {};
  const msel: [string, number, string[], boolean][] = [
    ['1', 10, [], false],
    ['2', 20, [teams.medics], false],
    ['3', 30, [teams.patrol], false],
    ['4', 60, [], false],
    ['C1', 45, [teams.patrol], true],
    ...Array.from({ length: extraInjects }, (_, i): [string, number, string[], boolean] => [
      `X${i + 1}`,
      2 + i,
      [],
      false,
    ]),
  ];
  let position = 0;
  for (const [number, minutes, to, contingency] of msel) {
    const id = randomUUID();
    events[number] = { id, minutes };
    await db
      .insertInto('msel_events')
      .values(
        injectRow(exerciseId, number, {
          id,
          position: position++,
          offset_minutes: minutes,
          to_team_ids: JSON.stringify(to),
          contingency: contingency ? 1 : 0,
          controller_notes: 'Trusted agent plays the hostage-taker',
          created_at: at,
        }),
      )
      .execute();
  }
  return { exerciseId, name, teams, events };
}

/**
 * An approved inject of the MSEL to every team, with every column given: what a planner's row holds
 * when nothing about it matters to the test but its number and time.
 */
export function injectRow(
  exerciseId: string,
  number: string,
  over: Partial<Insertable<MselEventTable>> = {},
): Insertable<MselEventTable> {
  const at = over.created_at ?? '2026-09-01T00:00:00.000Z';
  return {
    id: randomUUID(),
    exercise_id: exerciseId,
    number,
    kind: 'inject',
    position: 0,
    offset_minutes: 10,
    scenario_time: null,
    from_role: 'HQ',
    to_team_ids: '[]',
    to_text: null,
    method: 'email',
    title: `Inject ${number} title`,
    content: `Report of a shooting near the prison gate (${number}).`,
    expected_action: 'Secret: cordon off the area',
    objective_ids: '[]',
    critical_task_ids: '[]',
    responsible_controller_id: null,
    contingency: 0,
    controller_notes: null,
    approval: 'approved',
    approved_snapshot: null,
    approved_by: null,
    approved_at: null,
    author_id: null,
    version: 1,
    created_at: at,
    updated_at: at,
    ...over,
  };
}

/** Gives the fixture's person `personName` the account `username`, as a planner linking them would. */
export async function seatUser(
  ctx: AppContext,
  exerciseId: string,
  username: string,
  personName: string,
): Promise<string> {
  const user = await ctx.db.kysely
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  await ctx.db.kysely
    .updateTable('exercise_people')
    .set({ user_id: user.id })
    .where('exercise_id', '=', exerciseId)
    .where('name', '=', personName)
    .execute();
  return user.id;
}

/** One more way of reaching the fixture's person `personName`, verified, as a planner adds it to the phone book. */
export async function addContact(
  ctx: AppContext,
  exerciseId: string,
  personName: string,
  contact: { channel: string; address: string; language: string },
): Promise<string> {
  const db = ctx.db.kysely;
  const person = await db
    .selectFrom('exercise_people')
    .select('id')
    .where('exercise_id', '=', exerciseId)
    .where('name', '=', personName)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  const at = ctx.clock.now().toISOString();
  await db
    .insertInto('exercise_contacts')
    .values({
      id,
      exercise_id: exerciseId,
      person_id: person.id,
      name: personName,
      ...contact,
      verified_at: at,
      created_at: at,
    })
    .execute();
  return id;
}
