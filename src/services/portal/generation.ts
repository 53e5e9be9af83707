import { settingRepository } from '../../store/audit.repository.js';
import type { Q } from '../context.js';

const KEY = 'portal.generation';

/**
 * The public site is rendered once per change, never per request. Every write that changes what
 * the public sees (a publication, an approved comment, a vote count) calls `touchPortal` inside its
 * own transaction; renderers compare the generation with the one their cached pages were made
 * from. Kept in the database so that several API processes agree on it.
 */
export async function touchPortal(trx: Q, at: Date): Promise<void> {
  const current = Number((await settingRepository.get(trx, KEY)) ?? '0');
  await settingRepository.set(trx, KEY, String(current + 1), at.toISOString());
}

/** The generation the public site's content is at; 0 before anything was published. */
export async function portalGeneration(db: Q): Promise<number> {
  return Number((await settingRepository.get(db, KEY)) ?? '0');
}
