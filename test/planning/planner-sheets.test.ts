import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { importSpreadsheet } from '../../src/services/planning/import.service.js';
import { getMsel } from '../../src/services/planning/msel.service.js';
import { addObjective, addPerson, addTeam, getPlan } from '../../src/services/planning/plan.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import {
  EXPECTED,
  PLANS,
  plannerMselCsv,
  plannerMselXlsx,
  type Language,
} from '../support/planner-sheets.js';

const ADMIN: Actor = {
  userId: 'test-admin',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

const CORPUS: { name: string; lang: Language; file: () => Promise<Buffer> }[] = (
  ['kk', 'ru', 'en'] as const
).flatMap((lang) => [
  { name: `${lang} XLSX, merged two-level header`, lang, file: () => plannerMselXlsx(lang, 'two-level') },
  { name: `${lang} XLSX, one header row`, lang, file: () => plannerMselXlsx(lang, 'flat') },
  { name: `${lang} CSV with ";"`, lang, file: () => Promise.resolve(plannerMselCsv(lang)) },
]);

describe.each(ENGINES)('planners’ own MSEL sheets import without a mapping on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  /** An exercise holding the teams, objectives and controllers the sheets in `lang` name. */
  async function exerciseFor(lang: Language, name: string) {
    const p = PLANS[lang];
    const ex = await createExercise(ctx, SYSTEM_ACTOR, {
      name,
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T17:00:00+05:00',
    });
    for (const t of p.teams) await addTeam(ctx, SYSTEM_ACTOR, ADMIN, ex.id, { name: t });
    for (const o of p.objectives) await addObjective(ctx, SYSTEM_ACTOR, ADMIN, ex.id, { text: o });
    for (const c of p.controllers)
      await addPerson(ctx, SYSTEM_ACTOR, ADMIN, ex.id, { name: c, role: 'controller' });
    return ex.id;
  }

  it.each(CORPUS)('$name', async ({ name, lang, file }) => {
    const id = await exerciseFor(lang, name);
    const bytes = await file();
    // Nothing remembered from another sheet helps: each sheet is read from its headings alone.
    await ctx.db.kysely.deleteFrom('import_mappings').execute();
    const report = await importSpreadsheet(ctx, SYSTEM_ACTOR, ADMIN, id, 'msel', bytes);
    expect(
      report.issues.filter((i) => i.severity === 'error').map((i) => `${i.row} ${i.field} ${i.message}`),
    ).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.columns.filter((c) => c.field !== null && c.source !== 'detected')).toEqual([]);
    expect(report.issues.map((i) => i.message).join('\n')).toMatch(
      /below the table look like signatures or notes/,
    );

    const plan = await getPlan(ctx, ADMIN, id);
    const team = (i: number) => plan.teams.find((t) => t.name === PLANS[lang].teams[i])!.id;
    const objective = (i: number) => plan.objectives.find((o) => o.text === PLANS[lang].objectives[i])!.id;
    const person = (i: number) => plan.people.find((x) => x.name === PLANS[lang].controllers[i])!.id;
    const events = (await getMsel(ctx, ADMIN, id)).events;
    expect(
      events.map((e) => [
        e.number,
        e.offset,
        e.toTeamIds,
        e.objectiveIds,
        e.responsibleControllerId,
        e.method,
        e.contingency,
      ]),
    ).toEqual(
      EXPECTED.map((x) => [
        x.number,
        x.offset,
        [team(x.team)],
        x.objective.map(objective),
        person(x.controller),
        x.method,
        x.contingency,
      ]),
    );
  });
});
