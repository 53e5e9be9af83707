import { CORE_CAPABILITIES } from '../../core/exercise/capabilities.js';
import { can, SHARED, type Actor } from '../../core/policy/policy.js';
import { badField, conflict, forbidden, notFound } from '../../errors.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { cleanText } from '../text.js';

export interface CoreCapability {
  id: string;
  name: string;
  missionArea: string;
  description: string;
  builtin: boolean;
}

/** Adds the shipped catalogue entries that are missing; never overwrites an administrator's edit. */
export async function ensureCoreCapabilities(ctx: AppContext): Promise<number> {
  const db = ctx.db.kysely;
  const present = new Set((await db.selectFrom('core_capabilities').select('id').execute()).map((r) => r.id));
  const missing = CORE_CAPABILITIES.filter((c) => !present.has(c.key));
  if (missing.length === 0) return 0;
  await db
    .insertInto('core_capabilities')
    .values(
      missing.map((c) => ({
        id: c.key,
        name: c.name,
        mission_area: c.missionArea,
        description: c.description,
        builtin: 1,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  return missing.length;
}

export async function listCoreCapabilities(ctx: AppContext): Promise<CoreCapability[]> {
  const rows = await ctx.db.kysely
    .selectFrom('core_capabilities')
    .selectAll()
    .orderBy('mission_area')
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    missionArea: r.mission_area,
    description: r.description,
    builtin: r.builtin === 1,
  }));
}

/**
 * Adds or edits a core capability. The catalogue is every organisation's, so a grant scoped to one
 * organisation may not change it (a renamed built-in would change every plan's wording).
 */
export async function saveCoreCapability(
  ctx: AppContext,
  actor: ActorInfo,
  input: { id?: string | undefined; name: string; missionArea: string; description: string },
  policy?: Actor,
): Promise<CoreCapability> {
  if (policy !== undefined && !can(policy, 'catalogue:manage', SHARED))
    throw forbidden(
      'The core capabilities are shared by every organisation: only an unscoped grant changes them',
    );
  const name = cleanText(input.name, 'name', 200);
  const description = cleanText(input.description, 'description', 2000);
  const missionArea = cleanText(input.missionArea, 'missionArea', 40);
  const id =
    input.id ??
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  if (!id) throw badField('name', 'needs_latin_for_id');
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('core_capabilities')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (input.id && !existing) throw notFound('Core capability');
    if (!input.id && existing) throw conflict(`A core capability "${existing.name}" exists already`, 'name');
    if (existing)
      await trx
        .updateTable('core_capabilities')
        .set({ name, description, mission_area: missionArea })
        .where('id', '=', id)
        .execute();
    else
      await trx
        .insertInto('core_capabilities')
        .values({ id, name, description, mission_area: missionArea, builtin: 0 })
        .execute();
    await appendAudit(ctx, trx, actor, {
      action: existing ? 'capability.updated' : 'capability.created',
      subjectType: 'core_capability',
      subjectId: id,
      detail: { name },
    });
  });
  return { id, name, missionArea, description, builtin: false };
}
