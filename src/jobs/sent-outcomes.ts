import type { SentOutcome } from '../store/delivery.repository.js';

interface Waiting {
  outcome: SentOutcome;
  done: () => void;
  failed: (err: unknown) => void;
}

/**
 * Writes accepted sends by group commit: an outcome waits only while the write before it is under
 * way, and then goes with every other outcome that came in meanwhile, in one statement. A quiet
 * channel's outcome is written at once, as before; a busy one's share a commit, so the outbox's
 * own bookkeeping no longer caps how fast it can send. The window in which a crash leaves a sent
 * delivery unrecorded (and so sent again, under the same de-duplication key) stays one write long.
 */
export class SentOutcomes {
  private waiting: Waiting[] = [];
  private writing: Promise<void> | null = null;

  constructor(private readonly write: (outcomes: readonly SentOutcome[]) => Promise<unknown>) {}

  /** Resolves once the outcome is written (or was no longer ours to write). */
  record(outcome: SentOutcome): Promise<void> {
    return new Promise((done, failed) => {
      this.waiting.push({ outcome, done, failed });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // Sends that finish in the same turn of the event loop go together even when nothing is being written.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.waiting.length) {
      const taken = this.waiting;
      this.waiting = [];
      try {
        await this.write(taken.map((w) => w.outcome));
        for (const w of taken) w.done();
      } catch (err) {
        for (const w of taken) w.failed(err);
      }
    }
    this.writing = null;
  }
}
