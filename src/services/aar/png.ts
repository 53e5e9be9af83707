import { crc32, deflateSync } from 'node:zlib';
import type { ChartDrawing } from '../../core/chart/shapes.js';
import { rasterize } from '../../core/chart/shapes.js';
import { chartFonts } from './chart-font.js';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A chart drawn as a PNG (8-bit RGB) with its words printed in it: the picture documents carry where
 * SVG may not be drawn (LibreOffice shows it, so it is what the PDF shows).
 */
export function drawingPng(d: ChartDrawing, scale = 2): { data: Buffer; width: number; height: number } {
  const { width, height, rgb } = rasterize(d, scale, chartFonts());
  const raw = Buffer.alloc(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0; // filter: none
    raw.set(rgb.subarray(y * width * 3, (y + 1) * width * 3), y * (width * 3 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const data = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { data, width, height };
}
