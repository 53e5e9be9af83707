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
    const texts = raw.map((v) => cellText(v)).filter(Boolean);
    if (texts.length === 0) continue;
    if (texts.length >= 2 && texts.every((t) => t === texts[0])) {
      issues.push({
        row: r + 1,
        field: null,
        severity: 'warning',
        message: `row ${r + 1} looks like a section heading ("${texts[0]!.slice(0, 60)}"); skipped`,
      });
      continue;
    }
    const cells: Record<string, CellValue> = {};
    for (const c of mapped) cells[c.field!] = raw[c.index] ?? null;
    out.push({ row: r + 1, cells });
  }
  return out;
}

/** A text cell, trimmed; null when empty. */
export function textOf(v: CellValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  const t = cellText(v);
  return t === '' ? null : t;
}
