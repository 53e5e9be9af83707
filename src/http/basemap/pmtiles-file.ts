import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { ConfigError } from '../../config/config.js';
import { openPmtiles, type PmtilesArchive } from '../../core/pmtiles/archive.js';
import type { Compression } from '../../core/pmtiles/header.js';

const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliDecompress);

/** What this server can undo itself: Node 20's zlib has no zstd. */
export async function decompress(bytes: Uint8Array, compression: Compression): Promise<Uint8Array> {
  if (compression === 'none') return bytes;
  if (compression === 'gzip') return gunzipAsync(bytes);
  if (compression === 'brotli') return brotliAsync(bytes);
  throw new Error(`${compression} compression is not supported`);
}

export interface ArchiveFile {
  archive: PmtilesArchive;
  /** Changes when the file is replaced (size and modification time), for ETags. */
  version: string;
  close(): Promise<void>;
}

/**
 * Opens the DABYL_BASEMAP archive for reading at offsets: one descriptor for the server's life,
 * reading only the header, the directories on a tile's path and the tile. Anything that is not a
 * readable PMTiles v3 archive is a {@link ConfigError} naming the variable, so the server refuses
 * to start rather than show an empty map.
 */
export async function openArchiveFile(file: string): Promise<ArchiveFile> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    const read = async (offset: number, length: number) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, stat.size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    };
    const archive = await openPmtiles(read, decompress, stat.size);
    const { tileCompression, tileType } = archive.header;
    if (tileCompression === 'zstd' || tileCompression === 'unknown')
      throw new Error(`its tiles use ${tileCompression} compression; gzip, brotli or none are served`);
    if (tileType === 'unknown') throw new Error('its tile type is unknown (neither MVT nor an image format)');
    // Read now, so broken metadata stops the start like a broken header does.
    await archive.metadata();
    return {
      archive,
      version: `${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}`,
      close: () => handle.close(),
    };
  } catch (err) {
    await handle.close();
    const detail = (err as Error).message;
    throw new ConfigError('DABYL_BASEMAP', `${file} cannot be served as a PMTiles v3 archive: ${detail}`, {
      problem: 'config_not_pmtiles',
      params: { file, detail },
    });
  }
}
