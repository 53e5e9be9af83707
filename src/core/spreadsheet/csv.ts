import { neutralise, unneutralise } from './neutralise.js';
import type { CellValue, Sheet } from './sheet.js';

/**
 * CSV as Excel reads and writes it: UTF-8 with a byte-order mark, CRLF, quotes doubled. Russian
 * and Kazakh Excel separate with ";" — the reader takes whichever of ; , or tab the header uses.
 */

export class RowLimitError extends Error {
  constructor(readonly limit: number) {
    super(`The sheet has more than ${limit.toLocaleString('en')} rows; split it into smaller files`);
  }
}

function sniffDelimiter(text: string): string {
  const firstLines = text.slice(0, 8192).split(/\r?\n/).slice(0, 40);
  let best = ',';
  let bestCount = 0;
  for (const d of [';', ',', '\t']) {
    const count = Math.max(...firstLines.map((l) => l.split(d).length - 1));
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** Parses CSV text into one sheet; stops with {@link RowLimitError} beyond `maxRows`. */
export function parseCsv(text: string, name = 'CSV', maxRows = Infinity): Sheet {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const d = sniffDelimiter(src);
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endCell = () => {
    row.push(cell === '' ? null : unneutralise(cell));
    cell = '';
  };
  const endRow = () => {
    endCell();
    if (row.length > 1 || row[0] !== null) rows.push(row);
    else rows.push([]);
    if (rows.length > maxRows) throw new RowLimitError(maxRows);
    row = [];
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === d) endCell();
    else if (ch === '\n') endRow();
    else if (ch === '\r') {
      if (src[i + 1] !== '\n') endRow();
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) endRow();
  while (rows.length && rows[rows.length - 1]!.length === 0) rows.pop();
  return { name, rows, notes: [] };
}

function csvCell(v: string): string {
  const safe = neutralise(v);
  return /[",;\r\n\t]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows of text as CSV for Excel: BOM, CRLF, quoted where needed, formulas neutralised. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
