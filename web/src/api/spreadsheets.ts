/**
 * Spreadsheet import and export of an exercise's MSEL, participants and venues. The file goes to
 * the server as the raw body (XLSX or CSV) with the options in the query; a dry run answers the
 * same report as an import and writes nothing.
 */
import { currentCsrfToken, languageHeader, toError } from './client';
import type { ExportLanguage, ImportIssue, ImportReport, SHEET_KINDS } from './contract';

export type SheetKind = (typeof SHEET_KINDS)[number];
export type { ImportIssue, ImportReport };
export type ImportColumn = ImportReport['columns'][number];
/** An MSEL re-import matched by number; null in the report for a first import and other lists. */
export type MselChanges = NonNullable<ImportReport['changes']>;

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
    'question',
    'options',
    'waitsFor',
    'delay',
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
    ...languageHeader(),
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

/**
 * Downloads an export through a link, so the browser names and saves the file itself. `lang` is the
 * language of the sheet's headers and fixed values; a sheet in any of them imports back unchanged.
 */
export function exportUrl(
  exerciseId: string,
  kind: SheetKind,
  format: 'xlsx' | 'csv',
  lang: ExportLanguage,
): string {
  return `/api/v1/exercises/${id(exerciseId)}/${kind}/export?format=${format}&lang=${lang}`;
}
