/**
 * Gathers ledger writes into one statement: with dozens of sends under way, their writes become one
 * statement (and on SQLite one commit) instead of one each. A batch starts on the next turn of the
 * event loop, and while it is being written the calls made meanwhile wait and go together as the
 * next one. Flushing every turn regardless gave PostgreSQL batches of about two rows, each paying a
 * round trip, and the channel a twentieth of the raw client's rate. Each caller still gets its own
 * result or its batch's error.
 */
export class Batcher<I, O> {
  private queue: { item: I; resolve(o: O): void; reject(e: unknown): void }[] = [];
  /** A flush is scheduled or running: it takes whatever is queued when its previous batch is done. */
  private busy = false;

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly max = 500,
  ) {}

  add(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.busy) return;
      this.busy = true;
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.max);
      try {
        const out = await this.run(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(out[i]!));
      } catch (err) {
        for (const b of batch) b.reject(err);
      }
    }
    this.busy = false;
  }
}
