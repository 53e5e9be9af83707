import { auditRepository } from '../store/audit.repository.js';
import { organisationRepository } from '../store/organisation.repository.js';
import { sessionRepository } from '../store/session.repository.js';
import { userRepository } from '../store/user.repository.js';
import { listAudit, type AuditEntry } from './audit.service.js';
import type { AppContext } from './context.js';
import { can, organisationsWhere, SHARED, type Actor, type Permission } from '../core/policy/policy.js';

export interface Dashboard {
  /** Installation-wide counts, each only for a reader whose grants reach everything it counts. */
  counts: { users?: number; organisations?: number; activeSessions?: number; auditEntries?: number };
  /** Absent for a reader who may not read the audit log; else the entries their grants reach. */
  recentAudit?: AuditEntry[];
}

/**
 * The overview for `reader`: a player learns nothing of how many people, sessions and audit entries
 * the installation holds, and a scoped reader no installation-wide figure for what they see in part.
 */
export async function dashboard(ctx: AppContext, reader: Actor): Promise<Dashboard> {
  const db = ctx.db.kysely;
  const everywhere = (p: Permission) => can(reader, p, SHARED);
  const when = <T>(shown: boolean, read: () => Promise<T>) => (shown ? read() : Promise.resolve(undefined));
  const [users, organisations, activeSessions, auditEntries, recentAudit] = await Promise.all([
    when(everywhere('users:read'), () => userRepository.count(db)),
    when(can(reader, 'orgs:read'), () => organisationRepository.count(db)),
    when(everywhere('users:read'), () => sessionRepository.countActive(db, ctx.clock.now().toISOString())),
    when(everywhere('audit:read'), () => auditRepository.count(db)),
    when(can(reader, 'audit:read'), () =>
      listAudit(ctx, 10, undefined, organisationsWhere(reader, 'audit:read')),
    ),
  ]);
  const counts = Object.fromEntries(
    Object.entries({ users, organisations, activeSessions, auditEntries }).filter(([, n]) => n !== undefined),
  ) as Dashboard['counts'];
  return { counts, ...(recentAudit ? { recentAudit } : {}) };
}
