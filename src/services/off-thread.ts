import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Work of seconds of CPU (a large workbook, a detailed outline) runs in a worker thread of its own,
 * so the event loop keeps serving everyone else meanwhile; a thread per piece of work, since such
 * work is rare and a crashed or runaway one dies with its thread, not with the server.
 */

/** What a `*.worker` module posts once: its value, or why it failed. */
export type ThreadAnswer<T> = { value: T } | { failure: string };

/** The worker module `name` beside `caller` (its `import.meta.url`), `.ts` when run from the sources. */
export function workerModule(name: string, caller: string): URL {
  return new URL(`./${name}.${caller.endsWith('.ts') ? 'ts' : 'js'}`, caller);
}

/**
 * How to start a thread on `module`. From the TypeScript sources (tests, `npm run dev`) the thread
 * first registers tsx's loader — loader hooks do not pass from the main thread to a worker.
 */
function threadEntry(module: URL): { entry: URL | string; eval: boolean } {
  if (!module.pathname.endsWith('.ts')) return { entry: module, eval: false };
  const root = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsx = pathToFileURL(path.join(root, 'dist/esm/api/index.mjs')).href;
  return {
    entry: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(module.href)}); })`,
    eval: true,
  };
}

/**
 * Starts `module` in a thread of its own with `data` as its `workerData`, for a conversation of more
 * than one message (else {@link inThread}). `transfer` moves buffers of `data` rather than copying them.
 */
export function startThread(
  module: URL,
  data: unknown,
  maxHeapMb = 1536,
  transfer: readonly ArrayBuffer[] = [],
): Worker {
  const { entry, eval: evaluate } = threadEntry(module);
  return new Worker(entry, {
    eval: evaluate,
    workerData: data,
    transferList: [...transfer],
    // Work that runs away dies with its thread, not with the server.
    resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
  });
}

/**
 * Runs `module` in a thread of its own with `data` as its `workerData`, and resolves to the value it
 * posts. `what` names the work in errors ("the spreadsheet reader").
 */
export function inThread<T>(module: URL, data: unknown, what: string, maxHeapMb = 1536): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const worker = startThread(module, data, maxHeapMb);
    let answered = false;
    worker.once('message', (m: ThreadAnswer<T>) => {
      answered = true;
      if ('value' in m) resolve(m.value);
      else reject(new Error(m.failure || `${what} failed`));
      void worker.terminate();
    });
    worker.once('error', (err) => {
      answered = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`${what} stopped (exit code ${code})`));
    });
  });
}

/** A worker module's answer: posts the value of `work`, or the message of what it threw. */
export function answerWith<T>(post: (answer: ThreadAnswer<T>) => void, work: () => T | Promise<T>): void {
  Promise.resolve()
    .then(work)
    .then(
      (value) => post({ value }),
      (err: unknown) => post({ failure: err instanceof Error ? err.message : String(err) }),
    );
}

/**
 * At most `max` of a kind of heavy work at once; the rest wait their turn in order. Six large uploads
 * at once would otherwise hold six workers' memory together and share two cores six ways.
 */
export function slots(max: number): {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Holding a slot now, waiting ones not counted. */
  inUse(): number;
} {
  let inUse = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (inUse < max) inUse++;
      // The finishing work hands its slot over directly, so the count never drops in between.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else inUse--;
      }
    },
    inUse: () => inUse,
  };
}
