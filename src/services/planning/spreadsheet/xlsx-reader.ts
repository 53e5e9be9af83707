import ExcelJS from 'exceljs';
import type { CellNote, CellValue, Sheet } from '../../../core/spreadsheet/sheet.js';

/**
 * XLSX → plain sheets through exceljs (its XML goes through saxes, which never fetches or expands
 * external entities, so a DOCTYPE in a part is inert). Formulas give their cached value with a
 * note; merged cells give the merge's value to every cell it covers, with a note for data cells.
 */

type Raw = ExcelJS.CellValue;

function plain(v: Raw): { value: CellValue; note?: CellNote['kind']; detail?: string } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { value: v };
  if ('richText' in v) return { value: v.richText.map((r) => r.text).join('') };
  if ('error' in v) return { value: null, note: 'error', detail: String(v.error) };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    const inner =
      result === undefined || result === null
        ? { value: null }
        : typeof result === 'object' && !(result instanceof Date)
          ? { value: null }
          : { value: result as CellValue };
    return { value: inner.value, note: inner.value === null ? 'formula-unsaved' : 'formula' };
  }
  if ('text' in v && 'hyperlink' in v) return { value: String(v.text) };
  return { value: null };
}

/** Reads every worksheet of an XLSX buffer into plain sheets. */
export async function readXlsx(bytes: Buffer): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: Sheet[] = [];
  wb.eachSheet((ws) => {
    const rows: CellValue[][] = [];
    const notes: CellNote[] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const out: CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const p = plain(cell.value);
        out[colNumber - 1] = p.value;
        if (p.note)
          notes.push({
            row: rowNumber - 1,
            col: colNumber - 1,
            kind: p.note,
            ...(p.detail ? { detail: p.detail } : {}),
          });
        else if (cell.isMerged && cell.master !== cell)
          notes.push({
            row: rowNumber - 1,
            col: colNumber - 1,
            kind: 'merged',
            detail: cell.master.address,
          });
      });
      for (let i = 0; i < out.length; i++) if (out[i] === undefined) out[i] = null;
      rows[rowNumber - 1] = out;
    });
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    sheets.push({ name: ws.name, rows, notes });
  });
  return sheets;
}
