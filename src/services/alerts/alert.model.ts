import type {
  AlertArea,
  AlertAudience,
  AlertMsgType,
  AlertState,
  AlertStatus,
  AlertTexts,
  Hazard,
} from '../../core/alert/alert.js';
import { areaKm2 } from '../../core/alert/area.js';
import type { AlertAction } from '../../core/alert/workflow.js';
import type { AlertRow } from '../../store/alert-tables.js';

/** Whether an action is open to the reader now, and if not, why. */
export type AlertActionState = { allowed: true } | { allowed: false; code: string; reason: string };

/** One alert message as services and the API hand it out. */
export interface Alert {
  id: string;
  threadId: string;
  sequence: number;
  msgType: AlertMsgType;
  status: AlertStatus;
  organisationId: string | null;
  exerciseId: string | null;
  audience: AlertAudience;
  hazard: Hazard;
  state: AlertState;
  texts: AlertTexts;
  area: AlertArea;
  expiresAt: string;
  note: string | null;
  version: number;
  createdBy: string;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  capIdentifier: string | null;
  /** Why the last approval could not sign the message; null once it is signed. */
  signError: string | null;
  createdAt: string;
  updatedAt: string;
  actions: Record<AlertAction, AlertActionState>;
  /** Before approval: how many residents and exercise participants it would reach now. */
  reach: { residents: number; participants: number } | null;
  /** How wide the area is; a wide one is approved only by naming the number it reaches. */
  coverage: { areaKm2: number; wide: boolean };
}

export const draftersOf = (row: AlertRow): Set<string> => new Set(JSON.parse(row.drafters) as string[]);

export function toAlert(
  row: AlertRow,
  actions: Alert['actions'],
  reach: Alert['reach'],
  wideAreaKm2: number,
): Alert {
  const area = JSON.parse(row.area) as AlertArea;
  const km2 = areaKm2(area);
  return {
    id: row.id,
    threadId: row.thread_id,
    sequence: row.sequence,
    msgType: row.msg_type as AlertMsgType,
    status: row.status as AlertStatus,
    organisationId: row.organisation_id,
    exerciseId: row.exercise_id,
    audience: row.audience as AlertAudience,
    hazard: row.hazard as Hazard,
    state: row.state as AlertState,
    texts: JSON.parse(row.texts) as AlertTexts,
    area,
    expiresAt: row.expires_at,
    note: row.note,
    version: row.version,
    createdBy: row.created_by,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    capIdentifier: row.cap_identifier,
    signError: row.sign_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    actions,
    reach,
    coverage: { areaKm2: Math.round(km2), wide: km2 >= wideAreaKm2 },
  };
}
