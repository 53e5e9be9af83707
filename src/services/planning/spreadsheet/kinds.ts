import type { FieldFault } from '../../../core/messages/messages.js';
import type { RowIssue, TableRow } from '../../../core/spreadsheet/rows.js';
import type { ExerciseRow } from '../../../store/schema.js';
import type { ActorInfo, Q } from '../../context.js';

/**
 * What an MSEL re-import does to the events already there, matched by number: shown on the dry run
 * before anything is written, and recorded in the audit entry of the import.
 */
export interface MselChanges {
  unchanged: { number: string; approval: string }[];
  changed: { row: number; number: string; fields: string[]; approvalBefore: string }[];
  added: { row: number; number: string }[];
  /** Events the sheet no longer names: removed only when `removed` is true. */
  missing: { number: string; title: string; approval: string }[];
  removed: boolean;
  /** Approved events that stay approved. */
  approvalsKept: number;
  /** Approved or submitted events the changes send back to draft. */
  approvalsReset: number;
  /** The whole list's approval after the import. */
  listApproval: string;
}

/** What one kind of sheet (MSEL, participants, venues) does with its rows inside the import's transaction. */
export interface PreparedImport {
  /** Rows that will be written. */
  count: number;
  /** What each row will become, for the dry-run preview. */
  preview: Record<string, unknown>[];
  teamsCreated: string[];
  /** An MSEL re-import: what happens to the events already there. Null for other lists. */
  changes: MselChanges | null;
  write(trx: Q, progress: (done: number) => void): Promise<void>;
}

export interface KindOptions {
  createTeams: boolean;
  replace: boolean;
  /** MSEL: remove the events the sheet no longer names (the planner confirmed the list). */
  removeMissing: boolean;
  /** Fields the sheet has a column for. */
  columns: ReadonlySet<string>;
  actor: ActorInfo;
  now: string;
}

export type Prepare = (
  trx: Q,
  exercise: ExerciseRow,
  rows: readonly TableRow[],
  issues: RowIssue[],
  options: KindOptions,
) => Promise<PreparedImport>;

/** Runs a per-row check that throws AppError-like errors and turns a throw into a row finding. */
export function rowCheck<T>(row: number, issues: RowIssue[], check: () => T): T | null {
  try {
    return check();
  } catch (err) {
    const e = err as { field?: string; detail?: string; message: string; fault?: FieldFault };
    issues.push({
      row,
      field: e.field ?? null,
      severity: 'error',
      message: e.detail ?? e.message,
      ...(e.fault ? { fault: e.fault } : {}),
    });
    return null;
  }
}
