import { sniffFile, worksheetSizes, zipEntries } from '../../../core/spreadsheet/container.js';
import type { Sheet } from '../../../core/spreadsheet/sheet.js';
import { AppError } from '../../../errors.js';
import { parseOffThread } from './parse-off-thread.js';
import { checkUnpackedSize } from './unpacked-size.js';

/** Rows a sheet may have: far above any real MSEL, and low enough that a hostile file stays cheap. */
export const MAX_SHEET_ROWS = 20_000;
/** What a workbook may unpack to when the configuration does not say (DABYL_UPLOAD_UNPACKED_LIMIT_BYTES). */
export const DEFAULT_UNPACKED_LIMIT = 128 * 1024 * 1024;

export interface ReadLimits {
  maxRows?: number;
  /** Bytes any part of a workbook, and all of them together, may inflate to. */
  unpackedBytes?: number;
}

const unreadable = (detail: string) => new AppError('unreadable_file', 422, detail, 'file');

/**
 * Reads an uploaded spreadsheet (XLSX or CSV, told apart by its bytes, not its name) into plain
 * sheets, refusing — with a sentence a planner understands — encrypted and legacy files, broken
 * files, workbooks that unpack past the ceiling and sheets beyond {@link MAX_SHEET_ROWS}. Large files
 * are parsed off the main thread.
 */
export async function readSpreadsheet(bytes: Buffer, limits: ReadLimits = {}): Promise<Sheet[]> {
  const maxRows = limits.maxRows ?? MAX_SHEET_ROWS;
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
    if (bytes.toString('utf8').includes('\uFFFD'))
      throw unreadable('The CSV is not UTF-8; save it from Excel as "CSV UTF-8 (comma delimited)"');
  } else {
    const entries = zipEntries(bytes);
    if (!entries || !entries.some((e) => e.name === 'xl/workbook.xml'))
      throw unreadable('The file is a damaged or incomplete XLSX workbook (no workbook inside the ZIP)');
    // What the sheets declare refuses an honest huge file at once; inflating refuses a lying one.
    const huge = worksheetSizes(bytes, entries).find((s) => s.rows !== null && s.rows > maxRows + 1);
    if (huge) throw tooMany(maxRows, huge.rows!);
    await checkUnpackedSize(bytes, entries, limits.unpackedBytes ?? DEFAULT_UNPACKED_LIMIT);
  }
  const outcome = await parseOffThread(kind, bytes, maxRows);
  if ('tooManyRows' in outcome) throw tooMany(maxRows);
  if ('unreadable' in outcome) throw unreadable(`The XLSX workbook could not be read: ${outcome.unreadable}`);
  const over = outcome.sheets.find((s) => s.rows.length > maxRows + 1);
  if (over) throw tooMany(maxRows, over.rows.length);
  return outcome.sheets;
}

function tooMany(max: number, rows?: number): AppError {
  return new AppError(
    'sheet_too_large',
    413,
    `The sheet has ${rows ? rows.toLocaleString('en') : 'more than ' + max.toLocaleString('en')} rows; at most ${max.toLocaleString('en')} can be imported at once — split the file`,
    'file',
  );
}
