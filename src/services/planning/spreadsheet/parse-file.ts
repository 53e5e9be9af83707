import { parseCsv, RowLimitError } from '../../../core/spreadsheet/csv.js';
import type { Sheet } from '../../../core/spreadsheet/sheet.js';
import { readXlsx } from './xlsx-reader.js';

/** The CPU-heavy part of reading a file, the same on the main thread and in a worker. */
export type ParseOutcome = { sheets: Sheet[] } | { tooManyRows: true } | { unreadable: string };

export async function parseFile(
  kind: 'xlsx' | 'csv',
  bytes: Uint8Array,
  maxRows: number,
): Promise<ParseOutcome> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (kind === 'csv') {
    try {
      return { sheets: [parseCsv(buffer.toString('utf8'), 'CSV', maxRows + 1)] };
    } catch (err) {
      if (err instanceof RowLimitError) return { tooManyRows: true };
      throw err;
    }
  }
  try {
    return { sheets: await readXlsx(buffer) };
  } catch (err) {
    return { unreadable: (err as Error).message };
  }
}
