import { sql } from 'kysely';
import type { Db } from '../../store/db.js';
import type { Q } from '../context.js';

/*
 * A nudge from whoever writes deliveries or fan-outs to the workers that act on them, so a
 * publication's messages leave at once instead of at the next poll. It carries nothing: a worker
 * that is woken still asks the database what is due, and one that misses a nudge finds the same
 * rows by polling. Workers in this process are called directly; on PostgreSQL a NOTIFY reaches
 * workers in every other process too (scaled mode: the API process that approves an alert is not
 * the worker process that expands and sends it, and a poll of a second or two would be most of
 * the alert's first-delivery budget).
 */

/** How long a lost LISTEN connection waits before it is opened again; the poll covers the gap. */
const RELISTEN_MS = 5000;

/** The NOTIFY channel of outbox writes: one per schema, so databases sharing a server never wake each other. */
export const outboxChannel = (db: Db): string => (db.schema ? `dabyl_outbox_${db.schema}` : 'dabyl_outbox');

interface Listeners {
  wakes: Set<() => void>;
  relay: Relay | undefined;
}

const listeners = new WeakMap<Db, Listeners>();

/** Calls `wake` whenever deliveries or fan-outs are written to this database; returns the undo. */
export function onOutboxWrite(db: Db, wake: () => void): () => void {
  let entry = listeners.get(db);
  if (!entry) listeners.set(db, (entry = { wakes: new Set(), relay: undefined }));
  const { wakes } = entry;
  wakes.add(wake);
  if (db.listen && !entry.relay) entry.relay = new Relay(db, () => wakes.forEach((w) => w()));
  return () => {
    wakes.delete(wake);
    if (wakes.size === 0 && entry.relay) {
      void entry.relay.stop();
      entry.relay = undefined;
    }
  };
}

/**
 * Says that deliveries or fan-outs were written. Given the writing transaction, the NOTIFY goes
 * with it and reaches other processes at its commit (never for a rollback); without one it is sent
 * on its own, after the fact. Either way this process's workers are called at once.
 */
export async function outboxWritten(db: Db, trx?: Q): Promise<void> {
  for (const wake of listeners.get(db)?.wakes ?? []) wake();
  if (!db.listen) return;
  const notify = sql`select pg_notify(${outboxChannel(db)}, '')`;
  if (trx) await notify.execute(trx);
  // A nudge that cannot be sent costs a poll's delay, not a message: never the writer's failure.
  else await notify.execute(db.kysely).catch(() => undefined);
}

/** One LISTEN connection per database handle, relaying every NOTIFY to this process's workers. */
class Relay {
  private unlisten: (() => Promise<void>) | undefined;
  private retry: NodeJS.Timeout | undefined;
  private active = true;

  constructor(
    private readonly db: Db,
    private readonly wake: () => void,
  ) {
    void this.listen();
  }

  async stop(): Promise<void> {
    this.active = false;
    clearTimeout(this.retry);
    await this.unlisten?.().catch(() => undefined);
    this.unlisten = undefined;
  }

  private async listen(): Promise<void> {
    if (!this.active) return;
    try {
      const undo = await this.db.listen!(outboxChannel(this.db), this.wake, () => {
        this.unlisten = undefined;
        this.later();
      });
      if (this.active) this.unlisten = undo;
      else await undo();
    } catch {
      this.later();
    }
  }

  private later(): void {
    if (!this.active) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.listen(), RELISTEN_MS);
    this.retry.unref();
  }
}
