import { parentPort, workerData } from 'node:worker_threads';
import { answerWith } from '../../off-thread.js';
import { parseFile } from './parse-file.js';

/** Runs one file's parse off the main thread (see parse-off-thread.ts); answers once and exits. */
const { kind, bytes, maxRows } = workerData as { kind: 'xlsx' | 'csv'; bytes: Uint8Array; maxRows: number };
answerWith(
  (m) => parentPort!.postMessage(m),
  () => parseFile(kind, bytes, maxRows),
);
