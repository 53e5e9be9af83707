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
/**
 * How far the WAL may grow before the thread makes the next commit begin it again. A WAL that is
 * written to all the time is never begun again by itself: each reader looks for its pages among
 * all the frames not yet copied, and the file grew by every commit of a fan-out (38 GB beside a
 * 2 GB database after a million-recipient alert and its Cancel, whose first page of earlier
 * recipients took 0.6 s instead of 0.1 s).
 */
export const RESTART_BYTES = 64 * 1024 * 1024;

/** The thread's code: plain JavaScript, so it runs the same from the sources and from the build. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 0');
parentPort.on('message', (m) => {
  if (m.stop) { db.close(); parentPort.close(); return; }
  try {
    if (m.restart) {
      const [r] = db.pragma('wal_checkpoint(RESTART)');
      parentPort.postMessage({ restarted: r.busy === 0 });
      return;
    }
    let [r] = db.pragma('wal_checkpoint(PASSIVE)');
    // Past the bound, a restart follows, holding the connection while it copies what came during
    // this copy: copied again first, while the writer goes on, so that little is left for it.
    for (let i = 0; i < 3 && r.log >= m.restartFrames && r.busy === 0 && r.log === r.checkpointed; i++) {
      const [next] = db.pragma('wal_checkpoint(PASSIVE)');
      const grew = next.log - r.log;
      r = next;
      if (grew < 1024) break;
    }
    // Asked to, and all of it copied back: the file is cut to nothing, if no one is using it now.
    const cut = m.truncate && r.busy === 0 && r.log === r.checkpointed ? db.pragma('wal_checkpoint(TRUNCATE)')[0] : null;
    parentPort.postMessage({ done: r, truncated: cut !== null && cut.busy === 0 });
  } catch (err) {
    parentPort.postMessage({ failed: String(err && err.message) });
  }
});
`;

interface ThreadReport {
  done?: { busy: number; log: number; checkpointed: number };
  truncated?: boolean;
  restarted?: boolean;
  failed?: string;
}

export interface CheckpointerOptions {
  log?: (message: string) => void;
  /** How long a wholly copied WAL is left unwritten before its file is cut back. */
  quietMs?: number;
  /** How far the WAL may grow before it is begun again. */
  restartBytes?: number;
  /**
   * Runs `work` while nothing else uses the connection (no statement, no open transaction), the
   * other users waiting their turn without blocking the event loop. A restart is done inside it, so
   * the writer it must wait for is never the process's own connection spinning on its busy handler.
   */
  hold?: (work: () => Promise<void>) => Promise<void>;
}

export interface Checkpointer {
  /** Checkpoints taken by the thread so far (for tests and the bench). */
  readonly taken: number;
  /** Times the thread cut the WAL file back to nothing. */
  readonly truncated: number;
  /** Times the WAL was begun again from its start while it was being written to. */
  readonly restarted: number;
  /** Restarts that held the connection, and how long in all and at most, in seconds. */
  readonly holds: { readonly count: number; readonly seconds: number; readonly longestSeconds: number };
  /** False once the thread has stopped and the connection checkpoints itself again. */
  readonly running: boolean;
  /** The WAL file's size now (0 when there is none). */
  walBytes(): Promise<number>;
  /** Stops the thread; the connection's own close then checkpoints what is left. */
  close(): Promise<void>;
}

export function startCheckpointer(
  sqlite: SQLite.Database,
  file: string,
  options: CheckpointerOptions = {},
): Checkpointer {
  const log = options.log ?? (() => undefined);
  const quietMs = options.quietMs ?? QUIET_MS;
  const hold = options.hold ?? ((work) => work());
  sqlite.pragma('wal_autocheckpoint = 0');
  // The connection never cuts the WAL file back either: it would do so in the first commit after a
  // whole checkpoint, freeing what a large burst wrote (0.5–0.9 s for a WAL of gigabytes: the
  // Cancel of an alert to 200,000 waited that long). The file is reused from its start instead,
  // and the thread cuts it to nothing once it has been copied and left alone for `quietMs`: a
  // writer that comes while the thread frees it waits as long, so that is done when none is about.
  sqlite.pragma('journal_size_limit = -1');
  const restartFrames = Math.ceil(
    (options.restartBytes ?? RESTART_BYTES) / Number(sqlite.pragma('page_size', { simple: true })),
  );
  let worker: Worker | null = null;
  let exited = false;
  let busy = false;
  let failed = false;
  let taken = 0;
  let truncated = 0;
  let restarted = 0;
  const holds = { count: 0, seconds: 0, longestSeconds: 0 };
  /** The WAL's mtime when a checkpoint copied all of it: nothing new to copy while it stays so. */
  let settled = -1;
  /** Who waits for the thread's answer to the message in flight (one at a time). */
  let answer: ((m: ThreadReport) => void) | null = null;
  const giveUp = (why: string) => {
    if (failed) return;
    failed = true;
    clearInterval(timer);
    log(`the SQLite checkpoint thread stopped (${why}); the connection checkpoints itself again`);
    if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
  };
  const answered = (m: ThreadReport) => {
    const waiting = answer;
    answer = null;
    waiting?.(m);
  };
  const thread = (): Worker => {
    if (worker) return worker;
    const w = new Worker(THREAD, {
      eval: true,
      workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    w.unref();
    w.on('message', (m: ThreadReport) => {
      if (m.failed) log(`a SQLite checkpoint failed: ${m.failed}`);
      else if (m.done) taken++;
      if (m.truncated) truncated++;
      if (m.restarted) restarted++;
      answered(m);
    });
    // A thread that is gone answers nothing: whoever waits (a held connection) is let go.
    w.on('error', (err) => {
      giveUp(err.message);
      answered({ failed: err.message });
    });
    w.on('exit', () => {
      exited = true;
      answered({ failed: 'the thread exited' });
    });
    worker = w;
    return w;
  };
  const ask = (message: object) =>
    new Promise<ThreadReport>((resolve) => {
      answer = resolve;
      thread().postMessage(message);
    });
  const look = async () => {
    if (busy || failed) return;
    const wal = await stat(`${file}-wal`).catch(() => null);
    if (!wal || busy || failed) return;
    const copied = wal.mtimeMs === settled;
    const cut = copied && wal.size > 0 && Date.now() - wal.mtimeMs >= quietMs;
    if (!cut && (copied || wal.size < CHECKPOINT_BYTES)) return;
    busy = true;
    try {
      const r = await ask({ truncate: cut, restartFrames });
      const all = r.done !== undefined && r.done.busy === 0 && r.done.log === r.done.checkpointed;
      if (all) settled = wal.mtimeMs;
      // Past its bound and all of it copied: begun again, so the next commit writes from the
      // file's start. The restart copies only what was committed since, holding the connection
      // meanwhile (49 ms on average, at most 122, during a 200,000-recipient alert; its users wait
      // asynchronously: the writer waits for the copy, as it must if the file is to stay bounded).
      if (all && !cut && !failed && r.done!.log >= restartFrames) {
        await hold(async () => {
          const began = performance.now();
          if (!failed) await ask({ restart: true });
          const seconds = (performance.now() - began) / 1000;
          holds.count++;
          holds.seconds += seconds;
          holds.longestSeconds = Math.max(holds.longestSeconds, seconds);
        });
      }
    } finally {
      busy = false;
    }
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
    get restarted() {
      return restarted;
    },
    holds,
    get running() {
      return !failed;
    },
    walBytes: async () => (await stat(`${file}-wal`).catch(() => null))?.size ?? 0,
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
