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
const POLL_MS = 200;
/** How long the WAL is left unwritten, all of it copied, before the thread cuts its file back. */
const QUIET_MS = 60_000;

/** The thread's code: plain JavaScript, so it runs the same from the sources and from the build. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m.stop) { db.close(); parentPort.close(); return; }
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // Asked to, and all of it copied back: the file is cut to nothing, if no one is using it now.
    const cut = m.truncate && r.busy === 0 && r.log === r.checkpointed ? db.pragma('wal_checkpoint(TRUNCATE)')[0] : null;
    parentPort.postMessage({ done: r, truncated: cut !== null && cut.busy === 0 });
  } catch (err) {
    parentPort.postMessage({ failed: String(err && err.message) });
  }
});
`;

export interface Checkpointer {
  /** Checkpoints taken by the thread so far (for tests and the bench). */
  readonly taken: number;
  /** Times the thread cut the WAL file back to nothing. */
  readonly truncated: number;
  /** Stops the thread; the connection's own close then checkpoints what is left. */
  close(): Promise<void>;
}

export function startCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  log: (message: string) => void = () => undefined,
  quietMs = QUIET_MS,
): Checkpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  // The connection never cuts the WAL file back either: it would do so in the first commit after a
  // whole checkpoint, freeing what a large burst wrote (0.5–0.9 s for a WAL of gigabytes: the
  // Cancel of an alert to 200,000 waited that long). The file is reused from its start instead,
  // and the thread cuts it to nothing once it has been copied and left alone for `quietMs`: a
  // writer that comes while the thread frees it waits as long, so that is done when none is about.
  sqlite.pragma('journal_size_limit = -1');
  let worker: Worker | null = null;
  let exited = false;
  let busy = false;
  let failed = false;
  let taken = 0;
  let truncated = 0;
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
    w.on(
      'message',
      (m: {
        done?: { busy: number; log: number; checkpointed: number };
        truncated?: boolean;
        failed?: string;
      }) => {
        busy = false;
        if (m.failed) log(`a SQLite checkpoint failed: ${m.failed}`);
        else taken++;
        if (m.truncated) truncated++;
        if (m.done && m.done.busy === 0 && m.done.log === m.done.checkpointed) settled = asked;
      },
    );
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
    if (!wal || busy || failed) return;
    const copied = wal.mtimeMs === settled;
    const cut = copied && wal.size > 0 && Date.now() - wal.mtimeMs >= quietMs;
    if (!cut && (copied || wal.size < CHECKPOINT_BYTES)) return;
    busy = true;
    asked = wal.mtimeMs;
    thread().postMessage({ truncate: cut });
  };
  const timer = setInterval(() => void look(), POLL_MS);
  timer.unref();
  return {
    get taken() {
      return taken;
    },
    get truncated() {
      return truncated;
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
        w.postMessage({ stop: true });
      });
    },
  };
}
