import ExcelJS from 'exceljs';

/**
 * Writes rows of text as one XLSX sheet. Every cell is a string cell (exceljs makes a formula only
 * from a { formula } object), so text that begins with "=" stays text in Excel; the header row is
 * bold and frozen. `author` is the product's name in the sheet's language, shown in the file's properties.
 */
export async function writeXlsx(
  sheetName: string,
  rows: readonly (readonly string[])[],
  author = 'Dabyl',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = author;
  wb.lastModifiedBy = author;
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const r of rows) ws.addRow(r.map((v) => (v === '' ? null : v)));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
