/**
 * The alert benches' shared ground: an Actual earthquake alert over the fan-out fixture's block of
 * central Astana (bench/support/fanout-fixture.ts), and the wait for one message's fan-out.
 */
import { textsFromTemplate } from '../../src/core/alert/templates.js';
import type { AppContext } from '../../src/services/context.js';
import { AREA } from './fanout-fixture.js';

export const NAMES = { kk: 'Астана, орталық', ru: 'Астана, центр', en: 'Astana, centre' };

/** The residents' block, a little widened so no one on its edge is left out. */
export const POLYGON = {
  kind: 'polygon' as const,
  ring: [
    [AREA.west - 0.001, AREA.south - 0.001],
    [AREA.east + 0.001, AREA.south - 0.001],
    [AREA.east + 0.001, AREA.north + 0.001],
    [AREA.west - 0.001, AREA.north + 0.001],
    [AREA.west - 0.001, AREA.south - 0.001],
  ] as [number, number][],
  region: 'KZ-71',
};

/** What the PIO drafts: an Actual earthquake alert over POLYGON, from the template, for six hours. */
export const earthquakeDraft = () => ({
  status: 'Actual' as const,
  hazard: 'earthquake' as const,
  area: POLYGON,
  areaNames: NAMES,
  texts: textsFromTemplate('earthquake', NAMES),
  expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
});

/** Waits for the fan-out of the thread's message `sequence` to finish; returns what it wrote. */
export async function waitFanOut(ctx: AppContext, threadId: string, sequence: number): Promise<number> {
  for (;;) {
    const f = await ctx.db.kysely
      .selectFrom('fanouts')
      .select(['status', 'written', 'last_error'])
      .where('source_id', '=', threadId)
      .where('sequence', '=', sequence)
      .executeTakeFirst();
    if (f?.status === 'failed') throw new Error(`fan-out ${threadId}#${sequence} failed: ${f.last_error}`);
    if (f?.status === 'done') return Number(f.written);
    await new Promise((r) => setTimeout(r, 20));
  }
}
