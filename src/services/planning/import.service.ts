import type { SheetKind } from '../../core/spreadsheet/fields.js';
import { mappingToRemember, type ColumnMapping, type MappedColumn } from '../../core/spreadsheet/mapping.js';
import { rowIssue, type RowIssue } from '../../core/spreadsheet/rows.js';
import type { Actor } from '../../core/policy/policy.js';
import { importMappingRepository } from '../../store/import-mapping.repository.js';
import type { ExerciseRow } from '../../store/schema.js';
import type { ActorInfo, AppContext } from '../context.js';
import { editPlan } from './plan.service.js';
import type { MselChanges, Prepare } from './spreadsheet/kinds.js';
import { prepareMsel } from './spreadsheet/msel-sheet.js';
import { prepareParticipants } from './spreadsheet/participants-sheet.js';
import { readSpreadsheet } from './spreadsheet/read-file.js';
import { locateTable } from './spreadsheet/table.js';
import { prepareVenues } from './spreadsheet/venues-sheet.js';

export interface ImportOptions {
  /** Check and preview only; nothing is written. */
  dryRun?: boolean | undefined;
  /** The sheet to read; by default the one whose header names the most known columns. */
  sheet?: string | undefined;
  /** Column label (or letter) → field key, or null to ignore the column. */
  mapping?: ColumnMapping | undefined;
  /** Create teams the sheet names that the exercise lacks. */
  createTeams?: boolean | undefined;
  /**
   * Replace the existing list instead of adding to it. For the MSEL this is a re-import that also
   * removes the events the sheet no longer names; events it names keep their ids and approvals.
   */
  replace?: boolean | undefined;
  /** MSEL: remove the events the sheet no longer names, as listed by the dry run. */
  removeMissing?: boolean | undefined;
  /** Called as rows are checked and written: (done, total). */
  onProgress?: ((stage: 'check' | 'write', done: number, total: number) => void) | undefined;
}

export interface ImportReport {
  kind: SheetKind;
  dryRun: boolean;
  /** True when the file can be (or was) imported: no errors. */
  ok: boolean;
  sheet: string;
  sheets: { name: string; rows: number; recognisedColumns: number }[];
  headerRow: number;
  columns: MappedColumn[];
  timeZone: string;
  rowsRead: number;
  /** Rows written: 0 on a dry run or when any error stopped the import. */
  imported: number;
  teamsCreated: string[];
  /** An MSEL re-import: what happens to the events already there, matched by number. */
  changes: MselChanges | null;
  errors: number;
  warnings: number;
  issues: RowIssue[];
  preview: Record<string, unknown>[];
}

const PREPARE: Record<SheetKind, Prepare> = {
  msel: prepareMsel,
  participants: prepareParticipants,
  venues: prepareVenues,
};

/** Thrown inside the transaction to roll it back while handing the report out. */
class NothingWritten extends Error {
  constructor(readonly report: ImportReport) {
    super('nothing written');
  }
}

function owners(actor: ActorInfo, exercise: Pick<ExerciseRow, 'lead_organisation_id'>): string[] {
  const out = [actor.userId ? `user:${actor.userId}` : 'local'];
  if (exercise.lead_organisation_id) out.push(`org:${exercise.lead_organisation_id}`);
  return out;
}

/**
 * Imports a spreadsheet into an exercise's plan: all or nothing, in one transaction that also
 * holds the audit entry. A dry run, or any error on any row, rolls everything back and returns the
 * same report (per-row errors and warnings, the mapping used, a preview of every row). A
 * successful import remembers its mapping for the person and the exercise's organisation.
 */
export async function importSpreadsheet(
  ctx: AppContext,
  actor: ActorInfo,
  policy: Actor,
  exerciseId: string,
  kind: SheetKind,
  file: Buffer,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const sheets = await readSpreadsheet(file, { unpackedBytes: ctx.config.uploadUnpackedLimitBytes });
  const progress = options.onProgress ?? (() => undefined);
  try {
    return await editPlan(ctx, actor, policy, exerciseId, async (trx, exercise) => {
      const who = owners(actor, exercise);
      const stored = await importMappingRepository.find(trx, who, kind);
      const issues: RowIssue[] = [];
      const table = locateTable(sheets, kind, issues, {
        sheet: options.sheet,
        mapping: options.mapping,
        remembered: stored ? (JSON.parse(stored) as ColumnMapping) : {},
      });
      progress('check', 0, table.rows.length);
      const now = ctx.clock.now().toISOString();
      const prepared = await PREPARE[kind](trx, exercise, table.rows, issues, {
        createTeams: options.createTeams ?? false,
        replace: options.replace ?? false,
        removeMissing: options.removeMissing ?? false,
        columns: new Set(table.mapping.columns.flatMap((c) => (c.field ? [c.field] : []))),
        actor,
        now,
      });
      progress('check', table.rows.length, table.rows.length);
      if (table.rows.length === 0) issues.push(rowIssue(null, null, 'error', 'sheet_no_data_rows'));
      issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
      const errors = issues.filter((i) => i.severity === 'error').length;
      const report: ImportReport = {
        kind,
        dryRun: options.dryRun ?? false,
        ok: errors === 0,
        sheet: table.sheet,
        sheets: table.sheets,
        headerRow: table.headerRow,
        columns: table.mapping.columns,
        timeZone: exercise.time_zone,
        rowsRead: table.rows.length,
        imported: 0,
        teamsCreated: prepared.teamsCreated,
        changes: prepared.changes,
        errors,
        warnings: issues.length - errors,
        issues,
        preview: prepared.preview,
      };
      if (!report.ok || report.dryRun) throw new NothingWritten(report);
      await prepared.write(trx, (done) => progress('write', done, prepared.count));
      const remember = JSON.stringify(mappingToRemember(table.mapping));
      for (const o of who) await importMappingRepository.save(trx, o, kind, remember, now);
      return {
        result: { ...report, imported: prepared.count },
        action: `${kind}.imported`,
        detail: {
          sheet: table.sheet,
          rows: prepared.count,
          teamsCreated: prepared.teamsCreated,
          replace: !!options.replace,
          ...(prepared.changes ? { changes: auditChanges(prepared.changes) } : {}),
        },
      };
    });
  } catch (err) {
    if (err instanceof NothingWritten) return err.report;
    throw err;
  }
}

/** The audit entry names what changed, not every unchanged number. */
function auditChanges(c: MselChanges) {
  return {
    unchanged: c.unchanged.length,
    changed: c.changed.map((x) => x.number),
    added: c.added.map((x) => x.number),
    missing: c.missing.map((x) => x.number),
    removed: c.removed,
    approvalsReset: c.approvalsReset,
    listApproval: c.listApproval,
  };
}
