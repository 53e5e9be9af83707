/**
 * The 127-byte PMTiles v3 header (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md):
 * where the root directory, metadata, leaf directories and tile data lie, how they are compressed,
 * what the tiles are and which zooms and bounds they cover.
 */

export const HEADER_BYTES = 127;
/** The root directory lies within the first 16 KiB, so one read fetches header and root together. */
export const FIRST_READ_BYTES = 16_384;

export type Compression = 'unknown' | 'none' | 'gzip' | 'brotli' | 'zstd';
export type TileType = 'unknown' | 'mvt' | 'png' | 'jpeg' | 'webp' | 'avif';

const COMPRESSIONS: readonly Compression[] = ['unknown', 'none', 'gzip', 'brotli', 'zstd'];
const TILE_TYPES: readonly TileType[] = ['unknown', 'mvt', 'png', 'jpeg', 'webp', 'avif'];

export interface Section {
  offset: number;
  length: number;
}

export interface PmtilesHeader {
  rootDirectory: Section;
  metadata: Section;
  leafDirectories: Section;
  tileData: Section;
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  clustered: boolean;
  internalCompression: Compression;
  tileCompression: Compression;
  tileType: TileType;
  minZoom: number;
  maxZoom: number;
  /** West, south, east, north in degrees. */
  bounds: [number, number, number, number];
  center: { zoom: number; lon: number; lat: number };
}

/** The bytes are not a PMTiles v3 archive the reader understands; the message says why. */
export class PmtilesFormatError extends Error {
  override name = 'PmtilesFormatError';
}

function u64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw new PmtilesFormatError(`the header's field at byte ${at} is beyond 2^53`);
  return Number(value);
}

function section(view: DataView, at: number): Section {
  return { offset: u64(view, at), length: u64(view, at + 8) };
}

function code<T>(names: readonly T[], value: number, what: string): T {
  const name = names[value];
  if (name === undefined) throw new PmtilesFormatError(`unknown ${what} ${value}`);
  return name;
}

/** Reads the header from the archive's first bytes; throws {@link PmtilesFormatError}. */
export function parseHeader(bytes: Uint8Array, fileSize?: number): PmtilesHeader {
  if (bytes.length < HEADER_BYTES)
    throw new PmtilesFormatError(`the file has ${bytes.length} bytes, fewer than a header's ${HEADER_BYTES}`);
  const magic = String.fromCharCode(...bytes.subarray(0, 7));
  if (magic !== 'PMTiles') throw new PmtilesFormatError('the file does not start with "PMTiles"');
  const version = bytes[7]!;
  if (version !== 3)
    throw new PmtilesFormatError(`the archive is PMTiles version ${version}; only version 3 is read`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  const e7 = (at: number) => view.getInt32(at, true) / 1e7;
  const header: PmtilesHeader = {
    rootDirectory: section(view, 8),
    metadata: section(view, 24),
    leafDirectories: section(view, 40),
    tileData: section(view, 56),
    addressedTiles: u64(view, 72),
    tileEntries: u64(view, 80),
    tileContents: u64(view, 88),
    clustered: view.getUint8(96) === 1,
    internalCompression: code(COMPRESSIONS, view.getUint8(97), 'internal compression'),
    tileCompression: code(COMPRESSIONS, view.getUint8(98), 'tile compression'),
    tileType: code(TILE_TYPES, view.getUint8(99), 'tile type'),
    minZoom: view.getUint8(100),
    maxZoom: view.getUint8(101),
    bounds: [e7(102), e7(106), e7(110), e7(114)],
    center: { zoom: view.getUint8(118), lon: e7(119), lat: e7(123) },
  };
  if (header.minZoom > header.maxZoom)
    throw new PmtilesFormatError(`min zoom ${header.minZoom} is above max zoom ${header.maxZoom}`);
  if (header.rootDirectory.length === 0) throw new PmtilesFormatError('the root directory is empty');
  if (header.rootDirectory.offset + header.rootDirectory.length > FIRST_READ_BYTES)
    throw new PmtilesFormatError('the root directory does not lie within the first 16,384 bytes');
  if (fileSize !== undefined) {
    for (const [name, s] of [
      ['root directory', header.rootDirectory],
      ['metadata', header.metadata],
      ['leaf directories', header.leafDirectories],
      ['tile data', header.tileData],
    ] as const) {
      if (s.offset + s.length > fileSize)
        throw new PmtilesFormatError(`the ${name} section runs past the end of the ${fileSize}-byte file`);
    }
  }
  return header;
}
