import type { Db } from '../../store/db.js';

/*
 * A nudge from whoever writes deliveries to the dispatchers in the same process, so a publication's
 * e-mails leave at once instead of at the next poll. It carries nothing: a dispatcher that is woken
 * still asks the database what is due, and one in another process finds the same rows by polling.
 */

const listeners = new WeakMap<Db, Set<() => void>>();

/** Calls `wake` whenever deliveries are written to this database from this process; returns the undo. */
export function onOutboxWrite(db: Db, wake: () => void): () => void {
  const set = listeners.get(db) ?? new Set();
  listeners.set(db, set);
  set.add(wake);
  return () => set.delete(wake);
}

export function outboxWritten(db: Db): void {
  for (const wake of listeners.get(db) ?? []) wake();
}
