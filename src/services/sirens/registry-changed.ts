import type { Db } from '../../store/db.js';

/*
 * A nudge from whoever changes the siren registry to the siren listener in the same process, so
 * a siren added in the console is heard at once, not at the listener's next look. It carries
 * nothing; a listener in another process finds the change when it looks again.
 */

const listeners = new WeakMap<Db, Set<() => void>>();

export function onSirenRegistryChange(db: Db, nudge: () => void): () => void {
  const set = listeners.get(db) ?? new Set();
  listeners.set(db, set);
  set.add(nudge);
  return () => set.delete(nudge);
}

export function sirenRegistryChanged(db: Db): void {
  for (const nudge of listeners.get(db) ?? []) nudge();
}
