import { auditRepository } from '../store/audit.repository.js';
import { organisationRepository } from '../store/organisation.repository.js';
import { sessionRepository } from '../store/session.repository.js';
import { userRepository } from '../store/user.repository.js';
import { listAudit, type AuditEntry } from './audit.service.js';
import type { AppContext } from './context.js';
import type { OrganisationReach } from '../store/reach.js';

export interface Dashboard {
  counts: { users: number; organisations: number; activeSessions: number; auditEntries: number };
  recentAudit: AuditEntry[];
}

/** `auditReach`: where the reader may read the audit log (null: nowhere, no recent activity). */
export async function dashboard(ctx: AppContext, auditReach: OrganisationReach | null): Promise<Dashboard> {
  const db = ctx.db.kysely;
  const [users, organisations, activeSessions, auditEntries] = await Promise.all([
    userRepository.count(db),
    organisationRepository.count(db),
    sessionRepository.countActive(db, ctx.clock.now().toISOString()),
    auditRepository.count(db),
  ]);
  return {
    counts: { users, organisations, activeSessions, auditEntries },
    recentAudit: auditReach === null ? [] : await listAudit(ctx, 10, undefined, auditReach),
  };
}
