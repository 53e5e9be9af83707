import { exerciseRepository } from '../../store/exercise.repository.js';
import type { AppContext } from '../context.js';
import { readScopesOf } from '../planning/exercises.service.js';

/** How long an exercise's organisations are kept: who takes part changes in planning, not mid-stream. */
const KEEP_MS = 5_000;

const known = new WeakMap<AppContext['db'], Map<string, { orgs: readonly string[]; until: number }>>();

/**
 * The organisations each exercise is read in (its lead and every participating agency), for the
 * event stream to decide who sees an exercise's events as its routes would. Read once per batch for
 * all its exercises and kept a few seconds, so a busy control room costs one query, not one per reader.
 */
export async function exerciseOrganisations(
  ctx: AppContext,
  exerciseIds: readonly string[],
): Promise<Map<string, readonly string[]>> {
  let cache = known.get(ctx.db);
  if (!cache) known.set(ctx.db, (cache = new Map()));
  const now = Date.now();
  const out = new Map<string, readonly string[]>();
  const missing: string[] = [];
  for (const id of new Set(exerciseIds)) {
    const hit = cache.get(id);
    if (hit && hit.until > now) out.set(id, hit.orgs);
    else missing.push(id);
  }
  if (missing.length) {
    const rows = await exerciseRepository.leads(ctx.db.kysely, missing);
    const scopes = await readScopesOf(ctx.db.kysely, rows);
    for (const [id, scope] of scopes) {
      cache.set(id, { orgs: scope.organisationIds, until: now + KEEP_MS });
      out.set(id, scope.organisationIds);
    }
  }
  return out;
}
