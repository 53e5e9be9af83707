import { auditRepository } from '../store/audit.repository.js';
import { organisationRepository } from '../store/organisation.repository.js';
import { sessionRepository } from '../store/session.repository.js';
import { userRepository } from '../store/user.repository.js';
import { listAudit, type AuditEntry } from './audit.service.js';
import type { AppContext } from './context.js';

export interface Dashboard {
  counts: { users: number; organisations: number; activeSessions: number; auditEntries: number };
  recentAudit: AuditEntry[];
}

export async function dashboard(ctx: AppContext, withAudit: boolean): Promise<Dashboard> {
  const db = ctx.db.kysely;
  const [users, organisations, activeSessions, auditEntries] = await Promise.all([
    userRepository.count(db),
    organisationRepository.count(db),
    sessionRepository.countActive(db, ctx.clock.now().toISOString()),
    auditRepository.count(db),
  ]);
  return {
    counts: { users, organisations, activeSessions, auditEntries },
    recentAudit: withAudit ? await listAudit(ctx, 10) : [],
  };
}
