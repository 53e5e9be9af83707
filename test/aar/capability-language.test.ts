/**
 * A report is written in its exercise's language throughout, the names of the shipped core
 * capabilities included (an administrator's own wording is kept: src/core/exercise).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReport } from '../../src/services/aar/aar.service.js';
import type { AppContext } from '../../src/services/context.js';
import { shippedCapability } from '../support/capabilities.js';
import { openTestRuntime } from '../support/engines.js';
import { buildReportExercise, director, directorInfo } from './fixture.js';

describe('core capability names in a report', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const rt = await openTestRuntime('sqlite');
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  it('names a shipped one in the report’s language', async () => {
    const shipped = await shippedCapability(ctx, 'operational-coordination');
    const fx = await buildReportExercise(ctx);
    await ctx.db.kysely
      .updateTable('capability_targets')
      .set({ core_capability_id: shipped })
      .where('id', '=', fx.plan.target)
      .execute();
    for (const [language, name] of [
      ['kk', 'Жедел үйлестіру'],
      ['ru', 'Оперативная координация'],
      ['en', 'Operational Coordination'],
    ] as const) {
      await ctx.db.kysely
        .updateTable('exercises')
        .set({ language })
        .where('id', '=', fx.exerciseId)
        .execute();
      const v = await generateReport(ctx, directorInfo, director, fx.exerciseId);
      expect(v.content.objectives[0]!.targets[0]!.capability, language).toBe(name);
      expect(
        v.content.capabilities.map((c) => c.name),
        language,
      ).toEqual([name]);
      expect(v.content.language).toBe(language);
    }
  });
});
