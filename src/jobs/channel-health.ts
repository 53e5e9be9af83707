/**
 * Whether each channel is answering, as the dispatcher has seen it. An outage is logged when it
 * begins, every few minutes while it lasts (with counts), and when it ends: never once per
 * delivery. While a channel is down only one delivery at a time probes it, at growing intervals.
 */
export class ChannelHealth {
  private readonly down = new Map<
    string,
    { since: number; failures: number; probeDelay: number; nextProbe: number; lastLog: number; error: string }
  >();

  constructor(
    private readonly log: (level: 'warn' | 'error' | 'info', message: string) => void,
    private readonly now: () => number,
    private readonly firstProbeMs = 1000,
    private readonly maxProbeMs = 60_000,
    private readonly summaryMs = 5 * 60_000,
  ) {}

  isDown(channel: string): boolean {
    return this.down.has(channel);
  }

  /** How many deliveries to claim now: the batch when up, one probe when its time has come, else none. */
  allowance(channel: string, batch: number): number {
    const state = this.down.get(channel);
    if (!state) return batch;
    return this.now() >= state.nextProbe ? 1 : 0;
  }

  /**
   * For a peer that is down (one push service of many): true once per probe interval, for the one
   * delivery that may try it; the batch's other deliveries to it wait until `nextProbeAt`.
   */
  takeProbe(key: string): boolean {
    const state = this.down.get(key);
    if (!state) return true;
    const now = this.now();
    if (now < state.nextProbe) return false;
    state.nextProbe = now + state.probeDelay;
    return true;
  }

  /** When a down channel or peer is tried next (epoch ms); now when it is up. */
  nextProbeAt(key: string): number {
    return this.down.get(key)?.nextProbe ?? this.now();
  }

  failed(channel: string, error: string): void {
    const now = this.now();
    const state = this.down.get(channel);
    if (!state) {
      this.down.set(channel, {
        since: now,
        failures: 1,
        probeDelay: this.firstProbeMs,
        nextProbe: now + this.firstProbeMs,
        lastLog: now,
        error,
      });
      this.log(
        'warn',
        `outbox: ${channel} is failing (${error}); its deliveries wait and are retried, nothing is dropped`,
      );
      return;
    }
    state.failures += 1;
    state.error = error;
    state.probeDelay = Math.min(this.maxProbeMs, state.probeDelay * 2);
    state.nextProbe = now + state.probeDelay;
    if (now - state.lastLog >= this.summaryMs) {
      state.lastLog = now;
      this.log(
        'warn',
        `outbox: ${channel} still failing after ${Math.round((now - state.since) / 1000)} s ` +
          `(${state.failures} failed tries; last: ${error})`,
      );
    }
  }

  /** A send went through; returns true when this ends an outage (its deliveries are due again). */
  succeeded(channel: string): boolean {
    const state = this.down.get(channel);
    if (!state) return false;
    this.down.delete(channel);
    this.log(
      'info',
      `outbox: ${channel} is back after ${Math.round((this.now() - state.since) / 1000)} s ` +
        `(${state.failures} failed tries while it was down)`,
    );
    return true;
  }
}
