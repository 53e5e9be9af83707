import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { importBundle, parseBundle } from '../../src/services/planning/bundle-import.service.js';
import { problemText } from '../../src/core/messages/messages.js';
import { exportBundle, type ExerciseBundle } from '../../src/services/planning/bundle.service.js';
import { ENGINES } from '../support/engines.js';
import { bodiesInFlight, IN_PLACE_BYTES } from '../../src/http/api/exercises/bundle-body.js';
import { openPlanningHarness, seedKaraganda, type PlanningHarness } from './harness.js';

const ADMIN: Actor = { userId: 'test', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };

/** Every id the bundle defines becomes its ordinal, so two bundles compare "modulo ids". */
function withoutIds(b: ExerciseBundle): unknown {
  const defined: string[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'id' && typeof x === 'string' && !defined.includes(x)) defined.push(x);
        collect(x);
      }
  };
  collect(b);
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rewrite)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x)]))
        : typeof v === 'string' && defined.includes(v)
          ? `#${defined.indexOf(v)}`
          : v;
  return rewrite({ ...b, exportedAt: null });
}

// Text as people type it: trimmed, no control characters, markup and Cyrillic included.
const text = fc.stringMatching(/^[A-Za-z0-9А-я<>&"'][A-Za-z0-9А-я <>&"'.-]{0,18}[A-Za-z0-9А-я<>&"']$/);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const CAPS = ['operational-coordination', 'planning', 'public-information-and-warning'];
const ROLES = ['director', 'controller', 'evaluator', 'player', 'observer', 'trusted-agent'];
const METHODS = ['in-app', 'radio', 'phone', 'siren'];
const START = Date.parse('2026-10-25T04:00:00.000Z');
const iso = (min: number) => new Date(START + min * 60_000).toISOString();

