import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import type { Role } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { ensureCoreCapabilities } from '../../src/services/planning/capabilities.service.js';
import { createUser } from '../../src/services/users.service.js';
import { openTestRuntime, type EngineName } from '../support/engines.js';

const PASSWORD = 'notices harness passphrase';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Two PIOs (so one can publish what the other drafted), an authoriser, a director and a planner. */
export const PEOPLE: Record<string, Role> = {
  pioA: 'pio',
  pioB: 'pio',
  authoriser: 'authoriser',
  director: 'director',
  planner: 'planner',
};
export type Who = keyof typeof PEOPLE;
type Json = Record<string, unknown> & { id: string };

export interface NoticesHarness {
  app: FastifyInstance;
  ctx: AppContext;
  /** Moves the clock every service reads, signing everyone in again (sessions age with it). */
  setNow(at: string): Promise<void>;
  userId(who: Who): string;
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

export async function openNoticesHarness(engine: EngineName, start: string): Promise<NoticesHarness> {
  const rt = await openTestRuntime(engine);
  let now = new Date(start);
  const ctx: AppContext = { ...rt.ctx, clock: { now: () => new Date(now) } };
  await ensureCoreCapabilities(ctx);
  const ids = new Map<string, string>();
  for (const [username, role] of Object.entries(PEOPLE)) {
    const u = await createUser(ctx, SYSTEM_ACTOR, null, {
      username,
      displayName: `${username} person`,
      password: PASSWORD,
      grants: [{ role }],
    });
    ids.set(username, u.id);
  }
  const { app } = await buildApp(ctx, { logger: false });
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  const signIn = async () => {
    for (const username of Object.keys(PEOPLE)) {
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
  };
  await signIn();
  const call: NoticesHarness['call'] = (as, method, url, payload, headers = {}) => {
    const s = as ? sessions.get(as) : undefined;
    return app.inject({
      method,
      url,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  };
  return {
    app,
    ctx,
    setNow: async (at) => {
      now = new Date(at);
      await signIn();
    },
    userId: (who) => ids.get(who)!,
    call,
    async ok(as, method, url, payload) {
      const res = await call(as, method, url, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 800)}`).toBeLessThan(300);
      return res.headers['content-type']?.toString().includes('json') ? (res.json() as Json) : ({} as Json);
    },
    async close() {
      await app.close();
      await rt.drop();
    },
  };
}

/** A small Karaganda exercise with a cordon, a road closure and an assembly point. */
export async function seedExercise(
  h: NoticesHarness,
): Promise<{ exerciseId: string; closureId: string; cordonId: string }> {
  const ex = await h.ok('planner', 'POST', '/api/v1/exercises', {
    name: 'Karaganda counter-terrorism exercise',
    type: 'full-scale',
    timeZone: 'Asia/Almaty',
    startex: '2026-10-25T09:00:00+05:00',
    endex: '2026-10-25T17:00:00+05:00',
    city: 'Karaganda',
  });
  const e = `/api/v1/exercises/${ex.id}`;
  const cordonId = (
    await h.ok('planner', 'POST', `${e}/zones`, {
      name: 'Prison perimeter cordon',
      kind: 'cordon',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [73.05, 49.85],
            [73.06, 49.85],
            [73.06, 49.86],
            [73.05, 49.86],
            [73.05, 49.85],
          ],
        ],
      },
    })
  ).id;
  const closureId = (
    await h.ok('planner', 'POST', `${e}/zones`, {
      name: 'Bukhar-Zhyrau Ave closed',
      kind: 'road-closure',
      road: 'Bukhar-Zhyrau Ave',
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
  await h.ok('planner', 'POST', `${e}/zones`, {
    name: 'Staging area',
    kind: 'staging-area',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [73.07, 49.85],
          [73.08, 49.85],
          [73.08, 49.86],
          [73.07, 49.85],
        ],
      ],
    },
  });
  return { exerciseId: ex.id, closureId, cordonId };
}

export const RU_TEXT = {
  title: 'Антитеррористические учения в Караганде',
  summary: '25 октября в Караганде пройдут плановые учения.',
  seeAndHear: 'Сирены, вооружённые подразделения, дым, вертолёты.',
  doList: ['Объезжайте перекрытые улицы'],
  dontList: ['Не звоните 112 из-за учений'],
  contacts: 'Штаб: +7 7212 00 00 00',
};
