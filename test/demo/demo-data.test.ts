import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBoundaries, listBoundarySets } from '../../src/services/boundaries/boundaries.service.js';
import type { PlanGeometry } from '../../src/core/exercise/geometry.js';
import { KAZAKHSTAN_BOX } from '../../src/core/exercise/geometry.js';
import { can, type Actor, type Role } from '../../src/core/policy/policy.js';
import { listInjects } from '../../src/services/conduct/injects.service.js';
import { userRepository } from '../../src/store/user.repository.js';
import { listSirens } from '../../src/services/sirens/sirens.service.js';
import type { AppContext } from '../../src/services/context.js';
import { getBranching } from '../../src/services/planning/branching.service.js';
import { loadDemoData, type DemoResult } from '../../src/services/demo.service.js';
import { listExercises, listProgrammes } from '../../src/services/planning/exercises.service.js';
import { getMsel } from '../../src/services/planning/msel.service.js';
import { getPlan } from '../../src/services/planning/plan.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const ADMIN: Actor = { userId: 'test', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };
/** A Tuesday: the series moves 16 weeks on from the seed, to start on Wednesday 10 February 2027. */
const AS_OF = new Date('2027-02-02T12:00:00+05:00');
/** The seed's weekday and local STARTEX of each exercise, by the first word of its city. */
const SEED_STARTS: Record<string, string> = {
  Astana: 'Wednesday 09:00',
  Pavlodar: 'Wednesday 10:00',
  Karaganda: 'Sunday 07:00',
  Baikonur: 'Tuesday 10:00',
  Kokshetau: 'Wednesday 10:00',
  'Astana EXPO': 'Tuesday 10:00',
};
const DAY = 86_400_000;

const weekday = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: zone }).format(new Date(iso));
const localTime = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
    new Date(iso),
  );

function positions(g: PlanGeometry): [number, number][] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'LineString') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat(2);
  return g.coordinates.flat();
}
const inKazakhstan = ([lon, lat]: [number, number]) =>
  lon > KAZAKHSTAN_BOX.minLon &&
  lon < KAZAKHSTAN_BOX.maxLon &&
  lat > KAZAKHSTAN_BOX.minLat &&
  lat < KAZAKHSTAN_BOX.maxLat;

