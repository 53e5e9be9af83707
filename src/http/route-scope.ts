import type { Actor, Permission } from '../core/policy/policy.js';
import {
  alertVerdict,
  commentVerdict,
  deliveryVerdict,
  exerciseVerdict,
  noticeVerdict,
  organisationVerdict,
  personVerdict,
  sharedVerdict,
  type RouteScope,
  type ScopeVerdict,
} from '../core/policy/scope.js';
import type { AppContext } from '../services/context.js';
import { planScopeOf, readScopeOf } from '../services/planning/exercises.service.js';
import { alertRepository } from '../store/alert.repository.js';
import { commentRepository } from '../store/comment.repository.js';
import { deliveryRepository } from '../store/delivery.repository.js';
import { fanOutRepository } from '../store/fanout.repository.js';
import { exerciseRepository } from '../store/exercise.repository.js';
import { noticeRepository } from '../store/notice.repository.js';
import { userRepository } from '../store/user.repository.js';

/** What a 404 calls the record a caller may not know of. */
export const HIDDEN_AS: Partial<Record<RouteScope, string>> = {
  exercise: 'Exercise',
  notice: 'The notice',
  alert: 'The alert',
  comment: 'Comment',
  delivery: 'The delivery',
  user: 'User',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The scope verdict for a request on a route of `kind` about record `id`, read from the database
 * and decided by the policy; null when there is no such record (the handler then says so itself).
 */
export async function scopeVerdict(
  ctx: AppContext,
  kind: RouteScope,
  id: string | undefined,
  actor: Actor,
  permission: Permission,
): Promise<ScopeVerdict | null> {
  const db = ctx.db.kysely;
  if (kind === 'shared') return sharedVerdict(actor, permission);
  if (kind === 'filtered' || kind === 'none' || id === undefined) return null;
  switch (kind) {
    case 'exercise': {
      const row = UUID.test(id) ? await exerciseRepository.get(db, id) : undefined;
      if (!row) return null;
      return exerciseVerdict(actor, permission, { read: await readScopeOf(db, row), plan: planScopeOf(row) });
    }
    case 'notice': {
      const row =
        (UUID.test(id) ? await noticeRepository.get(db, id) : undefined) ??
        (await noticeRepository.getBySlug(db, id));
      return row ? noticeVerdict(actor, permission, { organisationId: row.organisation_id }) : null;
    }
    case 'alert': {
      const row = UUID.test(id) ? await alertRepository.get(db, id) : undefined;
      return row ? alertVerdict(actor, permission, { organisationId: row.organisation_id }) : null;
    }
    case 'comment': {
      const organisationId = UUID.test(id) ? await commentRepository.organisationOf(db, id) : undefined;
      return organisationId === undefined ? null : commentVerdict(actor, permission, { organisationId });
    }
    case 'delivery': {
      // A delivery's id is a UUID; a fan-out's names its source (notice-<id>-<sequence>).
      const organisationId = UUID.test(id)
        ? await deliveryRepository.ownerOf(db, id)
        : await fanOutRepository.ownerOf(db, id);
      return organisationId === undefined ? null : deliveryVerdict(actor, permission, { organisationId });
    }
    case 'user': {
      if (!UUID.test(id) || !(await userRepository.get(db, id))) return null;
      const grants = await userRepository.grants(db, [id]);
      return personVerdict(
        actor,
        permission,
        grants.map((g) => ({ organisationId: g.organisation_id })),
      );
    }
    case 'organisation':
      return UUID.test(id) ? organisationVerdict(actor, permission, id) : null;
  }
}

/** The kind of record a route acts on, when it does not say: read from its path. */
export function scopeFromPath(url: string): RouteScope {
  const m = /^\/api\/v1\/(exercises|notices|alerts|users|organisations)\/:id(\/|$)/.exec(url);
  if (!m) return 'none';
  return (
    {
      exercises: 'exercise',
      notices: 'notice',
      alerts: 'alert',
      users: 'user',
      organisations: 'organisation',
    } as const
  )[m[1] as 'exercises' | 'notices' | 'alerts' | 'users' | 'organisations'];
}
