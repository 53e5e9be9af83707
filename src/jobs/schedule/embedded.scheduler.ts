import type { Db } from '../../store/db.js';
import { wakeRepository } from '../../store/wake.repository.js';
import type { HandleOptions, Scheduler, WakeHandler } from './scheduler.js';
import { WakeRunner, type WakeRunnerOptions } from './wake-runner.js';
import { WakeSignal } from './wake-signal.js';

export interface EmbeddedSchedulerOptions extends WakeRunnerOptions {
  /** Longest sleep between looks; this is how bookings made by other processes are found. */
  pollMs?: number;
  /** Handlers running at once in this process. */
  concurrency?: number;
}

/**
 * Wakes kept in the application database with one timer per process, armed for the earliest
 * pending wake (never one timer per wake). A booking in this process re-arms it at once, a committed
 * booking of another process reaches it as a PostgreSQL NOTIFY, and a poll every `pollMs` is the
 * safety net. A due wake is claimed by a conditional UPDATE with a
 * short lease, so a dead process's claims come back within seconds and two schedulers never run the
 * same wake. Never early: the claim compares `at` with the clock, and a timer that fires a little
 * early finds nothing due and re-arms for the remainder.
 */
export class EmbeddedScheduler implements Scheduler {
  readonly kind = 'embedded';
  private readonly runner: WakeRunner;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private armedAt = Infinity;
  /** The earliest hint that arrived during a poll, armed when the poll ends. */
  private hintAt = Infinity;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private lastReclaim = 0;
  /** The last look claimed all it had room for: more may be due than fit. */
  private saturated = false;
  private readonly signal: WakeSignal;

  constructor(
    private readonly db: Db,
    options: EmbeddedSchedulerOptions = {},
  ) {
    this.runner = new WakeRunner(db, options);
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 32;
    this.signal = new WakeSignal(db, {
      // A booking's own time arms the timer; a commit elsewhere (no time) means "look now".
      booked: (at) => (at ? this.armAt(at.getTime()) : this.wake()),
      onError: this.runner.onError,
    });
  }

  handle<P>(topic: string, handler: WakeHandler<P>, options?: HandleOptions): void {
    this.runner.handle(topic, handler, options);
    this.nudge();
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.signal.start();
    this.runner.startHeartbeat();
    this.wake();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.signal.stop();
    clearTimeout(this.timer);
    await this.polling;
    await this.runner.drain();
  }

  nudge(): void {
    this.wake();
  }

  private now(): number {
    return this.runner.clock.now().getTime();
  }

  private settled(retryAt: number | undefined): void {
    if (retryAt !== undefined) this.armAt(retryAt);
    if (this.saturated && this.runner.running <= this.concurrency / 2) this.wake();
  }

  /** Makes sure a look happens no later than `at` (epoch ms). */
  private armAt(at: number): void {
    if (!this.started) return;
    if (this.polling) {
      if (at <= this.now()) this.pollAgain = true;
      else this.hintAt = Math.min(this.hintAt, at);
      return;
    }
    if (at >= this.armedAt) return;
    clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(() => this.wake(), Math.max(0, at - this.now()));
    this.timer.unref();
  }

  /** Runs a look now, or right after the one in progress; never two at once. */
  private wake(): void {
    if (!this.started) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.armedAt = Infinity;
    this.polling = this.poll()
      .catch((err: unknown) => {
        this.runner.onError(err, 'wake poll');
        return this.pollMs;
      })
      .then((sleepMs) => {
        this.polling = undefined;
        if (!this.started) return;
        if (this.pollAgain) {
          this.pollAgain = false;
          this.wake();
          return;
        }
        const at = Math.min(this.now() + sleepMs, this.hintAt);
        this.hintAt = Infinity;
        this.armAt(at);
      });
  }

  /** Claims what is due (as many as there is room for), starts it, and returns how long to sleep. */
  private async poll(): Promise<number> {
    const now = this.runner.clock.now();
    const kysely = this.db.kysely;
    if (now.getTime() - this.lastReclaim >= Math.min(this.runner.leaseMs / 3, 5000)) {
      this.lastReclaim = now.getTime();
      await wakeRepository.reclaimExpired(kysely, now.toISOString());
      await this.runner.housekeeping(now);
    }
    const topics = this.runner.topics();
    const room = this.concurrency - this.runner.running;
    const claimed = await this.runner.claimAndLaunch(room, now, (retryAt) => this.settled(retryAt));
    // With more due than fit, finishing handlers make room: look again once half of it is free.
    this.saturated = room > 0 && claimed === room;
    const next = await wakeRepository.nextDue(kysely, topics);
    let sleep = this.pollMs;
    if (next !== undefined) {
      const wait = Date.parse(next) - this.now();
      // Due but not claimed: held by another scheduler's SKIP LOCKED, or no room (then a finish wakes us).
      if (wait > 0) sleep = Math.min(sleep, wait);
      else if (!this.saturated) sleep = Math.min(sleep, 10);
    }
    return sleep;
  }
}
