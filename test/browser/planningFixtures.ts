/**
 * Builds planning data straight through the services, for browser tests that need more of it than
 * clicking would make in reasonable time (the 5,000-inject MSEL).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { addTeam } from '../../src/services/planning/plan.service.js';
import type { TestServer } from '../support/server.js';

const ADMIN: Actor = {
  userId: 'test-fixture',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};
const METHODS = ['radio', 'phone', 'email', 'sms', 'in-app', 'in-person'];

/** An exercise of `count` injects spread over a day, to three teams; returns its id. */
export async function exerciseWithInjects(server: TestServer, count: number): Promise<string> {
  const ctx = server.server.runtime.ctx;
  const exercise = await createExercise(ctx, SYSTEM_ACTOR, {
    name: 'Karaganda full-scale (5,000 injects)',
    type: 'full-scale',
    timeZone: 'Asia/Almaty',
    city: 'Karaganda',
    startex: '2026-10-25T06:00:00+05:00',
    endex: '2026-10-26T06:00:00+05:00',
  });
  const teams: string[] = [];
  for (const name of ['Police patrol 1', 'Special forces', 'Investigators'])
    teams.push(await addTeam(ctx, SYSTEM_ACTOR, ADMIN, exercise.id, { name }));
  const now = new Date().toISOString();
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    exercise_id: exercise.id,
    number: String(i + 1),
    kind: 'inject',
    position: i + 1,
    offset_minutes: Math.floor((i * 1440) / count),
    scenario_time: null,
    from_role: 'Simulation cell',
    to_team_ids: JSON.stringify([teams[i % teams.length]]),
    to_text: null,
    method: METHODS[i % METHODS.length]!,
    title: `Report ${i + 1}: suspicious vehicle near checkpoint ${(i % 40) + 1}`,
    content: 'Caller reports a parked van with its engine running.',
    expected_action: i % 7 === 0 ? 'Dispatch the nearest patrol and report back' : null,
    objective_ids: '[]',
    critical_task_ids: '[]',
    responsible_controller_id: null,
    contingency: 0,
    controller_notes: null,
    approval: 'draft',
    approved_snapshot: null,
    approved_by: null,
    approved_at: null,
    author_id: null,
    version: 1,
    created_at: now,
    updated_at: now,
  }));
  const db = ctx.db.kysely;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('msel_events')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  return exercise.id;
}
