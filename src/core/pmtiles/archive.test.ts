import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writePmtiles, type WrittenTile } from '../../../test/support/pmtiles.js';
import { openPmtiles, type Decompress } from './archive.js';
import { PmtilesFormatError } from './header.js';

const decompress: Decompress = async (bytes, compression) =>
  compression === 'gzip' ? gunzipSync(bytes) : bytes;

/** A reader over bytes in memory that records every range asked for. */
function memory(file: Buffer) {
  const reads: [number, number][] = [];
  const read = async (offset: number, length: number) => {
    reads.push([offset, length]);
    return file.subarray(offset, offset + length);
  };
  return { read, reads };
}

const label = (z: number, x: number, y: number) => Buffer.from(`tile ${z}/${x}/${y}`);

/** Every tile of zooms 0–3: 85 tiles. */
function pyramid(maxZoom = 3): WrittenTile[] {
  const tiles: WrittenTile[] = [];
  for (let z = 0; z <= maxZoom; z++)
    for (let x = 0; x < 2 ** z; x++)
      for (let y = 0; y < 2 ** z; y++) tiles.push({ z, x, y, data: label(z, x, y) });
  return tiles;
}

describe('reading a PMTiles archive', () => {
  it('finds every tile by z/x/y from the root directory, and reports absent ones', async () => {
    const file = writePmtiles(
      pyramid().filter((t) => !(t.z === 3 && t.x === 5 && t.y === 2)),
      {
        tileType: 'png',
        metadata: { name: 'test' },
      },
    );
    const archive = await openPmtiles(memory(file).read, decompress, file.length);
    expect(archive.header).toMatchObject({
      tileType: 'png',
      minZoom: 0,
      maxZoom: 3,
      internalCompression: 'gzip',
    });
    for (const t of pyramid()) {
      const tile = await archive.tile(t.z, t.x, t.y);
      if (t.z === 3 && t.x === 5 && t.y === 2) expect(tile).toBeUndefined();
      else expect(Buffer.from(tile!).toString()).toBe(`tile ${t.z}/${t.x}/${t.y}`);
    }
    expect(await archive.tile(4, 0, 0)).toBeUndefined();
    expect(await archive.metadata()).toEqual({ name: 'test' });
  });

  it('reads runs of identical tiles and tiles sharing bytes, with directories left uncompressed', async () => {
    const sea = Buffer.from('sea');
    const tiles = pyramid(2).map((t) => (t.z === 2 && t.x < 2 ? { ...t, data: sea } : t));
    const file = writePmtiles(tiles, { tileType: 'webp', internalCompression: 'none' });
    expect(file.readBigUInt64LE(80)).toBeLessThan(BigInt(tiles.length));
    const archive = await openPmtiles(memory(file).read, decompress);
    for (const t of tiles)
      expect(Buffer.from((await archive.tile(t.z, t.x, t.y))!).equals(t.data)).toBe(true);
  });

  it('follows leaf directories, reading each once and then only the tile', async () => {
    const tiles = pyramid(5);
    const file = writePmtiles(tiles, { tileType: 'mvt', leafSize: 50 });
    const leaves = file.readBigUInt64LE(48);
    expect(leaves).toBeGreaterThan(0n);
    const { read, reads } = memory(file);
    const archive = await openPmtiles(read, decompress, file.length);
    expect(reads).toEqual([[0, 16_384]]);
    expect(Buffer.from((await archive.tile(5, 31, 7))!).toString()).toBe('tile 5/31/7');
    expect(reads).toHaveLength(3); // the leaf, then the tile
    expect(Buffer.from((await archive.tile(5, 31, 6))!).toString()).toBe('tile 5/31/6');
    expect(reads).toHaveLength(4); // the same leaf, cached: only the tile
    for (const t of tiles)
      expect(Buffer.from((await archive.tile(t.z, t.x, t.y))!).equals(t.data)).toBe(true);
  });

  it.each([
    ['a file shorter than a header', (f: Buffer) => f.subarray(0, 100), /fewer than a header's 127/],
    [
      'another format',
      (f: Buffer) => Buffer.concat([Buffer.from('GIF89a!'), f.subarray(7)]),
      /does not start with "PMTiles"/,
    ],
    [
      'PMTiles version 2',
      (f: Buffer) => Buffer.concat([f.subarray(0, 7), Buffer.from([2]), f.subarray(8)]),
      /version 2; only version 3/,
    ],
    [
      'an unknown tile type',
      (f: Buffer) => Buffer.concat([f.subarray(0, 99), Buffer.from([9]), f.subarray(100)]),
      /unknown tile type 9/,
    ],
    ['a truncated file', (f: Buffer) => f.subarray(0, f.length - 5), /tile data section runs past the end/],
    [
      'a garbled root directory',
      (f: Buffer) => Buffer.concat([f.subarray(0, 127), Buffer.alloc(8, 0xff), f.subarray(135)]),
      /root directory cannot be decompressed/,
    ],
  ])('refuses %s, saying why', async (_, spoil, message) => {
    const file = spoil(writePmtiles(pyramid(1), { tileType: 'png' }));
    const opening = openPmtiles(memory(file).read, decompress, file.length);
    await expect(opening).rejects.toThrow(PmtilesFormatError);
    await expect(opening).rejects.toThrow(message);
  });
});
