import ExcelJS from 'exceljs';
import { randomBytes } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';
import { zipEntries } from '../../src/core/spreadsheet/container.js';

/**
 * A workbook that weighs a megabyte or two and unpacks to hundreds: an ordinary XLSX written by
 * exceljs whose `part` is replaced by a deflate stream that repeats one self-contained block
 * (compressed with a full flush, so each copy decodes on its own) — and whose ZIP directory lies,
 * declaring the part a few kilobytes.
 */
export async function zipBombXlsx(
  opts: { part?: string; unpackedMb?: number } = {},
): Promise<{ file: Buffer; unpackedBytes: number }> {
  const part = opts.part ?? 'xl/sharedStrings.xml';
  const unpackedMb = opts.unpackedMb ?? 400;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('MSEL');
  ws.addRow(['Number', 'Offset (H+)', 'Title']);
  ws.addRow(['1', 'H+00:10', 'Shared strings make this workbook have a sharedStrings part']);
  const honest = Buffer.from(await wb.xlsx.writeBuffer());

  // One mebibyte of shared-string XML with a little noise, so it compresses about 300:1 rather than 1000:1.
  const noise = randomBytes(1200).toString('base64');
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const s = `<si><t>${i % 997 === 0 ? noise.slice(i % 800, (i % 800) + 80) : 'Заложники в аэропорту'}</t></si>`;
    items.push(s);
    size += Buffer.byteLength(s);
  }
  const chunk = Buffer.from(items.join(''));
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
  );
  const block = (b: Buffer) => deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const repeated = block(chunk);
  const copies = Math.ceil((unpackedMb * 1024 * 1024) / chunk.length);
  const bomb = Buffer.concat([
    block(head),
    ...Array.from({ length: copies }, () => repeated),
    deflateRawSync(Buffer.from('</sst>')),
  ]);
  const unpackedBytes = head.length + copies * chunk.length + 6;

  const parts = zipEntries(honest)!.map((e) => {
    const nameLength = honest.readUInt16LE(e.offset + 26);
    const extra = honest.readUInt16LE(e.offset + 28);
    const start = e.offset + 30 + nameLength + extra;
    const data = honest.subarray(start, start + e.compressedSize);
    const crc = honest.readUInt32LE(e.offset + 14) || 0;
    return e.name === part
      ? { name: e.name, method: 8, data: bomb, crc: 0, size: 4096 }
      : { name: e.name, method: e.method, data, crc, size: e.size };
  });
  if (!parts.some((p) => p.name === part)) throw new Error(`the honest workbook has no ${part}`);
  return { file: writeZip(parts), unpackedBytes };
}

interface Part {
  name: string;
  method: number;
  data: Buffer;
  crc: number;
  /** The size the directory declares. */
  size: number;
}

function writeZip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, p.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(p.method, 10);
    dir.writeUInt32LE(p.crc, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(p.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