describe.each(ENGINES)('the demo data set on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let first: DemoResult;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ({ ctx, drop } = rt);
    first = await loadDemoData(ctx, { asOf: AS_OF });
  });
  afterAll(async () => drop?.());

  it('loads the autumn programme with its six exercises on the seed weekdays and times, after the as-of day', async () => {
    expect(first).toMatchObject({ alreadyLoaded: false, programmes: 1, exercises: 6 });
    const [programme] = (await listProgrammes(ctx)).filter(
      (p) => p.name === 'Autumn counter-terrorism exercises',
    );
    const exercises = await listExercises(ctx, ADMIN, { programmeId: programme!.id });
    expect(exercises).toHaveLength(6);
    const karaganda = exercises.find((e) => e.name.startsWith('Karaganda'))!;
    expect(karaganda).toMatchObject({ type: 'full-scale', status: 'ready', timeZone: 'Asia/Almaty' });
    expect(karaganda.startexLocal).toBe('2027-02-14 07:00 (UTC+05:00)');
    expect(exercises.find((e) => e.name.startsWith('Baikonur'))!.timeZone).toBe('Asia/Qyzylorda');
    const starts = Object.fromEntries(
      exercises.map((e) => [
        e.city!.split(' ')[0]! + (e.name.includes('EXPO') ? ' EXPO' : ''),
        `${weekday(e.startex, e.timeZone)} ${localTime(e.startex, e.timeZone)}`,
      ]),
    );
    expect(starts).toEqual(SEED_STARTS);
    const lead = (Date.parse(first.firstDrill!) - AS_OF.getTime()) / DAY;
    expect(lead).toBeGreaterThan(3);
    expect(lead).toBeLessThan(11);
    expect(new Set(exercises.map((e) => e.status))).toEqual(new Set(['draft', 'planned', 'ready']));
    for (const e of exercises) {
      expect(e.startex > AS_OF.toISOString(), e.name).toBe(true);
      expect(e.scenario).toBeTruthy();
      expect(e.handling).toBe('For official use only');
    }
  });

  it('draws venues inside Kazakhstan and closures along streets with their own time windows', async () => {
    for (const e of await listExercises(ctx, ADMIN)) {
      const plan = await getPlan(ctx, ADMIN, e.id);
      expect(plan.venues.length, e.name).toBeGreaterThan(0);
      for (const v of plan.venues) {
        expect(inKazakhstan([v.point.lon, v.point.lat]), v.name).toBe(true);
        expect(positions(v.footprint!).every(inKazakhstan), v.name).toBe(true);
      }
      const closures = plan.zones.filter((z) => z.kind === 'road-closure');
      expect(closures.length, e.name).toBeGreaterThan(0);
      for (const z of closures) {
        expect(z.geometry.type).toBe('LineString');
        expect(positions(z.geometry).every(inKazakhstan), z.name).toBe(true);
        expect(z.road, z.name).toBeTruthy();
        expect(z.startsAt! > AS_OF.toISOString() && z.endsAt! > z.startsAt!, z.name).toBe(true);
      }
      expect(plan.objectives.every((o) => o.capabilityTargets.some((t) => t.criticalTasks.length > 0))).toBe(
        true,
      );
      expect(plan.organisations.length).toBeGreaterThan(0);
    }
  });

  it('gives Karaganda an approved MSEL of 40+ injects without errors, two of them back in review', async () => {
    const karaganda = (await listExercises(ctx, ADMIN)).find((e) => e.name.startsWith('Karaganda'))!;
    const msel = await getMsel(ctx, ADMIN, karaganda.id);
    expect(msel.events.filter((e) => e.kind === 'inject').length).toBeGreaterThanOrEqual(40);
    expect(msel.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(msel.events.filter((e) => e.contingency).length).toBeGreaterThanOrEqual(3);
    expect(new Set(msel.events.map((e) => e.method))).toEqual(
      new Set(['radio', 'phone', 'in-app', 'in-person', 'email', 'siren', 'public-alert']),
    );
    const back = msel.events.filter((e) => e.approval === 'submitted');
    expect(msel.events.filter((e) => e.approval === 'draft')).toEqual([]);
    expect(back.map((e) => e.number).sort()).toEqual(['18', '37']);
    expect(back.every((e) => e.changedSinceApproval.length > 0 && e.approvedBy !== e.authorId)).toBe(true);
    expect(msel.events.every((e) => e.approvedBy && e.approvedBy !== e.authorId)).toBe(true);
    expect(msel.events.every((e) => e.responsibleControllerId)).toBe(true);
    const plan = await getPlan(ctx, ADMIN, karaganda.id);
    expect(plan.people.some((p) => p.role === 'player' && p.teamId)).toBe(true);
    expect(plan.people.some((p) => p.userId)).toBe(true);
    // A decision point with a branch waiting for one of its options, and a milestone.
    const branching = await getBranching(ctx, ADMIN, karaganda.id);
    expect(branching.milestones).toEqual(['Bus on the apron']);
    expect(branching.events.find((b) => b.decision)?.decision?.options).toContain(
      'Allow the bus under shadowing',
    );
    expect(branching.events.filter((b) => b.releaseOn?.kind === 'decision')).toHaveLength(1);
  });

  it('lets the demo accounts placed in Karaganda’s exercise do their part there, though their organisations do not lead it', async () => {
    const karaganda = (await listExercises(ctx, ADMIN)).find((e) => e.name.startsWith('Karaganda'))!;
    const accountOf = async (username: string): Promise<Actor> => {
      const user = await ctx.db.kysely
        .selectFrom('users')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
      const grants = await userRepository.grants(ctx.db.kysely, [user.id]);
      return {
        userId: user.id,
        grants: grants.map((g) => ({
          role: g.role as Role,
          organisationId: g.organisation_id,
          exerciseId: g.exercise_id,
        })),
      };
    };
    const scope = { exerciseId: karaganda.id, organisationId: karaganda.leadOrganisationId };
    for (const [username, permission] of [
      ['director.astana', 'exercises:conduct'],
      ['controller.expo', 'exercises:conduct'],
      ['evaluator.ems', 'observations:record'],
      ['observer.karaganda', 'exercises:read'],
    ] as const)
      expect(can(await accountOf(username), permission, scope), username).toBe(true);
    // The controller reads the MSEL and the control room's list of injects (empty until STARTEX).
    const controller = await accountOf('controller.expo');
    expect((await getMsel(ctx, controller, karaganda.id)).events.length).toBeGreaterThan(40);
    expect(await listInjects(ctx, controller, karaganda.id)).toEqual([]);
    // Only where they are placed: their own organisation's grants still end at its border.
    const director = await accountOf('director.astana');
    const seated = director.grants.filter((g) => g.exerciseId !== null);
    expect(seated.length).toBeGreaterThan(0);
    for (const g of seated) {
      const plan = await getPlan(ctx, ADMIN, g.exerciseId!);
      expect(plan.people.some((p) => p.userId === director.userId)).toBe(true);
    }
  });

  it('leaves the smaller MSELs in other states, with no errors either', async () => {
    const states: Record<string, string> = {};
    for (const e of await listExercises(ctx, ADMIN)) {
      const msel = await getMsel(ctx, ADMIN, e.id);
      expect(
        msel.findings.filter((f) => f.severity === 'error'),
        e.name,
      ).toEqual([]);
      if (msel.events.length)
        states[e.city!.split(' ')[0]! + (e.name.includes('EXPO') ? ' EXPO' : '')] = msel.approval;
    }
    expect(states).toEqual({
      Astana: 'draft',
      Pavlodar: 'approved',
      Karaganda: 'submitted',
      'Astana EXPO': 'submitted',
    });
  });

  it('adds nothing on a second load, whatever day it runs', async () => {
    const again = await loadDemoData(ctx, { asOf: new Date('2027-03-01T12:00:00+05:00') });
    expect(again).toMatchObject({
      alreadyLoaded: true,
      organisations: 0,
      units: 0,
      users: 0,
      programmes: 0,
      exercises: 0,
      objectives: 0,
      venues: 0,
      zones: 0,
      teams: 0,
      people: 0,
      mselEvents: 0,
    });
    expect(again.firstDrill).toBe(first.firstDrill);
  });

  it('registers a handful of sirens in Almaty and Karaganda, labelled demo, once', async () => {
    const sirens = await listSirens(ctx);
    expect(sirens.length).toBeGreaterThanOrEqual(5);
    expect(sirens.every((s) => s.demo && s.topicPrefix.startsWith('demo/'))).toBe(true);
    expect(new Set(sirens.map((s) => s.topicPrefix.split('/')[1]))).toEqual(new Set(['almaty', 'karaganda']));
    expect(sirens.every((s) => inKazakhstan([s.lon, s.lat]))).toBe(true);
  });

  it('imports the approximate outlines of Almaty, three of its districts, Astana, Shymkent and Karaganda, once', async () => {
    const sets = await listBoundarySets(ctx);
    expect(sets).toMatchObject([
      { name: 'demo-approximate', approximate: true, features: 7, importedBy: null },
    ]);
    const boundaries = await listBoundaries(ctx);
    expect(boundaries.map((b) => [b.level, b.region, b.names.en])).toEqual([
      ['city', 'KZ-75', 'Almaty city'],
      ['city', 'KZ-71', 'Astana city'],
      ['city', 'KZ-35', 'Karaganda city'],
      ['city', 'KZ-79', 'Shymkent city'],
      ['district', 'KZ-75', 'Almaly district'],
      ['district', 'KZ-75', 'Bostandyq district'],
      ['district', 'KZ-75', 'Medeu district'],
    ]);
    const almaty = boundaries.find((b) => b.code === 'almaty')!;
    for (const b of boundaries) {
      expect(b.approximate).toBe(true);
      expect(b.points - 1, b.code).toBeGreaterThanOrEqual(8);
      expect(b.points - 1, b.code).toBeLessThanOrEqual(20);
      if (b.level === 'district') {
        // Inside the city's box.
        expect(b.bbox[0]).toBeGreaterThan(almaty.bbox[0]);
        expect(b.bbox[1]).toBeGreaterThan(almaty.bbox[1]);
        expect(b.bbox[2]).toBeLessThan(almaty.bbox[2]);
        expect(b.bbox[3]).toBeLessThan(almaty.bbox[3]);
      }
    }
    expect(almaty.bbox).toEqual([76.75, 43.15, 77.1, 43.4]);
  });
});
