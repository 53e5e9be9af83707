import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { ensureCoreCapabilities } from '../../src/services/planning/capabilities.service.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PASSWORD = 'planning passphrase';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

describe.each(ENGINES)('planning an exercise over the API on %s', (engine) => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const sessions = new Map<string, { cookie: string; csrf: string }>();

  async function call(
    as: string,
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const s = sessions.get(as)!;
    return app.inject({
      method,
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }
  const ok = async (as: string, method: Method, url: string, payload?: unknown) => {
    const res = await call(as, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.body ? (res.json() as Record<string, unknown> & { id: string }) : ({} as { id: string });
  };

  let exerciseId = '';
  let teamId = '';
  let objectiveId = '';

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    await ensureCoreCapabilities(rt.ctx);
    for (const [name, role] of [
      ['planner', 'planner'],
      ['director', 'director'],
      ['controller', 'controller'],
      ['player', 'player'],
    ] as const) {
      await createUser(rt.ctx, SYSTEM_ACTOR, null, {
        username: name,
        displayName: name,
        password: PASSWORD,
        grants: [{ role }],
      });
    }
    ({ app } = await buildApp(rt.ctx, { logger: false }));
    for (const name of ['planner', 'director', 'controller', 'player']) {
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
  });
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  it('creates a programme and a full-scale exercise in Karaganda time, refusing times without a zone', async () => {
    const programme = await ok('planner', 'POST', '/api/v1/programmes', {
      name: 'Autumn counter-terrorism series 2026',
    });
    const bad = await call('planner', 'POST', '/api/v1/exercises', {
      programmeId: programme.id,
      name: 'Karaganda',
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-25 09:00',
      endex: '2026-10-25T17:00:00+05:00',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'startex', detail: expect.stringContaining('time zone') });
    const zone = await call('planner', 'POST', '/api/v1/exercises', {
      name: 'X',
      type: 'drill',
      timeZone: '+05:00',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T17:00:00+05:00',
    });
    expect(zone.json()).toMatchObject({ field: 'timeZone' });
    const ex = await ok('planner', 'POST', '/api/v1/exercises', {
      programmeId: programme.id,
      name: 'Karaganda province full-scale exercise',
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T17:00:00+05:00',
      city: 'Karaganda',
      scenario: 'Armed group attacks the prison, seizes a school and takes hostages to the airport.',
      handling: 'For official use only',
    });
    exerciseId = ex.id;
    expect(ex).toMatchObject({
      status: 'draft',
      startex: '2026-10-25T04:00:00.000Z',
      startexLocal: '2026-10-25 09:00 (UTC+05:00)',
    });
  });

  it('adds objectives linked to core capabilities, venues, closures and teams, with clear errors for bad geometry', async () => {
    objectiveId = (
      await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/objectives`, {
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
    await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/venues`, {
      name: 'Karaganda correctional colony',
      kind: 'prison',
      point: { lon: 73.0867, lat: 49.8047 },
    });
    const swapped = await call('planner', 'POST', `/api/v1/exercises/${exerciseId}/venues`, {
      name: 'Bad',
      kind: 'school',
      point: { lon: 73.1, lat: 49.8 },
      footprint: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [1, 0],
            [0, 1],
            [0, 0],
          ],
        ],
      },
    });
    expect(swapped.statusCode).toBe(422);
    expect(swapped.json()).toMatchObject({ field: 'footprint' });
    const noWindow = await call('planner', 'POST', `/api/v1/exercises/${exerciseId}/zones`, {
      name: 'Bukhar-Zhyrau Ave closed',
      kind: 'road-closure',
      geometry: {
        type: 'LineString',
        coordinates: [
          [73.09, 49.8],
          [73.11, 49.81],
        ],
      },
    });
    expect(noWindow.json()).toMatchObject({ field: 'startsAt' });
    await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/zones`, {
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
    });
    teamId = (
      await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/teams`, { name: 'Police motor patrol 7' })
    ).id;
    await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/people`, {
      name: 'Timur Akhmetov',
      role: 'player',
      teamId,
    });
    const plan = await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}/plan`);
    expect(plan).toMatchObject({
      objectives: [{ capabilityTargets: [{ criticalTasks: [{}, {}] }] }],
      venues: [{ kind: 'prison' }],
      zones: [{ kind: 'road-closure' }],
      teams: [{ name: 'Police motor patrol 7' }],
    });
  });

  it('builds the MSEL with offsets and local times side by side, and lists findings per row', async () => {
    const first = await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/msel/events`, {
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
    });
    expect(first).toMatchObject({
      offset: 'H+00:30',
      scheduledLocal: '2026-10-25 09:30 (UTC+05:00)',
      approval: 'draft',
    });
    await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/msel/events`, {
      number: '1',
      kind: 'inject',
      offsetMinutes: 600,
      toTeamIds: [teamId],
      method: 'phone',
      title: 'Late call',
      content: 'x',
      expectedAction: 'Evacuate',
    });
    const msel = (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}/msel`)) as unknown as {
      findings: { rule: string }[];
    };
    expect(msel.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['msel.number.duplicate', 'msel.time.outside', 'msel.objective.missing']),
    );
  });

  it('never shows a player the MSEL, the scenario or the controllers’ modules', async () => {
    await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/modules`, {
      title: 'Module 1',
      narrative: 'Hostages are moved to the airport.',
    });
    expect((await call('player', 'GET', `/api/v1/exercises/${exerciseId}/msel`)).statusCode).toBe(403);
    const plan = (await call('player', 'GET', `/api/v1/exercises/${exerciseId}/plan`)).json() as {
      exercise: { scenario: string | null };
      modules: unknown[];
    };
    expect(plan.exercise.scenario).toBeNull();
    expect(plan.modules).toEqual([]);
    const list = (await call('player', 'GET', '/api/v1/exercises')).json() as {
      items: { scenario: string | null }[];
    };
    expect(list.items.every((e) => e.scenario === null)).toBe(true);
    const one = (await call('player', 'GET', `/api/v1/exercises/${exerciseId}`)).json() as {
      scenario: string | null;
    };
    expect(one.scenario).toBeNull();
    for (const [method, url] of [
      ['POST', 'msel/events'],
      ['POST', 'msel/submit'],
      ['POST', 'msel/approve'],
      ['POST', 'objectives'],
    ] as const) {
      expect(
        (await call('player', method, `/api/v1/exercises/${exerciseId}/${url}`, {})).statusCode,
        url,
      ).toBe(403);
    }
  });

  it('approves only submitted events, never by their author, and sends an edited approved event back to review', async () => {
    const msel = (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}/msel`)) as unknown as {
      events: { id: string; title: string; version: number }[];
    };
    expect(msel.events.map((e) => e.title)).toEqual(['Shots at the prison gate', 'Late call']);
    const late = msel.events[1]!;
    await ok('planner', 'DELETE', `/api/v1/exercises/${exerciseId}/msel/events/${late.id}`);
    const [event] = msel.events;
    expect(
      (
        await call('director', 'POST', `/api/v1/exercises/${exerciseId}/msel/approve`, { ids: [event!.id] })
      ).json(),
    ).toMatchObject({ detail: expect.stringContaining('draft') });
    expect(await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/msel/submit`, {})).toMatchObject({
      submitted: 1,
    });
    expect(
      (await call('planner', 'POST', `/api/v1/exercises/${exerciseId}/msel/approve`, {})).statusCode,
    ).toBe(403);
    expect(await ok('director', 'POST', `/api/v1/exercises/${exerciseId}/msel/approve`, {})).toMatchObject({
      approved: 1,
      mselApproved: true,
    });

    const current = (
      (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}/msel`)) as unknown as {
        events: { version: number }[];
      }
    ).events[0]!;
    const body = {
      number: '1',
      kind: 'inject',
      offsetMinutes: 45,
      toTeamIds: [teamId],
      method: 'radio',
      title: 'Shots at the prison gate',
      content: 'Duty officer reports automatic fire at the main gate.',
      expectedAction: 'Cordon the area and report to the HQ',
      objectiveIds: [objectiveId],
    };
    const edited = await ok('planner', 'PUT', `/api/v1/exercises/${exerciseId}/msel/events/${event!.id}`, {
      ...body,
      version: current.version,
    });
    expect(edited).toMatchObject({
      approval: 'draft',
      changedSinceApproval: ['offsetMinutes', 'scenarioTime', 'from'],
      approvedVersion: { offsetMinutes: 30 },
    });
    const stale = await call('planner', 'PUT', `/api/v1/exercises/${exerciseId}/msel/events/${event!.id}`, {
      ...body,
      version: current.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version', field: 'version' });
    expect(
      (
        (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}`)) as unknown as {
          mselApproval: string;
        }
      ).mselApproval,
    ).toBe('draft');
  });

  it('moves only along legal transitions and freezes the plan once running', async () => {
    const illegal = await call('planner', 'POST', `/api/v1/exercises/${exerciseId}/status`, {
      to: 'running',
    });
    expect(illegal.json()).toMatchObject({
      field: 'status',
      detail: expect.stringContaining('allowed: planned'),
    });
    for (const to of ['planned', 'ready'])
      await ok('planner', 'POST', `/api/v1/exercises/${exerciseId}/status`, { to });
    // Running is the clock's: STARTEX, confirmed with the exercise's name and planned start.
    const oneClick = await call('planner', 'POST', `/api/v1/exercises/${exerciseId}/status`, {
      to: 'running',
    });
    expect(oneClick.json()).toMatchObject({ code: 'use_the_clock', field: 'status' });
    const exercise = (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}`)) as unknown as {
      name: string;
      startex: string;
    };
    const startex = {
      command: 'startex',
      confirmName: exercise.name,
      plannedStart: exercise.startex,
      reason: 'started in a test, away from the planned date',
    };
    // An inject still awaiting approval: STARTEX names it and asks, and nothing starts meanwhile.
    const clock = (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}/clock`)) as unknown as {
      unapproved: { number: string; approval: string }[];
    };
    expect(clock.unapproved).toEqual([expect.objectContaining({ number: '1', approval: 'draft' })]);
    const asked = await call(
      'controller',
      'POST',
      `/api/v1/exercises/${exerciseId}/clock/commands`,
      startex,
      {
        'accept-language': 'ru',
      },
    );
    expect(asked.statusCode).toBe(422);
    expect(asked.json()).toMatchObject({
      field: 'unapproved',
      detail: expect.stringContaining('вводные: 1;'),
    });
    expect(
      (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}`)) as unknown as { status: string },
    ).toMatchObject({ status: 'ready' });
    await ok('controller', 'POST', `/api/v1/exercises/${exerciseId}/clock/commands`, {
      ...startex,
      unapproved: 'hold',
    });
    // Held for a controller, by the one who started, and not booked to fire.
    const runs = (await ok('controller', 'GET', `/api/v1/exercises/${exerciseId}/injects`)) as unknown as {
      items: { number: string; status: string }[];
    };
    expect(runs.items).toEqual([expect.objectContaining({ number: '1', status: 'held' })]);
    const frozen = await call('planner', 'POST', `/api/v1/exercises/${exerciseId}/teams`, {
      name: 'Late team',
    });
    expect(frozen.json()).toMatchObject({ code: 'plan_frozen' });
  });

  it('says a running exercise’s plan is frozen, naming its status — not that someone else saved first', async () => {
    const msel = (await ok('planner', 'GET', `/api/v1/exercises/${exerciseId}/msel`)) as unknown as {
      events: {
        id: string;
        version: number;
        number: string;
        kind: string;
        offsetMinutes: number;
        method: string;
        title: string;
        content: string;
      }[];
    };
    const e = msel.events[0]!;
    // The version is the current one: the only reason to refuse is the exercise's status.
    const save = await call('planner', 'PUT', `/api/v1/exercises/${exerciseId}/msel/events/${e.id}`, {
      number: e.number,
      kind: e.kind,
      offsetMinutes: e.offsetMinutes + 5,
      method: e.method,
      title: e.title,
      content: e.content,
      version: e.version,
    });
    expect(save.statusCode).toBe(409);
    expect(save.json()).toMatchObject({
      code: 'plan_frozen',
      field: 'status',
      params: { status: 'running' },
      detail: 'The exercise is running: its plan is frozen and can no longer change',
    });
    const exercise = (await ok('planner', 'GET', `/api/v1/exercises/${exerciseId}`)) as unknown as {
      version: number;
    };
    const header = await call('planner', 'PATCH', `/api/v1/exercises/${exerciseId}`, {
      name: 'Renamed while running',
      version: exercise.version,
    });
    expect(header.json()).toMatchObject({ code: 'plan_frozen', params: { status: 'running' } });
  });
});
