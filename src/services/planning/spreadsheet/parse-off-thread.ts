import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseFile, type ParseOutcome } from './parse-file.js';

/**
 * Reading a workbook is seconds of CPU for a large MSEL; on the main thread it would stall every
 * other request for as long. Files above {@link OFF_THREAD_BYTES} are parsed in a worker thread of
 * their own (a worker per file: imports are rare, and a crashed or runaway parse dies with its
 * thread); smaller ones take milliseconds and are parsed in place.
 */
export const OFF_THREAD_BYTES = 256 * 1024;

/**
 * Workbooks parsed at once; the rest wait their turn. Six large uploads at once would otherwise hold
 * six parsers' memory together.
 */
export const MAX_PARALLEL_PARSES = 2;

let inFlight = 0;
const waiting: (() => void)[] = [];

async function turn(): Promise<void> {
  if (inFlight < MAX_PARALLEL_PARSES) {
    inFlight++;
    return;
  }
  // The finishing parse hands its place over directly, so inFlight never drops in between.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function done(): void {
  const next = waiting.shift();
  if (next) next();
  else inFlight--;
}

/** Parses running in worker threads now: lets a test see the server answer while one runs. */
export const parsesInFlight = (): number => inFlight;

const fromSource = import.meta.url.endsWith('.ts');
const WORKER = new URL(`./parse.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);

/**
 * The worker's entry. Run from the TypeScript sources (tests, `npm run dev`), the thread first
 * registers tsx's loader — loader hooks do not pass from the main thread to a worker.
 */
function entry(): URL | string {
  if (!fromSource) return WORKER;
  const root = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(root, 'dist/esm/api/index.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER.href)}); })`;
}

export async function parseOffThread(
  kind: 'xlsx' | 'csv',
  bytes: Buffer,
  maxRows: number,
): Promise<ParseOutcome> {
  if (bytes.length < OFF_THREAD_BYTES) return parseFile(kind, bytes, maxRows);
  await turn();
  try {
    return await new Promise<ParseOutcome>((resolve, reject) => {
      const worker = new Worker(entry(), {
        eval: fromSource,
        workerData: { kind, bytes: new Uint8Array(bytes), maxRows },
        // A parse that runs away dies with its thread, not with the server.
        resourceLimits: { maxOldGenerationSizeMb: 1536 },
      });
      let answered = false;
      worker.once('message', (m: { outcome?: ParseOutcome; failure?: string }) => {
        answered = true;
        if (m.outcome) resolve(m.outcome);
        else reject(new Error(m.failure ?? 'the spreadsheet reader failed'));
        void worker.terminate();
      });
      worker.once('error', (err) => {
        answered = true;
        reject(err);
      });
      worker.once('exit', (code) => {
        if (!answered) reject(new Error(`the spreadsheet reader stopped (exit code ${code})`));
      });
    });
  } finally {
    done();
  }
}
