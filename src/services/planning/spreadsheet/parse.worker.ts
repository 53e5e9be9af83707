import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from './parse-file.js';

/** Runs one file's parse off the main thread (see parse-off-thread.ts); answers once and exits. */
const { kind, bytes, maxRows } = workerData as { kind: 'xlsx' | 'csv'; bytes: Uint8Array; maxRows: number };
parseFile(kind, bytes, maxRows).then(
  (outcome) => parentPort!.postMessage({ outcome }),
  (err: unknown) => parentPort!.postMessage({ failure: err instanceof Error ? err.message : String(err) }),
);
