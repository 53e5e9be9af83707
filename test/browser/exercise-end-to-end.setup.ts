/**
 * The demo's Karaganda full-scale exercise made ready for a run, as the people around it would:
 * an administrator sets the demo people's passwords, gives the director and the lead evaluator their
 * roles in this exercise, and opens an account for one patrol officer; the director seats him and
 * puts two players' phones and mail boxes in the phone book. Nothing else of the demo is touched.
 */
import { principalForUsername, type Principal } from '../../src/services/auth.service.js';
import type { AppContext } from '../../src/services/context.js';
import { addPerson, removeFromPlan } from '../../src/services/planning/plan.service.js';
import { addContact } from '../../src/services/planning/phone-book.service.js';
import { createUser, findUserByUsername, setPassword } from '../../src/services/users.service.js';

export const KARAGANDA = 'Karaganda province full-scale counter-terrorism exercise';

/** A player of the run, as the phone book has them. */
export interface Player {
  name: string;
  team: string;
  email: string;
  /** As the phone book keeps it, with the plus; the SMSC receives it without. */
  phone: string;
  language: 'kk' | 'ru';
}

/** The patrol officer, who signs in on a phone, and a paramedic reached only by mail and SMS. */
export const PATROL: Player = {
  name: 'Serik Nurpeisov',
  team: 'Police motor patrols',
  email: 'serik.nurpeisov@police.karaganda.example.kz',
  phone: '+77012000001',
  language: 'ru',
};
export const MEDIC: Player = {
  name: 'Madina Kasymova',
  team: 'Ambulance crews',
  email: 'madina.kasymova@ems.karaganda.example.kz',
  phone: '+77012000002',
  language: 'kk',
};
export const PLAYERS = [PATROL, MEDIC] as const;

/** Who signs in: the demo's director and lead evaluator, and the patrol officer's new account. */
export const USERS = { director: 'director.astana', evaluator: 'evaluator.ems', patrol: 'serik.nurpeisov' };

export interface DemoRun {
  exerciseId: string;
  name: string;
  /** Team ids by name. */
  teams: Map<string, string>;
  /** The director, for reading what the control room reads. */
  director: Principal;
}

export async function prepareKaraganda(ctx: AppContext, admin: string, password: string): Promise<DemoRun> {
  const db = ctx.db.kysely;
  const exercise = await db
    .selectFrom('exercises')
    .select(['id', 'name'])
    .where('name', '=', KARAGANDA)
    .executeTakeFirstOrThrow();
  const exerciseId = exercise.id;
  const teams = new Map(
    (await db.selectFrom('teams').select(['id', 'name']).where('exercise_id', '=', exerciseId).execute()).map(
      (t) => [t.name, t.id],
    ),
  );
  const { actor: root, info: rootInfo } = await principalForUsername(ctx, admin);

  // The demo seats its director and lead evaluator in this exercise with their roles in it (their
  // own organisations do not lead it); a newcomer sets their passwords, as the README says.
  for (const username of [USERS.director, USERS.evaluator]) {
    const user = (await findUserByUsername(ctx, username))!;
    await setPassword(ctx, rootInfo, user.id, password, root);
  }
  const police = await db
    .selectFrom('organisations')
    .select('id')
    .where('short_name', '=', 'Karaganda Police')
    .executeTakeFirstOrThrow();
  const patrolUser = await createUser(ctx, rootInfo, root, {
    username: USERS.patrol,
    displayName: PATROL.name,
    password,
    locale: PATROL.language,
    grants: [{ role: 'player', organisationId: police.id }],
  });

  // The director seats the officer (the demo has him without an account) and fills the phone book.
  const director = await principalForUsername(ctx, USERS.director);
  const person = (name: string) =>
    db
      .selectFrom('exercise_people')
      .select(['id', 'team_id', 'organisation_id'])
      .where('exercise_id', '=', exerciseId)
      .where('name', '=', name)
      .where('role', '=', 'player')
      .executeTakeFirstOrThrow();
  const unseated = await person(PATROL.name);
  await removeFromPlan(ctx, director.info, director.actor, exerciseId, 'people', unseated.id);
  await addPerson(ctx, director.info, director.actor, exerciseId, {
    name: PATROL.name,
    role: 'player',
    userId: patrolUser.id,
    teamId: unseated.team_id,
    organisationId: unseated.organisation_id,
  });
  for (const p of PLAYERS) {
    const { id } = await person(p.name);
    for (const [channel, address] of [
      ['email', p.email],
      ['sms', p.phone],
    ] as const)
      await addContact(ctx, director.info, director.actor, exerciseId, id, {
        channel,
        address,
        language: p.language,
      });
  }
  return { exerciseId, name: exercise.name, teams, director };
}
