/**
 * Reads a PNG's pixels (8-bit grey, RGB or RGBA, not interlaced) to tell how much of a rendered
 * page is ink: a blank page is all white.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function readPng(
  file: string,
  /** Count ink only in rows [from, to) (a picture's title band); the whole picture when absent. */
  rows?: [number, number],
): {
  signature: Buffer;
  width: number;
  height: number;
  inkShare: number;
} {
  const buf = readFileSync(file);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are read');
      channels = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[data[9]!] ?? 0;
      if (!channels) throw new Error(`colour type ${data[9]} is not read`);
    } else if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const prev = Buffer.alloc(stride);
  const cur = Buffer.alloc(stride);
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter]!;
      cur[i] = (line[i]! + pred) & 255;
    }
    if (!rows || (y >= rows[0] && y < rows[1]))
      for (let x = 0; x < width; x++) if (cur[x * channels]! < 200) ink++;
    cur.copy(prev);
  }
  const counted = rows ? Math.min(height, rows[1]) - rows[0] : height;
  return { signature: buf.subarray(0, 8), width, height, inkShare: ink / (width * counted) };
}
