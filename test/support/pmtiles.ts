/**
 * A small PMTiles v3 writer for tests: header, root directory, optional leaf directories (forced
 * by a low `leafSize`), metadata and tile data, with run-length entries for identical neighbouring
 * tiles. It writes the format independently of the reader, from the spec.
 */
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from '../../src/core/pmtiles/tile-id.js';

export interface WrittenTile {
  z: number;
  x: number;
  y: number;
  data: Buffer;
}

export interface PmtilesOptions {
  tileType: 'mvt' | 'png' | 'jpeg' | 'webp';
  /** How the tile bytes are stored; `data` is given uncompressed and gzipped here when asked. */
  tileCompression?: 'none' | 'gzip';
  /** Directories and metadata. */
  internalCompression?: 'none' | 'gzip';
  metadata?: Record<string, unknown>;
  /** Entries per directory before leaves are written; root-only by default. */
  leafSize?: number;
  bounds?: [number, number, number, number];
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

const COMPRESSION = { none: 1, gzip: 2 } as const;
const TYPE = { mvt: 1, png: 2, jpeg: 3, webp: 4 } as const;

function varint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

function directory(entries: Entry[]): Buffer {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    varint(out, prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return Buffer.from(out);
}

export function writePmtiles(tiles: WrittenTile[], options: PmtilesOptions): Buffer {
  const internal = options.internalCompression ?? 'gzip';
  const pack = (b: Buffer) => (internal === 'gzip' ? gzipSync(b) : b);
  const sorted = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const stored: Buffer[] = [];
  let dataLength = 0;
  let lastData: Buffer | undefined;
  // Identical tiles far apart share their bytes, so offsets do not always follow each other.
  const seen = new Map<string, { offset: number; length: number }>();
  const entries: Entry[] = [];
  for (const t of sorted) {
    const prev = entries.at(-1);
    if (prev && lastData?.equals(t.data) && prev.tileId + prev.runLength === t.id) {
      prev.runLength++;
      continue;
    }
    lastData = t.data;
    const key = t.data.toString('base64');
    const earlier = seen.get(key);
    if (earlier) {
      entries.push({ tileId: t.id, ...earlier, runLength: 1 });
      continue;
    }
    const bytes = options.tileCompression === 'gzip' ? gzipSync(t.data) : t.data;
    entries.push({ tileId: t.id, offset: dataLength, length: bytes.length, runLength: 1 });
    seen.set(key, { offset: dataLength, length: bytes.length });
    stored.push(bytes);
    dataLength += bytes.length;
  }
  const tileData = Buffer.concat(stored);

  let root = entries;
  const leafParts: Buffer[] = [];
  if (options.leafSize && entries.length > options.leafSize) {
    root = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += options.leafSize) {
      const leaf = pack(directory(entries.slice(i, i + options.leafSize)));
      root.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
      leafParts.push(leaf);
      offset += leaf.length;
    }
  }
  const rootBytes = pack(directory(root));
  const metadata = pack(Buffer.from(JSON.stringify(options.metadata ?? {})));
  const leaves = Buffer.concat(leafParts);

  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  let at = 127;
  const section = (pos: number, bytes: Buffer) => {
    header.writeBigUInt64LE(BigInt(at), pos);
    header.writeBigUInt64LE(BigInt(bytes.length), pos + 8);
    at += bytes.length;
  };
  section(8, rootBytes);
  section(24, metadata);
  section(40, leaves);
  section(56, tileData);
  header.writeBigUInt64LE(BigInt(tiles.length), 72);
  header.writeBigUInt64LE(BigInt(entries.length), 80);
  header.writeBigUInt64LE(BigInt(entries.length), 88);
  header.writeUInt8(1, 96);
  header.writeUInt8(COMPRESSION[internal], 97);
  header.writeUInt8(COMPRESSION[options.tileCompression ?? 'none'], 98);
  header.writeUInt8(TYPE[options.tileType], 99);
  const zooms = tiles.map((t) => t.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const [w, s, e, n] = options.bounds ?? [-180, -85, 180, 85];
  header.writeInt32LE(Math.round(w * 1e7), 102);
  header.writeInt32LE(Math.round(s * 1e7), 106);
  header.writeInt32LE(Math.round(e * 1e7), 110);
  header.writeInt32LE(Math.round(n * 1e7), 114);
  header.writeUInt8(Math.min(...zooms), 118);
  header.writeInt32LE(Math.round(((w + e) / 2) * 1e7), 119);
  header.writeInt32LE(Math.round(((s + n) / 2) * 1e7), 123);
  return Buffer.concat([header, rootBytes, metadata, leaves, tileData]);
}
