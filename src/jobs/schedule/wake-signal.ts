import type { Db } from '../../store/db.js';
import { onWakeBooked, WAKES_CHANNEL } from './scheduler.js';

/**
 * Tells a scheduler that wakes were booked, so it looks at once instead of at its next poll: a
 * booking in this process says so straight away (with its time, possibly before its transaction
 * commits), and on PostgreSQL every committed booking, from any process, arrives as a NOTIFY. Neither
 * carries authority: the scheduler still asks the database. A lost LISTEN connection is opened again
 * after `retryMs`; meanwhile the poll finds everything, only later.
 */
export class WakeSignal {
  private unlisten: (() => Promise<void>) | undefined;
  private unhint: (() => void) | undefined;
  private retry: NodeJS.Timeout | undefined;
  private active = false;

  constructor(
    private readonly db: Db,
    private readonly handlers: {
      booked(at: Date | undefined): void;
      onError(err: unknown, where: string): void;
    },
    private readonly retryMs = 5000,
  ) {}

  async start(): Promise<void> {
    this.active = true;
    this.unhint = onWakeBooked((at) => this.handlers.booked(at));
    await this.listen();
  }

  async stop(): Promise<void> {
    this.active = false;
    this.unhint?.();
    clearTimeout(this.retry);
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  private async listen(): Promise<void> {
    if (!this.active || !this.db.listen) return;
    try {
      this.unlisten = await this.db.listen(
        WAKES_CHANNEL,
        () => this.handlers.booked(undefined),
        (err) => {
          this.unlisten = undefined;
          this.handlers.onError(err, 'wake LISTEN connection');
          this.listenLater();
        },
      );
      if (!this.active) await this.unlisten();
    } catch (err) {
      this.handlers.onError(err, 'wake LISTEN');
      this.listenLater();
    }
  }

  private listenLater(): void {
    if (!this.active) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.listen(), this.retryMs);
    this.retry.unref();
  }
}
