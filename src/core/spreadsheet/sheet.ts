/**
 * A spreadsheet as the importer sees it, whatever file it came from: sheets of rows of plain cell
 * values. Readers (XLSX, CSV) produce this; everything after them is pure.
 */

/** A cell's value. A Date is zone-less: its UTC fields are the wall-clock time the sheet shows. */
export type CellValue = string | number | boolean | Date | null;

/** Something the reader noticed about one cell that the person importing should hear about. */
export interface CellNote {
  /** 0-based row and column in {@link Sheet.rows}. */
  row: number;
  col: number;
  /** A formula's last value is used (or it has none saved), a merge's value is used, or the cell shows an error. */
  kind: 'formula' | 'formula-unsaved' | 'merged' | 'error';
  /** The error the cell shows (#REF!), or the merge's first cell (B4). */
  detail?: string;
}

export interface Sheet {
  name: string;
  rows: CellValue[][];
  notes: CellNote[];
}

/** "A", "B", … "AA": how a person finds a column in Excel. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Text of a cell for labels and free-text fields; dates as ISO wall-clock text. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace('T', ' ');
  return String(v).trim();
}
