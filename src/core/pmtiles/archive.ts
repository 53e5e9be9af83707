import { findEntry, parseDirectory, type Entry } from './directory.js';
import {
  FIRST_READ_BYTES,
  parseHeader,
  PmtilesFormatError,
  type Compression,
  type PmtilesHeader,
} from './header.js';
import { MAX_ZOOM, zxyToTileId } from './tile-id.js';

/** Reads `length` bytes at `offset` of the archive (fewer only at the end of the file). */
export type ReadBytes = (offset: number, length: number) => Promise<Uint8Array>;
/** Undoes the archive's internal compression (directories and metadata). */
export type Decompress = (bytes: Uint8Array, compression: Compression) => Promise<Uint8Array>;

/** Root, then at most three levels of leaves, as the spec allows; more means a loop. */
const MAX_DEPTH = 4;
/** Leaf directories kept decoded; a city-sized archive has a handful. */
const CACHED_DIRECTORIES = 64;

export interface PmtilesArchive {
  readonly header: PmtilesHeader;
  /** The tile's bytes, still in the archive's tile compression; `undefined` when absent. */
  tile(z: number, x: number, y: number): Promise<Uint8Array | undefined>;
  /** The archive's JSON metadata (`vector_layers`, attribution…). */
  metadata(): Promise<Record<string, unknown>>;
}

/**
 * Opens an archive over a byte-range reader: one read for the header and root directory, then
 * per tile only the leaf directories on its path (cached) and the tile itself.
 * Throws {@link PmtilesFormatError} for anything that is not a PMTiles v3 archive.
 */
export async function openPmtiles(
  read: ReadBytes,
  decompress: Decompress,
  fileSize?: number,
): Promise<PmtilesArchive> {
  const first = await read(0, FIRST_READ_BYTES);
  const header = parseHeader(first, fileSize);
  const { internalCompression } = header;
  const decode = async (bytes: Uint8Array, what: string) => {
    try {
      return await decompress(bytes, internalCompression);
    } catch (err) {
      throw new PmtilesFormatError(`the ${what} cannot be decompressed (${(err as Error).message})`);
    }
  };
  const root = header.rootDirectory;
  const rootEntries = parseDirectory(
    await decode(first.subarray(root.offset, root.offset + root.length), 'root directory'),
  );

  const leaves = new Map<number, Entry[]>();
  const leaf = async (offset: number, length: number): Promise<Entry[]> => {
    const cached = leaves.get(offset);
    if (cached) {
      // Re-inserted so the map's order is least recently used first.
      leaves.delete(offset);
      leaves.set(offset, cached);
      return cached;
    }
    const start = header.leafDirectories.offset + offset;
    const entries = parseDirectory(await decode(await read(start, length), 'leaf directory'));
    leaves.set(offset, entries);
    if (leaves.size > CACHED_DIRECTORIES) leaves.delete(leaves.keys().next().value!);
    return entries;
  };

  let metadata: Promise<Record<string, unknown>> | undefined;
  return {
    header,
    async tile(z, x, y) {
      if (z < header.minZoom || z > header.maxZoom || z > MAX_ZOOM) return undefined;
      const id = zxyToTileId(z, x, y);
      let entries = rootEntries;
      for (let depth = 0; depth < MAX_DEPTH; depth++) {
        const entry = findEntry(entries, id);
        if (!entry) return undefined;
        if (entry.runLength > 0) return read(header.tileData.offset + entry.offset, entry.length);
        entries = await leaf(entry.offset, entry.length);
      }
      throw new PmtilesFormatError('the leaf directories nest deeper than three levels');
    },
    metadata() {
      metadata ??= (async () => {
        const { offset, length } = header.metadata;
        if (length === 0) return {};
        const text = new TextDecoder().decode(await decode(await read(offset, length), 'metadata'));
        const json: unknown = JSON.parse(text);
        if (typeof json !== 'object' || json === null || Array.isArray(json))
          throw new PmtilesFormatError('the metadata is not a JSON object');
        return json as Record<string, unknown>;
      })();
      return metadata;
    },
  };
}
