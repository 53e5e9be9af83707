import { inThread, slots, workerModule } from '../../off-thread.js';
import { parseFile, type ParseOutcome } from './parse-file.js';

/**
 * Reading a workbook is seconds of CPU for a large MSEL; on the main thread it would stall every
 * other request for as long. Files above {@link OFF_THREAD_BYTES} are parsed in a worker thread of
 * their own (services/off-thread.ts); smaller ones take milliseconds and are parsed in place.
 */
export const OFF_THREAD_BYTES = 256 * 1024;

/**
 * Workbooks parsed at once; the rest wait their turn. Six large uploads at once would otherwise hold
 * six parsers' memory together.
 */
export const MAX_PARALLEL_PARSES = 2;

const parses = slots(MAX_PARALLEL_PARSES);

/** Parses running in worker threads now: lets a test see the server answer while one runs. */
export const parsesInFlight = (): number => parses.inUse();

const PARSER = workerModule('parse.worker', import.meta.url);

export async function parseOffThread(
  kind: 'xlsx' | 'csv',
  bytes: Buffer,
  maxRows: number,
): Promise<ParseOutcome> {
  if (bytes.length < OFF_THREAD_BYTES) return parseFile(kind, bytes, maxRows);
  return parses.run(() =>
    inThread<ParseOutcome>(PARSER, { kind, bytes: new Uint8Array(bytes), maxRows }, 'the spreadsheet reader'),
  );
}
