/**
 * Spreadsheet import and export of an exercise's MSEL, participants and venues. The file goes to
 * the server as the raw body (XLSX or CSV) with the options in the query; a dry run answers the
 * same report as an import and writes nothing.
 */
import { currentCsrfToken, toError } from './client';

export type SheetKind = 'msel' | 'participants' | 'venues';

export interface ImportIssue {
  row: number | null;
  field: string | null;
  severity: 'error' | 'warning';
  message: string;
}

export interface ImportColumn {
  index: number;
  letter: string;
  label: string;
  field: string | null;
  source: 'mapping' | 'remembered' | 'detected' | 'none';
}

/** An MSEL re-import matched by number (src/services/planning/spreadsheet/kinds.ts). */
export interface MselChanges {
  unchanged: { number: string; approval: string }[];
  changed: { row: number; number: string; fields: string[]; approvalBefore: string }[];
  added: { row: number; number: string }[];
  missing: { number: string; title: string; approval: string }[];
  removed: boolean;
  approvalsKept: number;
  approvalsReset: number;
  listApproval: string;
}

export interface ImportReport {
  kind: SheetKind;
  dryRun: boolean;
  ok: boolean;
  sheet: string;
  sheets: { name: string; rows: number; recognisedColumns: number }[];
  headerRow: number;
  columns: ImportColumn[];
  timeZone: string;
  rowsRead: number;
  imported: number;
  teamsCreated: string[];
  changes: MselChanges | null;
  errors: number;
  warnings: number;
  issues: ImportIssue[];
  preview: Record<string, unknown>[];
}

export interface ImportOptions {
  dryRun: boolean;
  sheet?: string | undefined;
  /** Column letter → field key, or null to ignore the column. */
  mapping?: Record<string, string | null> | undefined;
  createTeams: boolean;
  replace: boolean;
  /** MSEL: remove the events the sheet no longer names. */
  removeMissing?: boolean | undefined;
}

/** The fields each kind can fill, in the server's order (src/core/spreadsheet/fields.ts). */
export const SHEET_FIELDS: Record<SheetKind, readonly string[]> = {
  msel: [
    'number',
    'kind',
    'offset',
    'time',
    'date',
    'scenarioTime',
    'from',
    'to',
    'toText',
    'method',
    'title',
    'content',
    'expectedAction',
    'objectives',
    'criticalTasks',
    'controller',
    'contingency',
    'notes',
  ],
  participants: ['name', 'role', 'team', 'organisation', 'contact'],
  venues: ['name', 'kind', 'address', 'lat', 'lon'],
};

const id = encodeURIComponent;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function contentTypeOf(file: File): string {
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') return 'text/csv';
  if (/\.xlsx$/i.test(file.name)) return XLSX;
  return 'application/octet-stream';
}

/** Sends the file itself; the client's JSON helper would have to base64 it (a third larger). */
export async function importSpreadsheet(
  exerciseId: string,
  kind: SheetKind,
  file: File,
  options: ImportOptions,
): Promise<ImportReport> {
  const query = new URLSearchParams({
    dryRun: String(options.dryRun),
    createTeams: String(options.createTeams),
    replace: String(options.replace),
  });
  if (options.removeMissing) query.set('removeMissing', 'true');
  if (options.sheet) query.set('sheet', options.sheet);
  if (options.mapping) query.set('mapping', JSON.stringify(options.mapping));
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': contentTypeOf(file),
  };
  const csrf = currentCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(`/api/v1/exercises/${id(exerciseId)}/${kind}/import?${query.toString()}`, {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: file,
  });
  if (!res.ok) throw await toError(res);
  return (await res.json()) as ImportReport;
}

/** Downloads an export through a link, so the browser names and saves the file itself. */
export function exportUrl(exerciseId: string, kind: SheetKind, format: 'xlsx' | 'csv'): string {
  return `/api/v1/exercises/${id(exerciseId)}/${kind}/export?format=${format}`;
}
