import { problemText, type FieldFault, type FieldProblem, type MessageParams } from '../messages/messages.js';
import type { TableLayout } from './header.js';
import type { ResolvedMapping } from './mapping.js';
import { cellText, type CellValue, type Sheet } from './sheet.js';

/** A finding about one row (1-based, as Excel numbers rows) or about the whole file (row null). */
export interface RowIssue {
  row: number | null;
  field: string | null;
  severity: 'error' | 'warning';
  /** English, as found; `fault` words it for another reader. */
  message: string;
  fault?: FieldFault;
}

/** A finding worded from the message catalogue, so each reader gets it in their own language. */
export function rowIssue(
  row: number | null,
  field: string | null,
  severity: RowIssue['severity'],
  problem: FieldProblem,
  params?: MessageParams,
): RowIssue {
  return {
    row,
    field,
    severity,
    message: problemText('en', problem, params),
    fault: { problem, ...(params ? { params } : {}) },
  };
}

/** One data row with its cells keyed by field. */
export interface TableRow {
  /** Row number as the spreadsheet application shows it. */
  row: number;
  cells: Record<string, CellValue>;
}

/**
 * The data rows under the header, keyed by field. Blank rows are skipped; a row whose cells all
 * hold the same text (a section heading merged across the table, "Этап 2. Захват школы") is skipped
 * with a warning rather than read as an event.
 */
export function tableRows(
  sheet: Sheet,
  layout: TableLayout,
  mapping: ResolvedMapping,
  issues: RowIssue[],
  /** Fields a data row carries (number and time…): trailing rows with fewer than two of them are a footer. */
  rowFields: readonly string[] = [],
): TableRow[] {
  const mapped = mapping.columns.filter((c) => c.field !== null);
  const out: TableRow[] = [];
  for (let r = layout.headerRow + 1; r < sheet.rows.length; r++) {
    const raw = sheet.rows[r]!;
    const heading = sameText(raw);
    if (heading === '') continue;
    if (heading !== null) {
      issues.push(
        rowIssue(r + 1, null, 'warning', 'sheet_section_heading', {
          row: r + 1,
          heading: heading.slice(0, 60),
        }),
      );
      continue;
    }
    const cells: Record<string, CellValue> = {};
    for (const c of mapped) cells[c.field!] = raw[c.index] ?? null;
    out.push({ row: r + 1, cells });
  }
  if (rowFields.length) dropFooter(out, rowFields, mapped.length, issues);
  return out;
}

/**
 * Planners close a table with signatures, "prepared by", phone numbers and dates: rows below the
 * last data row that carry fewer than two of the fields every data row has (an inject's number and
 * time, a person's name and role) and fill only a few columns. They are dropped with one warning; a
 * row that looks like data stays, and is checked as the data row it looks like.
 */
function dropFooter(
  rows: TableRow[],
  rowFields: readonly string[],
  columns: number,
  issues: RowIssue[],
): void {
  const sparse = Math.max(3, Math.floor(columns / 3));
  const filled = (r: TableRow, keys: readonly string[]) =>
    keys.filter((k) => textOf(r.cells[k]) !== null).length;
  let cut = rows.length;
  while (cut > 0) {
    const r = rows[cut - 1]!;
    if (filled(r, rowFields) >= Math.min(2, rowFields.length)) break;
    if (filled(r, Object.keys(r.cells)) > sparse) break;
    cut--;
  }
  if (cut === rows.length || cut === 0) return;
  const first = rows[cut]!.row;
  const last = rows[rows.length - 1]!.row;
  issues.push(
    first === last
      ? rowIssue(first, null, 'warning', 'sheet_footer_row', { first })
      : rowIssue(first, null, 'warning', 'sheet_footer_rows', { first, last }),
  );
  rows.length = cut;
}

/**
 * '' for a blank row; the text when two or more cells hold the same text and no cell anything
 * else; null for an ordinary row. Stops at the second differing cell: most rows are data.
 */
function sameText(cells: readonly CellValue[]): string | null {
  let first = '';
  let filled = 0;
  for (const v of cells) {
    if (v === null || v === undefined) continue;
    const t = cellText(v);
    if (t === '') continue;
    if (filled === 0) first = t;
    else if (t !== first) return null;
    filled++;
  }
  return filled >= 2 ? first : filled === 1 ? null : '';
}

/** A text cell, trimmed; null when empty. */
export function textOf(v: CellValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  const t = cellText(v);
  return t === '' ? null : t;
}
