import type { RowIssue, TableRow } from '../../../core/spreadsheet/rows.js';
import type { ExerciseRow } from '../../../store/schema.js';
import type { ActorInfo, Q } from '../../context.js';

/** What one kind of sheet (MSEL, participants, venues) does with its rows inside the import's transaction. */
export interface PreparedImport {
  /** Rows that will be written. */
  count: number;
  /** What each row will become, for the dry-run preview. */
  preview: Record<string, unknown>[];
  teamsCreated: string[];
  write(trx: Q, progress: (done: number) => void): Promise<void>;
}

export interface KindOptions {
  createTeams: boolean;
  replace: boolean;
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
    const e = err as { field?: string; detail?: string; message: string };
    issues.push({ row, field: e.field ?? null, severity: 'error', message: e.detail ?? e.message });
    return null;
  }
}
