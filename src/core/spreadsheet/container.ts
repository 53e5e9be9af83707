import { inflateRawSync, constants } from 'node:zlib';

/**
 * What an uploaded file is, decided from its bytes before any parser sees it, and how big its
 * sheets are, read from the ZIP directory so a huge or zip-bomb workbook is refused before it is
 * unpacked. Pure computation over a buffer.
 */

export type FileKind = 'xlsx' | 'csv' | 'encrypted' | 'xls' | 'unknown';

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Sniffs the container: ZIP (XLSX), OLE compound file (encrypted XLSX or legacy .xls), or text. */
export function sniffFile(bytes: Buffer): FileKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4)
    return 'xlsx';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(CFB)) {
    // Excel stores a password-protected workbook as an OLE file with an "EncryptionInfo" stream.
    return bytes.includes(Buffer.from('EncryptionInfo', 'utf16le')) ? 'encrypted' : 'xls';
  }
  const head = bytes.subarray(0, 4096);
  if (head.includes(0)) return 'unknown';
  return 'csv';
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header. */
  offset: number;
}

/** The ZIP central directory; null when the buffer is not a readable ZIP. */
export function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--)
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    out.push({
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      offset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

/** The first bytes of an entry, inflated only as far as needed (the sheet's <dimension> is near the top). */
function entryHead(bytes: Buffer, e: ZipEntry, want = 4096): string {
  const nameLength = bytes.readUInt16LE(e.offset + 26);
  const extra = bytes.readUInt16LE(e.offset + 28);
  const start = e.offset + 30 + nameLength + extra;
  const data = bytes.subarray(start, start + Math.min(e.compressedSize, 16_384));
  if (e.method === 0) return data.subarray(0, want).toString('utf8');
  try {
    return inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: want * 16 })
      .subarray(0, want)
      .toString('utf8');
  } catch {
    return '';
  }
}

export interface SheetSize {
  entry: string;
  /** Rows the sheet declares in its <dimension>, or null when it does not say. */
  rows: number | null;
  /** Unpacked bytes of the sheet's XML. */
  bytes: number;
}

/** Declared size of each worksheet in an XLSX, from the ZIP directory and each sheet's <dimension>. */
export function worksheetSizes(bytes: Buffer, entries: readonly ZipEntry[]): SheetSize[] {
  return entries
    .filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name))
    .map((e) => {
      const m = /<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(entryHead(bytes, e));
      return { entry: e.name, rows: m ? Number(m[1] ?? 1) : null, bytes: e.size };
    });
}
