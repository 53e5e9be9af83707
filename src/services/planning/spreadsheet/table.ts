import { FIELDS, ROW_FIELDS, type SheetKind } from '../../../core/spreadsheet/fields.js';
import { detectTable, type TableLayout } from '../../../core/spreadsheet/header.js';
import { normaliseLabel } from '../../../core/spreadsheet/labels.js';
import {
  normaliseMapping,
  resolveMapping,
  type ColumnMapping,
  type ResolvedMapping,
} from '../../../core/spreadsheet/mapping.js';
import type { FieldProblem } from '../../../core/messages/messages.js';
import { rowIssue, tableRows, type RowIssue, type TableRow } from '../../../core/spreadsheet/rows.js';
import { columnLetter, type CellNote, type Sheet } from '../../../core/spreadsheet/sheet.js';
import { AppError } from '../../../errors.js';

const CELL_NOTES: Readonly<Record<CellNote['kind'], FieldProblem>> = {
  error: 'sheet_cell_error',
  formula: 'sheet_cell_formula',
  'formula-unsaved': 'sheet_cell_formula_unsaved',
  merged: 'sheet_cell_merged',
};

/** The sheet chosen in a workbook, its header, its mapping and its data rows. */
export interface LocatedTable {
  sheet: string;
  sheets: { name: string; rows: number; recognisedColumns: number }[];
  headerRow: number;
  mapping: ResolvedMapping;
  rows: TableRow[];
}

/**
 * Picks the sheet (the one named, else the one whose header names the most known columns), finds
 * its header and resolves the mapping; cell notes in mapped columns become per-row findings.
 */
export function locateTable(
  sheets: readonly Sheet[],
  kind: SheetKind,
  issues: RowIssue[],
  options: { sheet?: string | undefined; mapping?: ColumnMapping | undefined; remembered?: ColumnMapping },
): LocatedTable {
  const fields = FIELDS[kind];
  const known = new Set(
    [...normaliseMapping({ ...options.remembered, ...options.mapping }).keys()].filter(
      (k) => !k.startsWith('@'),
    ),
  );
  const layouts = sheets.map((s) => ({ sheet: s, layout: detectTable(s, fields, known) }));
  const summary = layouts.map(({ sheet, layout }) => ({
    name: sheet.name,
    rows: sheet.rows.length,
    recognisedColumns: layout.score,
  }));
  let chosen: { sheet: Sheet; layout: TableLayout } | undefined;
  if (options.sheet) {
    const want = normaliseLabel(options.sheet);
    chosen = layouts.find((l) => normaliseLabel(l.sheet.name) === want);
    if (!chosen)
      throw new AppError(
        'no_such_sheet',
        422,
        `The workbook has no sheet "${options.sheet}"; its sheets are ${sheets.map((s) => `"${s.name}"`).join(', ')}`,
        'sheet',
      );
  } else chosen = [...layouts].sort((a, b) => b.layout.score - a.layout.score)[0];
  if (!chosen || chosen.layout.score === 0)
    throw new AppError(
      'no_table',
      422,
      `No table with known column names was found${chosen ? ` in sheet "${chosen.sheet.name}"` : ''}; name the sheet, or give a mapping of column names to fields (${fields.map((f) => f.key).join(', ')})`,
      'file',
    );
  const { sheet, layout } = chosen;
  const mapping = resolveMapping(layout.labels, fields, options.mapping ?? {}, options.remembered ?? {});
  issues.push(...mapping.findings);
  const rows = tableRows(sheet, layout, mapping, issues, ROW_FIELDS[kind]);
  // Notes only for cells the import reads: skipped headings and ignored columns stay quiet.
  const read = new Set(rows.map((r) => r.row - 1));
  const fieldOf = new Map(mapping.columns.map((c) => [c.index, c.field]));
  for (const n of sheet.notes) {
    const field = fieldOf.get(n.col);
    if (!read.has(n.row) || !field) continue;
    const cell = `${columnLetter(n.col)}${n.row + 1}`;
    issues.push(
      rowIssue(n.row + 1, field, n.kind === 'error' ? 'error' : 'warning', CELL_NOTES[n.kind], {
        cell,
        ...(n.kind === 'error' ? { error: n.detail ?? '' } : {}),
        ...(n.kind === 'merged' ? { master: n.detail ?? '' } : {}),
      }),
    );
  }
  return {
    sheet: sheet.name,
    sheets: summary,
    headerRow: layout.headerRow + 1,
    mapping,
    rows,
  };
}
