import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { ensureCoreCapabilities } from '../../src/services/planning/capabilities.service.js';
import { createUser } from '../../src/services/users.service.js';
import { openTestRuntime, type EngineName } from '../support/engines.js';

const PASSWORD = 'planning harness passphrase';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Who = 'planner' | 'director' | 'controller' | 'evaluator' | 'player' | 'observer';
type Json = Record<string, unknown> & { id: string };

/** An app on a fresh database with one signed-in user per planning role, and request helpers. */
export interface PlanningHarness {
  app: FastifyInstance;
  ctx: AppContext;
  call(
    as: Who | null,
    method: Method,
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
  ok(as: Who, method: Method, url: string, payload?: unknown): Promise<Json>;
  close(): Promise<void>;
}

export async function openPlanningHarness(engine: EngineName): Promise<PlanningHarness> {
  const rt = await openTestRuntime(engine);
  await ensureCoreCapabilities(rt.ctx);
  const roles: Who[] = ['planner', 'director', 'controller', 'evaluator', 'player', 'observer'];
  for (const role of roles)
    await createUser(rt.ctx, SYSTEM_ACTOR, null, {
      username: role,
      displayName: role,
      password: PASSWORD,
      grants: [{ role }],
    });
  const { app } = await buildApp(rt.ctx, { logger: false });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  for (const name of roles) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: name, password: PASSWORD },
    });
    const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
    sessions.set(name, {
      cookie: `${c.name}=${c.value}`,
      csrf: (res.json() as { csrfToken: string }).csrfToken,
    });
  }
  const call: PlanningHarness['call'] = (as, method, url, payload, headers = {}) => {
    const s = as ? sessions.get(as) : undefined;
    return app.inject({
      method,
      url,
      headers: { ...headers, ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  return {
    app,
    ctx: rt.ctx,
    call,
    async ok(as, method, url, payload) {
      const res = await call(as, method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 500)}`).toBeLessThan(300);
      return res.body && res.headers['content-type']?.toString().includes('json')
        ? (res.json() as Json)
        : ({} as Json);
    },
    async close() {
      await app.close();
      await rt.drop();
    },
  };
}

export interface SeededExercise {
  programmeId: string;
  exerciseId: string;
  objectiveId: string;
  teamId: string;
  zoneId: string;
  venueId: string;
}

/** The Karaganda full-scale exercise of the seed scenario, small: enough to exercise every document. */
export async function seedKaraganda(h: PlanningHarness, name = 'Karaganda province full-scale exercise') {
  const programme = await h.ok('planner', 'POST', '/api/v1/programmes', { name: `Autumn series (${name})` });
  const ex = await h.ok('planner', 'POST', '/api/v1/exercises', {
    programmeId: programme.id,
    name,
    type: 'full-scale',
    timeZone: 'Asia/Almaty',
    startex: '2026-10-25T09:00:00+05:00',
    endex: '2026-10-25T17:00:00+05:00',
    city: 'Karaganda',
    scope: 'Police, special forces, medics and rescuers of Karaganda province.',
    threat: 'Armed attack and hostage taking',
    scenario: 'SECRET-SCENARIO: an armed group attacks the prison and moves hostages to the airport.',
    sponsor: 'Karaganda province counter-terrorism HQ',
    pointOfContact: 'HQ duty officer, +7 7212 00 00 00',
    handling: 'For official use only',
  });
  const e = `/api/v1/exercises/${ex.id}`;
  const objectiveId = (
    await h.ok('planner', 'POST', `${e}/objectives`, {
      text: 'Within 30 minutes of the first report, establish a unified command post at the prison.',
      capabilityTargets: [
        {
          coreCapabilityId: 'operational-coordination',
          text: 'Unified command within 30 minutes',
          criticalTasks: ['Set up the command post', 'Open a common radio net'],
        },
      ],
    })
  ).id;
  const venueId = (
    await h.ok('planner', 'POST', `${e}/venues`, {
      name: 'Karaganda correctional colony',
      kind: 'prison',
      address: 'Karaganda',
      point: { lon: 73.0867, lat: 49.8047 },
    })
  ).id;
  const zoneId = (
    await h.ok('planner', 'POST', `${e}/zones`, {
      name: 'Bukhar-Zhyrau Ave closed',
      kind: 'road-closure',
      road: 'Bukhar-Zhyrau Ave',
      venueId,
      geometry: {
        type: 'LineString',
        coordinates: [
          [73.09, 49.8],
          [73.11, 49.81],
        ],
      },
      startsAt: '2026-10-25T08:30:00+05:00',
      endsAt: '2026-10-25T13:00:00+05:00',
    })
  ).id;
  const teamId = (await h.ok('planner', 'POST', `${e}/teams`, { name: 'Police motor patrol 7' })).id;
  await h.ok('planner', 'POST', `${e}/people`, { name: 'Timur Akhmetov', role: 'player', teamId });
  // Posted at the prison: the bundle carries the posting to a copy.
  await h.ok('planner', 'POST', `${e}/people`, {
    name: 'Aigerim Sadykova',
    role: 'safety-controller',
    venueId,
  });
  const unknownVenue = await h.call('planner', 'POST', `${e}/people`, {
    name: 'Nobody',
    role: 'evaluator',
    venueId: '00000000-0000-4000-8000-000000000000',
  });
  if (unknownVenue.statusCode !== 422 || (unknownVenue.json() as { field?: string }).field !== 'venueId')
    throw new Error(`a person posted at an unknown venue was not refused: ${unknownVenue.body}`);
  await h.ok('planner', 'POST', `${e}/modules`, {
    title: 'Module 1: the prison gate',
    narrative: 'Shots are reported at the prison gate.',
    questions: ['Who takes command?', 'When is the public told?'],
  });
  await h.ok('planner', 'POST', `${e}/msel/events`, {
    number: '1',
    kind: 'inject',
    offsetMinutes: 30,
    scenarioTime: 'day 1, 09:30',
    from: 'SimCell (prison duty officer)',
    toTeamIds: [teamId],
    method: 'radio',
    title: 'Shots at the prison gate',
    content: 'Duty officer reports automatic fire at the main gate.',
    expectedAction: 'Cordon the area and report to the HQ',
    objectiveIds: [objectiveId],
    controllerNotes: 'CONTROLLER-ONLY: fire blanks at 09:31',
  });
  return { programmeId: programme.id, exerciseId: ex.id, objectiveId, teamId, zoneId, venueId };
}
