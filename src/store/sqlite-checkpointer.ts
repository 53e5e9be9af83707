import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * A SQLite WAL is copied back into the database file by a checkpoint. By default the connection
 * that commits runs it inside its COMMIT once the WAL passes 1,000 pages, so every large write (a
 * batch of 5,000 deliveries, a burst of injects) paid the copy and its fsyncs on the event loop:
 * about 50 ms a commit in a fan-out. Here the process's connection never checkpoints; a thread of
 * its own, on a connection of its own, runs passive checkpoints, which never hold up a writer,
 * whenever the WAL has grown past {@link CHECKPOINT_BYTES}. The thread is started the first time it
 * is needed, so a small database (most tests) never starts one. Should it fail, the connection
 * goes back to checkpointing itself. Decision 0045.
 */
export const CHECKPOINT_BYTES = 4 * 1024 * 1024;
/**
 * The WAL file is cut back to this size when it starts over after a whole checkpoint, so its size
 * says how much was written since (the poll needs no connection to know), and one burst does not
 * leave a large file behind.
 */
export const WAL_KEPT_BYTES = 1024 * 1024;
const POLL_MS = 200;

/** The thread's code: plain JavaScript, so it runs the same from the sources and from the build. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m === 'stop') { db.close(); parentPort.close(); return; }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ done: r });
  } catch (err) {
    parentPort.postMessage({ failed: String(err && err.message) });
  }
});
`;

export interface Checkpointer {
  /** Checkpoints taken by the thread so far (for tests and the bench). */
  readonly taken: number;
  /** Stops the thread; the connection's own close then checkpoints what is left. */
  close(): Promise<void>;
}

export function startCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  log: (message: string) => void = () => undefined,
): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
  let worker: Worker | null = null;
  let exited = false;
  let busy = false;
  let failed = false;
  let taken = 0;
  /** The WAL's mtime when a checkpoint copied all of it: nothing new to copy while it stays so. */
  let settled = -1;
  let asked = -1;
  const giveUp = (why: string) => {
    if (failed) return;
    failed = true;
    clearInterval(timer);
    log(`the SQLite checkpoint thread stopped (${why}); the connection checkpoints itself again`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  const thread = (): Worker => {
    if (worker) return worker;
    const w = new Worker(THREAD, {
      eval: true,
      workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    w.unref();
    w.on('message', (m: { done?: { busy: number; log: number; checkpointed: number }; failed?: string }) => {
      busy = false;
      if (m.failed) log(`a SQLite checkpoint failed: ${m.failed}`);
      else taken++;
      if (m.done && m.done.busy === 0 && m.done.log === m.done.checkpointed) settled = asked;
    });
    w.on('error', (err) => giveUp(err.message));
    w.on('exit', () => {
      exited = true;
    });
    worker = w;
    return w;
  };
  const look = async () => {
    if (busy || failed) return;
    const wal = await stat(`${file}-wal`).catch(() => null);
    if (!wal || wal.size < CHECKPOINT_BYTES || wal.mtimeMs === settled || busy || failed) return;
    busy = true;
    asked = wal.mtimeMs;
    thread().postMessage('checkpoint');
  };
  const timer = setInterval(() => void look(), POLL_MS);
  timer.unref();
  return {
    get taken() {
      return taken;
    },
    close: async () => {
      clearInterval(timer);
      failed = true;
      const w = worker;
      if (!w || exited) return;
      // Held until it has gone: an unref'd thread is not waited for, and a CLI command that closes
      // its database last would end with its top-level await unsettled.
      w.ref();
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage('stop');
      });
    },
  };
}
