import { describe, expect, it } from 'vitest';
import { FIELDS, ROW_FIELDS } from './fields.js';
import { detectTable } from './header.js';
import { resolveMapping } from './mapping.js';
import { tableRows, type RowIssue } from './rows.js';
import type { CellValue, Sheet } from './sheet.js';

function read(rows: CellValue[][]) {
  const sheet: Sheet = { name: 'MSEL', rows, notes: [] };
  const layout = detectTable(sheet, FIELDS.msel);
  const mapping = resolveMapping(layout.labels, FIELDS.msel);
  const issues: RowIssue[] = [];
  return { rows: tableRows(sheet, layout, mapping, issues, ROW_FIELDS.msel), issues };
}

const HEADER = ['Number', 'Offset (H+)', 'To (teams)', 'Title', 'Content', 'Method'];

describe('rows below the table', () => {
  it('drops signatures, contacts and dates after the last inject with one warning', () => {
    const { rows, issues } = read([
      HEADER,
      ['1', 'H+00:10', 'SWAT', 'Call', 'Shots at the gate', 'phone'],
      ['2', 'H+00:40', 'SWAT', 'School', 'School seized', 'radio'],
      [],
      ['Exercise director', null, null, '__________', 'J. Smith'],
      ['Prepared by A. Bekova, tel. +7 7212 41 00 00'],
      ['20 October 2026'],
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(issues).toEqual([
      {
        row: 5,
        field: null,
        severity: 'warning',
        message: 'rows 5–7 below the table look like signatures or notes, not data; skipped',
        fault: { problem: 'sheet_footer_rows', params: { first: 5, last: 7 } },
      },
    ]);
  });

  it('keeps a last row that looks like data, so its missing number is reported', () => {
    const { rows, issues } = read([
      HEADER,
      ['1', 'H+00:10', 'SWAT', 'Call', 'Shots at the gate', 'phone'],
      [null, 'H+00:40', 'SWAT', 'School', 'School seized', 'radio'],
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(issues).toEqual([]);
  });

  it('leaves sparse rows inside the table alone', () => {
    const { rows } = read([
      HEADER,
      ['1', 'H+00:10', 'SWAT', 'Call', 'Shots at the gate', 'phone'],
      [null, null, null, 'a stray note'],
      ['2', 'H+00:40', 'SWAT', 'School', 'School seized', 'radio'],
    ]);
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
  });
});
