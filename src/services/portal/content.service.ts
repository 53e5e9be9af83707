import type { AppContext } from '../context.js';
import { getNoticeCap, listPublicNotices } from '../notices/public-notices.service.js';
import { portalGeneration } from './generation.js';
import type { PublicNotice } from '../../core/notice/notice.js';

/** Everything the public site shows, read in one go when its generation changes. */
export interface PortalSnapshot {
  generation: number;
  notices: PublicNotice[];
  /** The newest revision's CAP XML per notice id. */
  caps: Map<string, string>;
}

/**
 * Reads the public content. The generation is read first: a publication racing with this read
 * bumps it again, so the next check reads once more rather than keeping a half-old copy.
 */
export async function loadPortalSnapshot(ctx: AppContext): Promise<PortalSnapshot> {
  const generation = await portalGeneration(ctx.db.kysely);
  const notices = await listPublicNotices(ctx);
  const caps = new Map<string, string>();
  for (const n of notices) {
    const cap = await getNoticeCap(ctx, n.id);
    if (cap) caps.set(n.id, cap);
  }
  return { generation, notices, caps };
}
