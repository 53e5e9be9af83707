/**
 * Spaces one bind's submits to its rate: each submit reserves the next slot, 1/rate seconds after
 * the one before, and none is earlier than a pause the SMSC asked for (a throttle). Time is handed
 * in, so the spacing is tested without waiting.
 */
export class Pacer {
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly interval: number;

  constructor(ratePerSecond: number) {
    this.interval = Number.isFinite(ratePerSecond) && ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }

  /** The time (ms) at which the next submit may go, reserving it. */
  reserve(now: number): number {
    const at = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = at + this.interval;
    return at;
  }

  /** No submit before `until` (ms). */
  pause(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until);
  }

  /** Whether a reserved slot fell inside a pause that began after it was reserved. */
  paused(now: number): boolean {
    return now < this.pausedUntil;
  }
}
