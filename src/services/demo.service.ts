import { settingRepository } from '../store/audit.repository.js';
import { programmeRepository } from '../store/exercise.repository.js';
import type { AppContext } from './context.js';
import { demoActor } from './demo/actors.js';
import { loadAgencies, AGENCIES, DEMO_USERS, type AgencyCounts } from './demo/agencies.js';
import { loadExercise, type PlanCounts } from './demo/build.js';
import { loadDemoComments } from './demo/comments.js';
import { loadNotices } from './demo/notices.js';
import { loadDemoSirens } from './demo/sirens.js';
import { loadDemoBoundaries } from './demo/boundaries.js';
import { loadDemoSubscribers } from './demo/subscribers.js';
import { shiftDays } from './demo/placement.js';
import { DEMO_EXERCISES, PROGRAMME } from './demo/scenario/programme.js';
import { ensureCoreCapabilities } from './planning/capabilities.service.js';
import { createProgramme } from './planning/exercises.service.js';

/*
 * The seed scenario of the autumn counter-terrorism series (see docs/demo-data.md): the agencies
 * that take part, one person per role, and the programme with its six exercises, their venues,
 * closures, participants and MSELs. The data lives in ./demo/; this module runs it in order.
 */

/** Version 2 added the programme and its exercises to version 1's agencies and people. */
export const DEMO_VERSION = '2';

/** What one load added (all zero on a second load), and whether this version was loaded before. */
export interface DemoResult extends AgencyCounts, PlanCounts {
  alreadyLoaded: boolean;
  /** Public notices published for the drills; a load adds those missing, also to an earlier load. */
  notices: number;
  /** Where the series starts: STARTEX of its first drill, as placed by this load or a previous one. */
  firstDrill: string | null;
}

export interface DemoOptions {
  /** The day the series is placed after (default: today); see {@link shiftDays}. */
  asOf?: Date | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Loads the demo set. Each thing is looked up by its name first, so running it again adds only
 * what is missing and changes nothing else; exercises already there keep their dates.
 */
export async function loadDemoData(ctx: AppContext, options: DemoOptions = {}): Promise<DemoResult> {
  const db = ctx.db.kysely;
  const result: DemoResult = {
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
    notices: 0,
    alreadyLoaded: (await settingRepository.get(db, 'demo.version')) === DEMO_VERSION,
    firstDrill: null,
  };
  const total = AGENCIES.length + DEMO_USERS.length + DEMO_EXERCISES.length;
  let done = 0;
  const step = () => options.onProgress?.(++done, total);
  await ensureCoreCapabilities(ctx);
  const { orgIds, unitIds, userIds } = await loadAgencies(ctx, result, step);
  let programme = await programmeRepository.findByName(db, PROGRAMME.name);
  if (!programme) {
    const planner = demoActor(userIds, 'planner.astana', 'planner');
    await createProgramme(ctx, planner.info, {
      name: PROGRAMME.name,
      description: PROGRAMME.description,
      sponsorOrganisationId: orgIds.get(PROGRAMME.sponsor) ?? null,
    });
    programme = (await programmeRepository.findByName(db, PROGRAMME.name))!;
    result.programmes++;
  }
  const refs = { orgIds, unitIds, userIds, shift: shiftDays(options.asOf ?? ctx.clock.now()) };
  for (const spec of DEMO_EXERCISES) {
    await loadExercise(ctx, spec, programme.id, refs, result);
    step();
  }
  // Before the notices, so publishing them fans out to these residents as it would in life.
  await loadDemoSubscribers(ctx);
  result.notices += await loadNotices(ctx, userIds);
  await loadDemoComments(ctx, userIds);
  await loadDemoSirens(ctx, orgIds);
  await loadDemoBoundaries(ctx);
  const first = await db
    .selectFrom('exercises')
    .select('startex')
    .where('programme_id', '=', programme.id)
    .orderBy('startex')
    .executeTakeFirst();
  result.firstDrill = first?.startex ?? null;
  await settingRepository.set(db, 'demo.version', DEMO_VERSION, ctx.clock.now().toISOString());
  return result;
}
