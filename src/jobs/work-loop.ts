/**
 * Runs a piece of work until it finds nothing to do, then sleeps until the next poll or a wake-up,
 * whichever comes first. A wake-up during a run asks for one more run right after. The work itself
 * asks the database what is due: the loop only decides when to look.
 */
export class WorkLoop {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;

  constructor(
    /** Does one round; returns how much it handled (0: nothing was due). */
    private readonly round: () => Promise<number>,
    private readonly pollMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    await this.running;
  }

  get active(): boolean {
    return this.started;
  }

  /** Look now (and again right after, if a look is already under way). */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.rounds()
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.running = undefined;
        if (!this.started) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.pollMs);
          this.timer.unref();
        }
      });
  }

  /** Rounds until one finds nothing due; returns how much was handled in all. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const n = await this.round();
      handled += n;
      if (n === 0) return handled;
    }
  }

  /** The background's rounds: as drain, but a stop ends them after the round under way. */
  private async rounds(): Promise<void> {
    while (this.started && (await this.round()) > 0);
  }
}
