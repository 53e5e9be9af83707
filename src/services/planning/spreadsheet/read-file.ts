import { sniffFile, worksheetSizes, zipEntries } from '../../../core/spreadsheet/container.js';
import { parseCsv, RowLimitError } from '../../../core/spreadsheet/csv.js';
import type { Sheet } from '../../../core/spreadsheet/sheet.js';
import { AppError } from '../../../errors.js';
import { readXlsx } from './xlsx-reader.js';

/** Rows a sheet may have: far above any real MSEL, and low enough that a hostile file stays cheap. */
export const MAX_SHEET_ROWS = 20_000;
/** Unpacked XML a workbook's sheets may hold, against zip bombs that declare no size. */
export const MAX_SHEET_XML_BYTES = 200 * 1024 * 1024;

const unreadable = (detail: string) => new AppError('unreadable_file', 422, detail, 'file');

/**
 * Reads an uploaded spreadsheet (XLSX or CSV, told apart by its bytes, not its name) into plain
 * sheets, refusing — with a sentence a planner understands — encrypted and legacy files, broken
 * files and sheets beyond {@link MAX_SHEET_ROWS}.
 */
export async function readSpreadsheet(bytes: Buffer, maxRows = MAX_SHEET_ROWS): Promise<Sheet[]> {
  if (bytes.length === 0) throw unreadable('The file is empty');
  const kind = sniffFile(bytes);
  if (kind === 'encrypted')
    throw unreadable(
      'The workbook is password-protected (encrypted); open it in Excel, remove the password (File → Info → Protect Workbook) and import it again',
    );
  if (kind === 'xls')
    throw unreadable('This is an old Excel 97–2003 (.xls) file; save it as .xlsx or .csv and import that');
  if (kind === 'unknown') throw unreadable('The file is neither an XLSX workbook nor CSV text');
  if (kind === 'csv') {
    const text = bytes.toString('utf8');
    if (text.includes('\uFFFD'))
      throw unreadable('The CSV is not UTF-8; save it from Excel as "CSV UTF-8 (comma delimited)"');
    try {
      return [parseCsv(text, 'CSV', maxRows + 1)];
    } catch (err) {
      if (err instanceof RowLimitError) throw tooMany(maxRows);
      throw err;
    }
  }
  const entries = zipEntries(bytes);
  if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml'))
    throw unreadable('The file is a damaged or incomplete XLSX workbook (no workbook inside the ZIP)');
  const sizes = worksheetSizes(bytes, entries);
  const huge = sizes.find((s) => s.rows !== null && s.rows > maxRows + 1);
  if (huge) throw tooMany(maxRows, huge.rows!);
  if (sizes.reduce((n, s) => n + s.bytes, 0) > MAX_SHEET_XML_BYTES) throw tooMany(maxRows);
  let sheets: Sheet[];
  try {
    sheets = await readXlsx(bytes);
  } catch (err) {
    throw unreadable(`The XLSX workbook could not be read: ${(err as Error).message}`);
  }
  const over = sheets.find((s) => s.rows.length > maxRows + 1);
  if (over) throw tooMany(maxRows, over.rows.length);
  return sheets;
}

function tooMany(max: number, rows?: number): AppError {
  return new AppError(
    'sheet_too_large',
    413,
    `The sheet has ${rows ? rows.toLocaleString('en') : 'more than ' + max.toLocaleString('en')} rows; at most ${max.toLocaleString('en')} can be imported at once — split the file`,
    'file',
  );
}
