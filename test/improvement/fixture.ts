import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { contextFor } from '../../src/runtime.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { createUser } from '../../src/services/users.service.js';
import { openTestRuntime, type EngineName } from '../support/engines.js';
import { exerciseRow } from '../support/exercise-row.js';

export const PASSWORD = 'improvement passphrase';

/**
 * Two exercises of the Karaganda HQ (organisation A) — the autumn full-scale that found what to
 * improve and the spring follow-up to test it in — an uninvolved agency (B) responsible for one
 * item, and people of every role, scoped to A, to B, or unscoped. The clock is the test's.
 */
export interface ImprovementWorld {
  ctx: AppContext;
  app: FastifyInstance;
  clock: { at: number };
  orgA: string;
  orgB: string;
  autumn: string;
  spring: string;
  observation: string;
  capability: string;
  users: Map<string, string>;
  call(as: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

const exercise = (id: string, name: string, startex: string, endex: string, status: string, lead: string) =>
  exerciseRow({ id, name, status, startex, endex, city: 'Karaganda', lead_organisation_id: lead });

export async function openImprovementWorld(
  engine: EngineName,
  extraConfig: { smtpUrl?: string } = {},
): Promise<ImprovementWorld> {
  const rt = await openTestRuntime(engine);
  const clock = { at: Date.parse('2026-12-03T09:00:00Z') };
  const ctx = contextFor(rt.ctx.db, { ...rt.ctx.config, ...extraConfig }, { now: () => new Date(clock.at) });
  const db = ctx.db.kysely;
  const orgA = (await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Karaganda city HQ', kind: 'police' }))
    .id;
  const orgB = (await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Emergency medicine', kind: 'health' }))
    .id;
  const autumn = randomUUID();
  const spring = randomUUID();
  await db
    .insertInto('exercises')
    .values([
      exercise(
        autumn,
        'Karaganda full-scale',
        '2026-10-25T04:00:00.000Z',
        '2026-10-25T12:00:00.000Z',
        'completed',
        orgA,
      ),
      exercise(
        spring,
        'Karaganda spring follow-up',
        '2027-03-10T04:00:00.000Z',
        '2027-03-10T12:00:00.000Z',
        'draft',
        orgA,
      ),
    ])
    .execute();
  const capability = randomUUID();
  await db
    .insertInto('core_capabilities')
    .values({
      id: capability,
      name: 'On-scene security',
      mission_area: 'response',
      description: '',
      builtin: 0,
    })
    .execute();
  const users = new Map<string, string>();
  const people: [string, { role: string; organisationId: string | null }, string | null][] = [
    ['director', { role: 'director', organisationId: null }, 'director@hq.example.kz'],
    ['director-a', { role: 'director', organisationId: orgA }, 'director-a@hq.example.kz'],
    ['planner-a', { role: 'planner', organisationId: orgA }, 'planner-a@hq.example.kz'],
    ['evaluator-a', { role: 'evaluator', organisationId: orgA }, null],
    ['controller-a', { role: 'controller', organisationId: orgA }, null],
    ['player-a', { role: 'player', organisationId: orgA }, null],
    ['pio-a', { role: 'pio', organisationId: orgA }, null],
    ['director-b', { role: 'director', organisationId: orgB }, null],
    ['planner-b', { role: 'planner', organisationId: orgB }, null],
    ['owner-b', { role: 'planner', organisationId: orgB }, 'owner-b@medics.example.kz'],
  ];
  for (const [username, grant, email] of people) {
    const u = await createUser(ctx, SYSTEM_ACTOR, null, {
      username,
      displayName: `${username} one`,
      password: PASSWORD,
      ...(email ? { email } : {}),
      locale: username === 'owner-b' ? 'ru' : 'en',
      grants: [grant],
    });
    users.set(username, u.id);
  }
  const observation = randomUUID();
  await db
    .insertInto('observations')
    .values({
      id: observation,
      exercise_id: autumn,
      author_id: users.get('evaluator-a')!,
      author_name: 'evaluator-a one',
      fingerprint: 'x',
      text: 'The ambulances waited 25 minutes at the outer cordon for a police escort',
      observed_at: '2026-10-25T06:10:00.000Z',
      exercise_seconds: 7800,
      exercise_time: 'H+02:10:00',
      scenario_time: null,
      venue_id: null,
      team_id: null,
      lon: null,
      lat: null,
      objective_ids: '[]',
      critical_task_ids: '[]',
      photo_type: null,
      received_at: '2026-10-25T06:10:05.000Z',
    })
    .execute();

  const { app } = await buildApp(ctx, { logger: false });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  for (const [username] of people) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
    sessions.set(username, {
      cookie: `${c.name}=${c.value}`,
      csrf: (res.json() as { csrfToken: string }).csrfToken,
    });
  }
  return {
    ctx,
    app,
    clock,
    orgA,
    orgB,
    autumn,
    spring,
    observation,
    capability,
    users,
    call: (as, method, url, payload) => {
      const s = sessions.get(as)!;
      return app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrf },
        ...(payload === undefined ? {} : { payload: payload as object }),
      });
    },
    close: async () => {
      await app.close();
      await ctx.channels.close();
      await rt.drop();
    },
  };
}
