/*
 * Long lists handled in one synchronous stretch stall every other request of the process: STARTEX
 * of an MSEL of 10,000 injects held the event loop for over 100 ms. These let it turn between
 * slices. Database work in between yields on PostgreSQL (a round trip on a socket) but not on
 * SQLite, whose driver answers in the same call: a loop of awaited SQLite statements runs as
 * microtasks without a turn, so it needs a `nextTurn` of its own between pages.
 */

/** How many items one slice handles before the event loop may turn. */
export const SLICE = 250;

/** Resolves after the event loop has turned once (timers and I/O that were waiting ran). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `items.map(fn)`, letting the event loop turn after every `size` items. */
export async function mapInTurns<T, U>(
  items: readonly T[],
  fn: (item: T, index: number) => U,
  size = SLICE,
): Promise<U[]> {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % size === 0) await nextTurn();
    out.push(fn(items[i]!, i));
  }
  return out;
}

/**
 * For loops whose items differ widely in cost (a venue with a point, one with a 2,000-point
 * footprint): `await pace()` lets the event loop turn once `ms` have passed since the last turn,
 * and costs nothing otherwise.
 */
export function pacer(ms = 10): () => Promise<void> | undefined {
  let since = performance.now();
  return () =>
    performance.now() - since < ms
      ? undefined
      : nextTurn().then(() => {
          since = performance.now();
        });
}
