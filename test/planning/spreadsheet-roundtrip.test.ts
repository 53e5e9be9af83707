import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_METHODS, EVENT_KINDS } from '../../src/core/msel/msel.js';
import { SHEET_LANGUAGES } from '../../src/core/spreadsheet/words.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { ensureCoreCapabilities } from '../../src/services/planning/capabilities.service.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { exportSpreadsheet } from '../../src/services/planning/export.service.js';
import { importSpreadsheet } from '../../src/services/planning/import.service.js';
import { getMsel } from '../../src/services/planning/msel.service.js';
import { mselRepository } from '../../src/store/msel.repository.js';
import { planRepository } from '../../src/store/plan.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const ADMIN: Actor = {
  userId: 'test-admin',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};
// Letters of our three languages, the characters that break CSV, and the ones that start formulas.
const CHARS = [...'aZяЁәҚі 09,;"\'=+-@\n.№'];
const text = (min: number, max: number) =>
  fc
    .string({ unit: fc.constantFrom(...CHARS), minLength: min, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length >= min);
const optional = fc.option(text(1, 40), { nil: null });

describe.each(ENGINES)('MSEL export → import round trip on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let exerciseId = '';
  const plan = {
    teams: [] as string[],
    objectives: [] as string[],
    tasks: [] as string[],
    people: [] as string[],
  };

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    await ensureCoreCapabilities(ctx);
    exerciseId = (
      await createExercise(ctx, SYSTEM_ACTOR, {
        name: 'Round trip',
        type: 'full-scale',
        timeZone: 'Asia/Almaty',
        startex: '2026-10-25T09:00:00+05:00',
        endex: '2026-10-25T17:00:00+05:00',
      })
    ).id;
    const db = ctx.db.kysely;
    const capability = (await planRepository.coreCapabilities(db))[0]!.id;
    for (const [i, name] of ['Police patrol', 'СОБР', 'Дежурная часть'].entries()) {
      const id = randomUUID();
      plan.teams.push(id);
      await planRepository.insertTeam(db, {
        id,
        exercise_id: exerciseId,
        name,
        organisation_id: null,
        unit_id: null,
      });
      const objective = randomUUID();
      plan.objectives.push(objective);
      await planRepository.insertObjective(db, {
        id: objective,
        exercise_id: exerciseId,
        position: i + 1,
        text: `O${i}`,
      });
      const target = randomUUID();
      await planRepository.insertTarget(db, {
        id: target,
        objective_id: objective,
        core_capability_id: capability,
        text: 'T',
      });
      const task = randomUUID();
      plan.tasks.push(task);
      await planRepository.insertTask(db, {
        id: task,
        capability_target_id: target,
        position: 1,
        text: `Cordon the area; step ${i}`,
      });
      const person = randomUUID();
      plan.people.push(person);
      await planRepository.insertPerson(db, {
        id: person,
        exercise_id: exerciseId,
        user_id: null,
        name: `Controller ${i}`,
        role: 'controller',
        team_id: null,
        organisation_id: null,
        contact: null,
      });
    }
  });
  afterAll(async () => drop?.());

  const event = () =>
    fc.record({
      kind: fc.constantFrom(...EVENT_KINDS),
      offsetMinutes: fc.integer({ min: 0, max: 480 }),
      scenarioTime: optional,
      from: optional,
      toTeamIds: fc.subarray(plan.teams),
      toText: optional,
      method: fc.constantFrom(...DELIVERY_METHODS),
      title: text(1, 60),
      content: text(1, 200).map((s) => `${s}x`),
      expectedAction: optional,
      objectiveIds: fc.subarray(plan.objectives),
      criticalTaskIds: fc.subarray(plan.tasks),
      responsibleControllerId: fc.option(fc.constantFrom(...plan.people), { nil: null }),
      contingency: fc.boolean(),
      controllerNotes: optional,
    });

  const fieldsOf = async () =>
    (await getMsel(ctx, ADMIN, exerciseId)).events.map(
      ({ id: _id, version: _v, position: _p, authorId: _a, approval: _s, ...rest }) => ({
        ...rest,
        approvedAt: null,
        changedSinceApproval: [],
      }),
    );

  for (const lang of SHEET_LANGUAGES)
    for (const format of ['csv', 'xlsx'] as const)
      it(`keeps every field through ${format} in ${lang}`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.array(event(), { minLength: 1, maxLength: 12 }), async (events) => {
            const now = new Date().toISOString();
            await mselRepository.deleteAll(ctx.db.kysely, exerciseId);
            await mselRepository.insertMany(
              ctx.db.kysely,
              events.map((e, i) => ({
                id: randomUUID(),
                exercise_id: exerciseId,
                number: `${i + 1}`,
                kind: e.kind,
                position: i + 1,
                offset_minutes: e.offsetMinutes,
                scenario_time: e.scenarioTime,
                from_role: e.from,
                to_team_ids: JSON.stringify(e.toTeamIds),
                to_text: e.toText,
                method: e.method,
                title: e.title,
                content: e.content,
                expected_action: e.expectedAction,
                objective_ids: JSON.stringify(e.objectiveIds),
                critical_task_ids: JSON.stringify(e.criticalTaskIds),
                responsible_controller_id: e.responsibleControllerId,
                contingency: e.contingency ? 1 : 0,
                controller_notes: e.controllerNotes,
                approval: 'draft',
                approved_snapshot: null,
                approved_by: null,
                approved_at: null,
                author_id: null,
                version: 1,
                created_at: now,
                updated_at: now,
              })),
            );
            const before = await fieldsOf();
            const file = await exportSpreadsheet(ctx, ADMIN, exerciseId, 'msel', format, lang);
            // Over the list it came from, the dry run finds every event unchanged, whatever the language…
            const dry = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, exerciseId, 'msel', file.body, {
              dryRun: true,
            });
            expect(dry.issues.filter((i) => i.severity === 'error')).toEqual([]);
            expect(dry.changes).toMatchObject({ changed: [], added: [], missing: [] });
            expect(dry.changes?.unchanged).toHaveLength(events.length);
            // …a re-import matches every number and changes nothing…
            const again = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, exerciseId, 'msel', file.body, {
              replace: true,
            });
            expect(again.issues.filter((i) => i.severity === 'error')).toEqual([]);
            expect(again.imported).toBe(0);
            expect(again.changes?.unchanged).toHaveLength(events.length);
            expect(await fieldsOf()).toEqual(before);
            // …and into an empty list it brings every field back.
            await mselRepository.deleteAll(ctx.db.kysely, exerciseId);
            const report = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, exerciseId, 'msel', file.body);
            expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
            expect(report.imported).toBe(events.length);
            expect(await fieldsOf()).toEqual(before);
          }),
          // English is the long run; the other languages differ only in the words, not the data.
          { numRuns: (engine === 'sqlite' ? 40 : 10) / (lang === 'en' ? 1 : 2) },
        );
      });
});
