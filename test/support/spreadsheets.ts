import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';

/**
 * Spreadsheets shaped like real planners' files, written with exceljs: a cover sheet, title rows
 * and a merged two-level header above the table, Russian column names, Excel dates and serials, a
 * formula, a merged "Кому" over two injects and a merged section heading.
 */
export async function messyMselXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet('Титул');
  cover.getCell('A1').value = 'УТВЕРЖДАЮ';
  cover.getCell('A3').value = 'Начальник оперативного штаба Карагандинской области';
  const ws = wb.addWorksheet('План проведения');
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = 'ПЛАН-СЦЕНАРИЙ антитеррористического учения «Караганда-2026»';
  ws.mergeCells('A2:H2');
  ws.getCell('A2').value = 'г. Караганда, 25 октября 2026 г.';
  // Two-level header: "Время" spans "Ч+" and "Местное".
  ws.getRow(4).values = [
    '№ п/п',
    'Время',
    null,
    'Кому',
    'Содержание вводной',
    'Ожидаемые действия',
    'Способ доведения',
    'Комментарий штаба',
  ];
  ws.mergeCells('B4:C4');
  for (const col of ['A', 'D', 'E', 'F', 'G', 'H']) ws.mergeCells(`${col}4:${col}5`);
  ws.getCell('B5').value = 'Ч+';
  ws.getCell('C5').value = 'Местное';
  ws.addRow([
    1,
    'Ч+00:10',
    null,
    'Дежурная часть',
    'Звонок: стрельба у ворот исправительного учреждения',
    'Доложить, выслать наряд',
    'телефон',
  ]);
  const serial = ws.addRow([
    2,
    null,
    new Date(Date.UTC(2026, 9, 25, 9, 40)),
    'СОБР',
    'Группа захватила здание школы №12',
    'Оцепление, переговорщик',
    'радио',
  ]);
  serial.getCell(3).numFmt = 'dd.mm.yyyy hh:mm';
  ws.mergeCells('A8:H8');
  ws.getCell('A8').value = 'Этап 2. Перемещение заложников в аэропорт';
  const raw = ws.addRow([
    3,
    null,
    46320.4375,
    'СОБР',
    'Заложников везут в аэропорт на автобусе',
    'Сопровождение',
    'радио',
  ]);
  raw.getCell(3).numFmt = '0.0000';
  ws.addRow([4, null, '25.10.2026 11:00', null, 'Автобус прибыл в аэропорт', null, 'лично']);
  ws.mergeCells('D9:D10');
  ws.addRow([
    { formula: '4+1', result: 5 },
    null,
    '11:30',
    'Дежурная часть',
    'Оповещение населения о завершении',
    null,
    'сирена',
  ]);
  const other = wb.addWorksheet('Справочник');
  other.addRow(['Команда', 'Телефон']);
  other.addRow(['СОБР', '102']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook with many rows of injects, for the row limit and the benchmark. */
export async function bigMselXlsx(rows: number, zone = 'Asia/Almaty'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('MSEL');
  ws.addRow([
    'Number',
    'Offset (H+)',
    `Local time (${zone})`,
    'To (teams)',
    'Method',
    'Title',
    'Content',
    'Expected action',
    'Contingency',
    'Controller notes',
  ]);
  for (let i = 1; i <= rows; i++) {
    const m = i % 480;
    ws.addRow([
      String(i),
      `H+${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      null,
      i % 2 ? 'Police' : 'SOBR',
      i % 3 ? 'radio' : 'phone',
      `Inject ${i}`,
      `Report of an incident number ${i} at the school; callers describe shots and smoke.`,
      'Dispatch a patrol and report to the HQ',
      'no',
      i % 10 ? null : 'Hold until the HQ confirms',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(b: Buffer): number {
  let c = -1;
  for (const x of b) c = CRC[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** A ZIP of the given files (deflated), to hand-craft XLSX parts exceljs would never write. */
export function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/** A minimal XLSX whose sheet carries a DOCTYPE with an external entity pointing at `target`. */
export function xxeXlsx(target: string): Buffer {
  const sheet =
    `<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${target}">]>` +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Number</t></is></c><c r="B1" t="inlineStr"><is><t>Offset</t></is></c><c r="C1" t="inlineStr"><is><t>Title</t></is></c></row>' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></is></c><c r="B2" t="inlineStr"><is><t>H+00:10</t></is></c><c r="C2" t="inlineStr"><is><t>&xxe;</t></is></c></row>' +
    '</sheetData></worksheet>';
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': sheet,
  });
}