const bundleArb: fc.Arbitrary<ExerciseBundle> = fc
  .record({
    name: text,
    type: fc.constantFrom('tabletop', 'drill', 'full-scale'),
    status: fc.constantFrom('draft', 'planned', 'ready'),
    scope: maybe(text),
    scenario: maybe(text),
    handling: maybe(text),
    objectives: fc.array(
      fc.record({
        text,
        targets: fc.array(
          fc.record({ cap: fc.constantFrom(...CAPS), text, tasks: fc.array(text, { maxLength: 3 }) }),
          { maxLength: 2 },
        ),
      }),
      { maxLength: 3 },
    ),
    modules: fc.array(
      fc.record({ title: text, narrative: text, questions: fc.array(text, { maxLength: 2 }) }),
      {
        maxLength: 2,
      },
    ),
    venues: fc.array(
      fc.record({ lon: fc.integer({ min: 50, max: 80 }), lat: fc.integer({ min: 42, max: 54 }) }),
      {
        maxLength: 3,
      },
    ),
    zones: fc.array(
      fc.record({ venue: fc.nat(5), closure: fc.boolean(), from: fc.integer({ min: 0, max: 300 }) }),
      {
        maxLength: 3,
      },
    ),
    teams: fc.nat(3),
    people: fc.array(fc.record({ role: fc.constantFrom(...ROLES), team: fc.nat(4), name: text }), {
      maxLength: 3,
    }),
    events: fc.array(
      fc.record({
        offset: fc.integer({ min: -30, max: 600 }),
        title: text,
        content: fc.string({ maxLength: 40 }),
        method: fc.constantFrom(...METHODS),
        picks: fc.array(fc.nat(20), { maxLength: 3 }),
        approval: fc.constantFrom('draft', 'submitted', 'approved'),
        notes: maybe(text),
        contingency: fc.boolean(),
      }),
      { maxLength: 5 },
    ),
  })
  .map((g) => {
    let n = 0;
    const id = () => `src-${++n}`;
    const objectives = g.objectives.map((o) => ({
      id: id(),
      text: o.text,
      capabilityTargets: o.targets.map((t) => ({
        id: id(),
        coreCapabilityId: t.cap,
        text: t.text,
        criticalTasks: t.tasks.map((k) => ({ id: id(), text: k })),
      })),
    }));
    const venues = g.venues.map((v, i) => ({
      id: id(),
      name: `Venue ${i} ${v.lon}`,
      kind: 'school',
      address: null,
      point: { lon: v.lon + 0.5, lat: v.lat + 0.25 },
      footprint: null,
    }));
    const zones = g.zones.map((z, i) => ({
      id: id(),
      venueId: venues.length && z.venue < venues.length ? venues[z.venue]!.id : null,
      name: `Zone ${i}`,
      kind: z.closure ? 'road-closure' : 'cordon',
      geometry: z.closure
        ? {
            type: 'LineString' as const,
            coordinates: [
              [73.09, 49.8],
              [73.11, 49.81 + i / 100],
            ],
          }
        : {
            type: 'Polygon' as const,
            coordinates: [
              [
                [73, 49],
                [73.01, 49],
                [73.01, 49.01],
                [73, 49.01],
                [73, 49],
              ],
            ],
          },
      road: z.closure ? `Road ${i}` : null,
      startsAt: z.closure ? iso(z.from) : null,
      endsAt: z.closure ? iso(z.from + 60) : null,
      notes: null,
    }));
    const teams = Array.from({ length: g.teams }, (_, i) => ({
      id: id(),
      name: `Team ${i}`,
      organisationId: null,
      unitId: null,
    }));
    const people = g.people.map((p, i) => ({
      id: id(),
      userId: null,
      name: `${p.name} ${i}`,
      role: p.role,
      teamId: p.team < teams.length ? teams[p.team]!.id : null,
      organisationId: null,
      contact: null,
    }));
    const tasks = objectives.flatMap((o) =>
      o.capabilityTargets.flatMap((t) => t.criticalTasks.map((k) => k.id)),
    );
    const pick = <T>(list: T[], picks: number[]) => [
      ...new Set(picks.filter((p) => p < list.length).map((p) => list[p]!)),
    ];
    const msel = g.events.map((e, i) => {
      const refs = {
        toTeamIds: pick(
          teams.map((t) => t.id),
          e.picks,
        ),
        objectiveIds: pick(
          objectives.map((o) => o.id),
          e.picks,
        ),
        criticalTaskIds: pick(tasks, e.picks),
        responsibleControllerId: people.length ? people[e.picks.length % people.length]!.id : null,
      };
      return {
        id: id(),
        number: String(i + 1),
        kind: 'inject',
        offsetMinutes: e.offset,
        scenarioTime: null,
        from: 'SimCell',
        toText: null,
        method: e.method,
        title: e.title,
        content: e.content,
        expectedAction: null,
        contingency: e.contingency,
        controllerNotes: e.notes,
        approval: e.approval,
        approvedVersion:
          e.approval === 'approved' ? { ...refs, offsetMinutes: e.offset - 5, title: e.title } : null,
        approvedBy: e.approval === 'approved' ? 'someone-else' : null,
        approvedAt: e.approval === 'approved' ? iso(-1000) : null,
        authorId: 'author',
        ...refs,
      };
    });
    return {
      format: 'dabyl.exercise-bundle' as const,
      version: 1 as const,
      exportedAt: iso(0),
      exercise: {
        id: id(),
        programmeId: null,
        name: g.name,
        type: g.type,
        status: g.status,
        timeZone: 'Asia/Almaty',
        startex: iso(0),
        endex: iso(480),
        city: 'Karaganda',
        scope: g.scope,
        threat: null,
        scenario: g.scenario,
        sponsor: null,
        pointOfContact: null,
        handling: g.handling,
        leadOrganisationId: null,
        mselApproval: 'draft',
        mselApprovedBy: null,
        mselApprovedAt: null,
      },
      objectives,
      modules: g.modules.map((m) => ({ id: id(), ...m })),
      venues,
      zones,
      participations: [],
      teams,
      people,
      msel,
    } as unknown as ExerciseBundle;
  });

