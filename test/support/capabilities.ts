import { CORE_CAPABILITIES } from '../../src/core/exercise/capabilities.js';
import type { AppContext } from '../../src/services/context.js';

/**
 * A capability of the shipped catalogue, stored as a server's start-up stores it: its id is the
 * catalogue's key (not a UUID), its name the shipped English one. Returns the id.
 */
export async function shippedCapability(ctx: AppContext, key: string): Promise<string> {
  const c = CORE_CAPABILITIES.find((x) => x.key === key);
  if (!c) throw new Error(`no shipped core capability ${key}`);
  await ctx.db.kysely
    .insertInto('core_capabilities')
    .values({ id: c.key, name: c.name, mission_area: c.missionArea, description: c.description, builtin: 1 })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return c.key;
}
