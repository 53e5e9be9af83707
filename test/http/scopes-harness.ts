import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { ROLES, type Role } from '../../src/core/policy/policy.js';
import { buildApp } from '../../src/http/app.js';
import type { RouteEntry } from '../../src/http/access.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { ensureCoreCapabilities } from '../../src/services/planning/capabilities.service.js';
import { createUser } from '../../src/services/users.service.js';
import { openTestRuntime, type EngineName } from '../support/engines.js';

const PASSWORD = 'scoped grants passphrase';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Where a test user's one grant applies: organisation A, organisation B, or everywhere. */
export type Where = 'a' | 'b' | 'u';
export type Who = `${Where}-${Role}`;
type Json = Record<string, unknown> & { id: string };

export const TRUSTED_PEOPLE = ['Trusted Agent Serik', 'Actor Dana', 'Simulator Bolat', 'Controller Arman'];
export const VISIBLE_PEOPLE = ['Player Timur', 'Safety Officer Aigerim'];
export const THREAT = 'Armed attack on the prison, hostages moved to the airport';
export const SCENARIO = 'SECRET-SCENARIO: the convoy leaves at 10:40';
export const ZONE_NOTE = 'closed for the hostage convoy';
export const PARTICIPATION_NOTE = 'Police play the convoy escort';
export const CONTACT = '+7 701 000 00 01';

/**
 * An app on a fresh database with two organisations (A and B) and, for every role, one user scoped
 * to A, one scoped to B and one unscoped, all signed in; and an exercise led by A with people of
 * every kind, a zone with planners' notes, a threat and a scenario.
 */
export interface ScopesHarness {
  app: FastifyInstance;
  ctx: AppContext;
  routes: RouteEntry[];
  orgA: string;
  orgB: string;
  users: Map<Who, string>;
  exerciseId: string;
  call(as: Who | null, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  ok(as: Who, method: Method, url: string, payload?: unknown): Promise<Json>;
  close(): Promise<void>;
}

export async function openScopesHarness(engine: EngineName): Promise<ScopesHarness> {
  const rt = await openTestRuntime(engine);
  // Notices need a window in the future: the clock stands before the exercise.
  const ctx: AppContext = { ...rt.ctx, clock: { now: () => new Date('2026-10-10T06:00:00Z') } };
  await ensureCoreCapabilities(ctx);
  const orgA = (await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Karaganda police', kind: 'police' })).id;
  const orgB = (
    await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Pavlodar rescue', kind: 'emergency-situations' })
  ).id;
  const users = new Map<Who, string>();
  const where = { a: orgA, b: orgB, u: null } as const;
  for (const w of ['a', 'b', 'u'] as const)
    for (const role of ROLES) {
      const u = await createUser(ctx, SYSTEM_ACTOR, null, {
        username: `${w}-${role}`,
        displayName: `${w}-${role}`,
        password: PASSWORD,
        grants: [{ role, organisationId: where[w] }],
      });
      users.set(`${w}-${role}`, u.id);
    }
  const { app, routes } = await buildApp(ctx, { logger: false });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  let n = 0;
  for (const name of users.keys()) {
    // One address each: the sign-in route's rate limit per address is not what is tested here.
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: `10.0.${n++}.1`,
      payload: { username: name, password: PASSWORD },
    });
    expect(res.statusCode, `sign in as ${name}`).toBe(200);
    const c = res.cookies.find((k) => k.name === 'dabyl_session')!;
    sessions.set(name, {
      cookie: `${c.name}=${c.value}`,
      csrf: (res.json() as { csrfToken: string }).csrfToken,
    });
  }
  const call: ScopesHarness['call'] = (as, method, url, payload) => {
    const s = as ? sessions.get(as) : undefined;
    return app.inject({
      method,
      url,
      headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  const ok: ScopesHarness['ok'] = async (as, method, url, payload) => {
    const res = await call(as, method, url, payload);
    expect(res.statusCode, `${as} ${method} ${url}: ${res.body.slice(0, 500)}`).toBeLessThan(300);
    return res.body && res.headers['content-type']?.toString().includes('json')
      ? (res.json() as Json)
      : ({} as Json);
  };
  const exerciseId = await seedExercise(ok, orgA, orgB);
  return {
    app,
    ctx,
    routes,
    orgA,
    orgB,
    users,
    exerciseId,
    call,
    ok,
    async close() {
      await app.close();
      await rt.drop();
    },
  };
}

async function seedExercise(ok: ScopesHarness['ok'], orgA: string, orgB: string): Promise<string> {
  const ex = await ok('a-planner', 'POST', '/api/v1/exercises', {
    name: 'Karaganda counter-terrorism exercise',
    type: 'full-scale',
    timeZone: 'Asia/Almaty',
    startex: '2026-10-25T09:00:00+05:00',
    endex: '2026-10-25T17:00:00+05:00',
    city: 'Karaganda',
    threat: THREAT,
    scenario: SCENARIO,
  });
  expect(ex.leadOrganisationId, 'a planner scoped to A leads by default').toBe(orgA);
  const e = `/api/v1/exercises/${ex.id}`;
  await ok('a-planner', 'PUT', `${e}/organisations`, {
    organisationId: orgA,
    extentOfPlay: 'full',
    notes: PARTICIPATION_NOTE,
  });
  await ok('a-planner', 'POST', `${e}/zones`, {
    name: 'Bukhar-Zhyrau Ave closed',
    kind: 'road-closure',
    road: 'Bukhar-Zhyrau Ave',
    notes: ZONE_NOTE,
    geometry: {
      type: 'LineString',
      coordinates: [
        [73.09, 49.8],
        [73.11, 49.81],
      ],
    },
    startsAt: '2026-10-25T08:30:00+05:00',
    endsAt: '2026-10-25T13:00:00+05:00',
  });
  const teamId = (await ok('a-planner', 'POST', `${e}/teams`, { name: 'Police motor patrol 7' })).id;
  const people: [string, string][] = [
    ['Trusted Agent Serik', 'trusted-agent'],
    ['Actor Dana', 'actor'],
    ['Simulator Bolat', 'simulator'],
    ['Controller Arman', 'controller'],
    ['Player Timur', 'player'],
    ['Safety Officer Aigerim', 'safety-controller'],
  ];
  for (const [name, role] of people)
    await ok('a-planner', 'POST', `${e}/people`, {
      name,
      role,
      contact: CONTACT,
      organisationId: orgA,
      ...(role === 'player' ? { teamId } : {}),
    });
  void orgB;
  return ex.id;
}