const CYRILLIC =
  'Оперативный штаб получил сообщение о захвате заложников в школе № 7; оцепление выставлено. ';

/** The bundle grown past `bytes` with MSEL events of long Cyrillic texts, as a real exercise's grows. */
function grown(b: ExerciseBundle, bytes: number): ExerciseBundle {
  const model = b.msel[0]!;
  const msel = [...b.msel];
  for (let i = 0, size = JSON.stringify(b).length; size < bytes / 2; i++) {
    const e = { ...model, id: `grown-${i}`, number: `G${i}`, content: CYRILLIC.repeat(60) };
    msel.push(e);
    size += JSON.stringify(e).length;
  }
  return { ...b, msel };
}

describe.each(ENGINES)('exercise bundles on %s', (engine) => {
  let h: PlanningHarness;
  beforeAll(async () => {
    h = await openPlanningHarness(engine);
  });
  afterAll(async () => h?.close());

  it('exports a planned exercise whole and imports it as a new one, players refused', async () => {
    const seed = await seedKaraganda(h);
    expect((await h.call('player', 'GET', `/api/v1/exercises/${seed.exerciseId}/bundle`)).statusCode).toBe(
      403,
    );
    const bundle = (await h.ok(
      'controller',
      'GET',
      `/api/v1/exercises/${seed.exerciseId}/bundle`,
    )) as unknown as ExerciseBundle;
    expect(bundle.msel[0]).toMatchObject({ controllerNotes: expect.stringContaining('CONTROLLER-ONLY') });
    expect((await h.call('controller', 'POST', '/api/v1/exercises/import-bundle', bundle)).statusCode).toBe(
      403,
    );
    const res = await h.call('planner', 'POST', '/api/v1/exercises/import-bundle', bundle);
    expect(res.statusCode, res.body).toBe(201);
    const copy = (res.json() as { id: string }).id;
    expect(copy).not.toBe(seed.exerciseId);
    const again = (await h.ok(
      'controller',
      'GET',
      `/api/v1/exercises/${copy}/bundle`,
    )) as unknown as ExerciseBundle;
    expect(withoutIds(again)).toEqual(withoutIds(bundle));
    expect(again.zones[0]!.venueId).toBe(again.venues[0]!.id);
    expect(again.msel[0]!.toTeamIds).toEqual([again.teams[0]!.id]);
  });

  it('carries each approved event’s approved version whole, so an edit after approval still shows as one', async () => {
    const seed = await seedKaraganda(h, 'Abai');
    const url = `/api/v1/exercises/${seed.exerciseId}`;
    const msel = (await h.ok('planner', 'GET', `${url}/msel`)) as unknown as {
      events: { id: string; number: string; title: string; content: string }[];
    };
    await h.ok('planner', 'POST', `${url}/msel/submit`, {});
    await h.ok('director', 'POST', `${url}/msel/approve`, { ids: msel.events.map((e) => e.id) });
    const bundle = (await h.ok('controller', 'GET', `${url}/bundle`)) as unknown as ExerciseBundle;
    const first = msel.events[0]!;
    expect(bundle.msel[0]).toMatchObject({
      approval: 'approved',
      approvedVersion: { number: first.number, title: first.title, content: first.content },
    });
    const res = await h.call('planner', 'POST', '/api/v1/exercises/import-bundle', bundle);
    expect(res.statusCode, res.body).toBe(201);
    const again = (await h.ok(
      'controller',
      'GET',
      `/api/v1/exercises/${(res.json() as { id: string }).id}/bundle`,
    )) as unknown as ExerciseBundle;
    expect(withoutIds(again)).toEqual(withoutIds(bundle));
  });

  it('carries the MSEL’s branching to the copy, and refuses a branch that could never play out', async () => {
    const seed = await seedKaraganda(h, 'Temirtau');
    const url = `/api/v1/exercises/${seed.exerciseId}`;
    const add = async (number: string) =>
      (
        await h.ok('planner', 'POST', `${url}/msel/events`, {
          number,
          kind: 'inject',
          offsetMinutes: 30,
          method: 'radio',
          title: `Branch ${number}`,
          content: 'The HQ must choose.',
        })
      ).id as string;
    const [point, waiting] = [await add('B1'), await add('B2')];
    const decision = { question: 'Storm or negotiate?', options: ['Storm', 'Negotiate'] };
    await h.ok('planner', 'PUT', `${url}/msel/${point}/branching`, { decision });
    await h.ok('planner', 'PUT', `${url}/msel/${waiting}/branching`, {
      releaseOn: { kind: 'decision', eventId: point, option: 'Negotiate', delayMinutes: 5 },
    });
    const bundle = (await h.ok('controller', 'GET', `${url}/bundle`)) as unknown as ExerciseBundle;
    const at = (id: string) => bundle.msel.findIndex((e) => e.id === id);
    expect(bundle.msel[at(point)]!.branching).toEqual({ decision, releaseOn: null });
    const res = await h.call('planner', 'POST', '/api/v1/exercises/import-bundle', bundle);
    expect(res.statusCode, res.body).toBe(201);
    const copy = (res.json() as { id: string }).id;
    const plan = await h.ok('controller', 'GET', `/api/v1/exercises/${copy}/branching`);
    const copied = plan.events as {
      eventId: string;
      decision: unknown;
      releaseOn: { eventId: string } | null;
    }[];
    expect(copied).toHaveLength(2);
    const waits = copied.find((b) => b.releaseOn)!;
    // It waits for the copy's own decision point, not the original's.
    expect(copied.find((b) => b.decision)!.eventId).toBe(waits.releaseOn!.eventId);
    expect(waits.releaseOn!.eventId).not.toBe(point);

    bundle.msel[at(waiting)]!.branching!.releaseOn = {
      kind: 'decision',
      eventId: point,
      option: 'Surrender',
      delayMinutes: 5,
    };
    const refused = await h.call('planner', 'POST', '/api/v1/exercises/import-bundle', bundle);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ field: `msel[${at(waiting)}].branching.releaseOn.option` });
  });

  it('refuses a bundle with a dangling reference and leaves nothing behind', async () => {
    const seed = await seedKaraganda(h, 'Baikonur');
    const bundle = (await h.ok(
      'controller',
      'GET',
      `/api/v1/exercises/${seed.exerciseId}/bundle`,
    )) as unknown as ExerciseBundle;
    const before = (await h.ok('planner', 'GET', '/api/v1/exercises')).items as unknown[];
    const refusals = () =>
      h.ctx.db.kysely
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'exercise.import_refused')
        .execute();
    const refusedBefore = (await refusals()).length;
    bundle.msel[0]!.toTeamIds = ['no-such-team'];
    const res = await h.call('planner', 'POST', '/api/v1/exercises/import-bundle', bundle);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ field: 'msel[0].toTeamIds[0]' });
    expect((await h.ok('planner', 'GET', '/api/v1/exercises')).items).toHaveLength(before.length);
    expect(await refusals()).toHaveLength(refusedBefore + 1);
    const shape = await h.call('planner', 'POST', '/api/v1/exercises/import-bundle', { format: 'other' });
    expect(shape.statusCode).toBe(400);
  });

  it('answers other requests while a large bundle is being imported, and imports it whole', async () => {
    const seed = await seedKaraganda(h, 'Shakhtinsk');
    const big = grown(
      (await h.ok(
        'controller',
        'GET',
        `/api/v1/exercises/${seed.exerciseId}/bundle`,
      )) as unknown as ExerciseBundle,
      3_000_000,
    );
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(IN_PLACE_BYTES);
    const answered: string[] = [];
    const importing = h.call('planner', 'POST', '/api/v1/exercises/import-bundle', big).then((res) => {
      answered.push('import');
      return res;
    });
    // Asked once the bundle is being read: on the main thread this would wait for the whole import.
    while (bodiesInFlight() === 0 && answered.length === 0) await new Promise((r) => setTimeout(r, 1));
    await h.app.inject({ method: 'GET', url: '/healthz' }).then(() => answered.push('health'));
    const res = await importing;
    expect(answered).toEqual(['health', 'import']);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const copy = (await h.ok(
      'controller',
      'GET',
      `/api/v1/exercises/${(res.json() as { id: string }).id}/bundle`,
    )) as unknown as ExerciseBundle;
    expect(withoutIds(copy)).toEqual(withoutIds(big));
  });

  it('refuses a large body that is not JSON, or not a bundle, as it refuses a small one', async () => {
    const seed = await seedKaraganda(h, 'Saran');
    const bundle = (await h.ok(
      'controller',
      'GET',
      `/api/v1/exercises/${seed.exerciseId}/bundle`,
    )) as unknown as ExerciseBundle;
    const big = grown(bundle, 1_000_000);
    const post = (body: unknown) =>
      h.call(
        'planner',
        'POST',
        '/api/v1/exercises/import-bundle',
        typeof body === 'string' ? body : JSON.stringify(body),
        {
          'content-type': 'application/json',
        },
      );
    const problem = (res: { statusCode: number; json(): unknown }) => {
      const { status, code, detail, field } = res.json() as Record<string, unknown>;
      return { http: res.statusCode, status, code, detail, field };
    };
    const truncated = await post(JSON.stringify(big).slice(0, -1));
    expect(problem(truncated)).toEqual(problem(await post('{"format": "dabyl.exercise-bundle", ')));
    expect(problem(truncated)).toMatchObject({ http: 400, code: 'malformed_json' });

    const last = big.msel.length - 1;
    const misshapen = (b: ExerciseBundle, i: number) => ({
      ...b,
      msel: b.msel.map((e, j) => (j === i ? { ...e, offsetMinutes: 'soon' } : e)),
    });
    const large = await post(misshapen(big, last));
    expect(problem(large)).toMatchObject({
      http: 400,
      code: 'invalid_input',
      field: `msel.${last}.offsetMinutes`,
    });
    expect(problem(await post(misshapen(bundle, 0)))).toEqual({
      ...problem(large),
      field: 'msel.0.offsetMinutes',
      detail: expect.any(String),
    });
    expect(problem(await post(''))).toMatchObject({ http: 400, code: 'malformed_json' });
  });

  it('bundle → import → bundle is the same bundle modulo ids (property)', async () => {
    await fc.assert(
      fc.asyncProperty(bundleArb, async (bundle) => {
        // The first export puts lists without a position in their canonical order; from then on
        // export → import → export must give the same document, ids aside.
        const first = await exportBundle(
          h.ctx,
          ADMIN,
          await importBundle(h.ctx, SYSTEM_ACTOR, ADMIN, bundle),
        );
        const second = await exportBundle(
          h.ctx,
          ADMIN,
          await importBundle(h.ctx, SYSTEM_ACTOR, ADMIN, first),
        );
        expect(withoutIds(second)).toEqual(withoutIds(first));
        const names = (b: ExerciseBundle) =>
          [
            ...b.people.map((p) => p.name),
            ...b.teams.map((t) => t.name),
            ...b.zones.map((z) => z.name),
          ].sort();
        expect(names(first)).toEqual(names(bundle));
        expect(first.msel.map((e) => e.title)).toEqual(bundle.msel.map((e) => e.title));
        expect(first.objectives.map((o) => o.capabilityTargets.length)).toEqual(
          bundle.objectives.map((o) => o.capabilityTargets.length),
        );
      }),
      { numRuns: 25 },
    );
  });
});

describe('a bundle file that is not JSON', () => {
  it('is refused by name, worded in every language', () => {
    let refused: unknown;
    try {
      parseBundle('{"exercise": {"name": "Karaganda-2026"');
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({
      status: 422,
      field: 'bundle',
      detail: expect.stringMatching(/^bundle: is not JSON: /),
      fault: { problem: 'not_json' },
    });
    expect(problemText('kk', 'not_json')).toMatch(/^JSON емес/);
    expect(problemText('ru', 'not_json')).toMatch(/^не является JSON/);
  });
});
