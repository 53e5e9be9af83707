import type { TableLayout } from './header.js';
import type { ResolvedMapping } from './mapping.js';
import { cellText, type CellValue, type Sheet } from './sheet.js';

/** A finding about one row (1-based, as Excel numbers rows) or about the whole file (row null). */
export interface RowIssue {
  row: number | null;
  field: string | null;
  severity: 'error' | 'warning';
  message: string;
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
): TableRow[] {
  const mapped = mapping.columns.filter((c) => c.field !== null);
  const out: TableRow[] = [];
  for (let r = layout.headerRow + 1; r < sheet.rows.length; r++) {
    const raw = sheet.rows[r]!;
    const heading = sameText(raw);
    if (heading === '') continue;
    if (heading !== null) {
      issues.push({
        row: r + 1,
        field: null,
        severity: 'warning',
        message: `row ${r + 1} looks like a section heading ("${heading.slice(0, 60)}"); skipped`,
      });
      continue;
    }
    const cells: Record<string, CellValue> = {};
    for (const c of mapped) cells[c.field!] = raw[c.index] ?? null;
    out.push({ row: r + 1, cells });
  }
  return out;
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
