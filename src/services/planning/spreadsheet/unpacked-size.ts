import { createInflateRaw } from 'node:zlib';
import type { ZipEntry } from '../../../core/spreadsheet/container.js';
import { AppError } from '../../../errors.js';

/**
 * A workbook is bounded by what it unpacks to, not by what it weighs: a 1.8 MB XLSX can hold shared
 * strings that inflate to half a gigabyte, and the sizes its ZIP directory declares are whatever its
 * maker wrote. Every part is inflated here as a stream, its output counted and thrown away, and the
 * file is refused the moment one part, or all of them together, pass the ceiling — before a
 * spreadsheet parser holds any of it in memory. zlib works on its own threads, so this does not hold
 * up other requests either.
 */

const CHUNK = 64 * 1024;

const mb = (n: number) => `${(n / 1024 / 1024).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;

function tooBig(part: string, limit: number, whole: boolean): AppError {
  return new AppError(
    'upload_unpacks_too_large',
    413,
    whole
      ? `The workbook unpacks to more than ${mb(limit)} in all (the ceiling is DABYL_UPLOAD_UNPACKED_LIMIT_BYTES); it is refused before it is read. The last part read was "${part}"`
      : `The part "${part}" of the workbook unpacks to more than ${mb(limit)} (the ceiling is DABYL_UPLOAD_UNPACKED_LIMIT_BYTES); it is refused before it is read`,
    'file',
  );
}

/** Where an entry's compressed bytes are, from its local header; null when the header is not there. */
function dataOf(bytes: Buffer, e: ZipEntry): Buffer | null {
  if (e.offset + 30 > bytes.length || bytes.readUInt32LE(e.offset) !== 0x04034b50) return null;
  const start = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
  // The declared compressed size may lie too; the file's own end bounds it.
  return bytes.subarray(start, Math.min(bytes.length, start + e.compressedSize));
}

/** Inflates one part, counting; resolves with its size, or rejects once it passes `budget`. */
function inflatedSize(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw({ chunkSize: CHUNK });
    let total = 0;
    let over = false;
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget && !over) {
        over = true;
        inflate.destroy();
        resolve(total);
      }
    });
    inflate.on('end', () => resolve(total));
    // A damaged stream is the parser's to report; what was inflated so far is what counts here.
    inflate.on('error', () => resolve(total));
    inflate.on('close', () => resolve(total));
    let at = 0;
    const feed = () => {
      while (at < data.length && !over) {
        const next = data.subarray(at, at + CHUNK);
        at += next.length;
        if (!inflate.write(next)) return void inflate.once('drain', feed);
      }
      if (!over) inflate.end();
    };
    try {
      feed();
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/**
 * Refuses (413, naming the part) a ZIP whose parts inflate past `limit` each or together. Stored
 * (uncompressed) parts count their stored size.
 */
export async function checkUnpackedSize(
  bytes: Buffer,
  entries: readonly ZipEntry[],
  limit: number,
): Promise<void> {
  let whole = 0;
  for (const e of entries) {
    const data = dataOf(bytes, e);
    if (!data) continue;
    const size = e.method === 0 ? data.length : await inflatedSize(data, limit);
    if (size > limit) throw tooBig(e.name, limit, false);
    whole += size;
    if (whole > limit) throw tooBig(e.name, limit, true);
  }
}
