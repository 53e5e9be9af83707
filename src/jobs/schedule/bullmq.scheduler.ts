import { Queue, Worker, type Job } from 'bullmq';
import type { Db } from '../../store/db.js';
import type { WakeRow } from '../../store/schema.js';
import { wakeRepository } from '../../store/wake.repository.js';
import type { HandleOptions, Scheduler, WakeHandler } from './scheduler.js';
import { WakeRunner, type WakeRunnerOptions } from './wake-runner.js';
import { WakeSignal } from './wake-signal.js';

export interface BullSchedulerOptions extends WakeRunnerOptions {
  /** Namespace of every Redis key; tests give each run its own. */
  prefix?: string;
  /** Longest sleep of the relay between looks for bookings made by other processes. */
  pollMs?: number;
  /** Handlers running at once in this process (the BullMQ worker's concurrency). */
  concurrency?: number;
}

/** What a queued wake-up carries: which try of which booking it is for, and when that is due. */
interface WakeJobData {
  id: string;
  generation: number;
  at: string;
}

const QUEUE = 'wakes';
const PAGE = 500;
/** Overdue this long and still pending: its queue job may be lost (Redis flushed), so push again. */
const OVERDUE_MS = 5000;
const SWEEP_EVERY_MS = 10_000;
/** Wakes one of this process's own timers claims at once, as the embedded scheduler claims them. */
const LOCAL_CLAIM = 32;
/** The longest delay a Node.js timer keeps; a wake further off is left to its queued job alone. */
const LOCAL_HORIZON_MS = 2 ** 31 - 1;

/** One BullMQ job per booking and try; the same try pushed twice is one job while it waits. */
export const wakeJobId = (row: Pick<WakeRow, 'id' | 'generation' | 'attempts'>): string =>
  `${row.id}.${row.generation}.${row.attempts}`;

/**
 * Wakes whose timers are BullMQ delayed jobs, for Dabyl scaled out on Redis. The database row stays
 * the truth: a job only tells a worker "look at wake W, generation G", and the worker claims the row
 * with the same conditional UPDATE as the embedded scheduler, so a superseded, cancelled or already
 * run wake does nothing. Bookings are written inside the caller's transaction, so a job can only be
 * pushed after commit: a relay pushes pending rows not yet in Redis (nudged by bookings in this
 * process and, on PostgreSQL, by every committed booking's NOTIFY; polling for the rest), and on start pushes every pending row again, so overdue wakes run
 * at once after a restart and wakes lost from Redis come back.
 *
 * A delayed job reached a worker 100–280 ms after its time on a busy two-core machine
 * (bench/inject-timing-scaled.bench.ts), which an inject's player would feel. So the process that
 * pushes a wake also sets a timer of its own for the wake's instant, one per instant, that claims
 * what is due then as the embedded scheduler does (decision 0054); the job stays the durable way
 * in, for a process that died or a wake beyond a timer's reach, and finds the wake claimed otherwise.
 */
export class BullScheduler implements Scheduler {
  readonly kind = 'bullmq';
  private readonly runner: WakeRunner;
  private readonly prefix: string;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private queue: Queue | undefined;
  private worker: Worker | undefined;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private relaying: Promise<void> | undefined;
  private relayAgain = false;
  private lastSweep = 0;
  private readonly signal: WakeSignal;
  /** This process's own timers, by the instant (epoch ms) they claim at. */
  private readonly localTimers = new Map<number, NodeJS.Timeout>();
  /** Claims of those timers under way: stopping waits for them, so none launches a wake after. */
  private readonly localClaims = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly url: string,
    options: BullSchedulerOptions = {},
  ) {
    this.runner = new WakeRunner(db, options);
    this.prefix = options.prefix ?? 'dabyl';
    this.pollMs = options.pollMs ?? 1000;
    this.concurrency = options.concurrency ?? 32;
    this.signal = new WakeSignal(db, { booked: () => this.relay(), onError: this.runner.onError });
  }

  /** BullMQ's workers block on Redis and must never give up a command, hence no retry limit. */
  private connection() {
    return { url: this.url, maxRetriesPerRequest: null };
  }

  handle<P>(topic: string, handler: WakeHandler<P>, options?: HandleOptions): void {
    this.runner.handle(topic, handler, options);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const queue = new Queue(QUEUE, {
      connection: this.connection(),
      prefix: this.prefix,
      // A job is only a wake-up call: once it ran (or failed), the row knows the rest, and the sweep
      // of overdue rows can push a lost one again under the same id.
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    queue.on('error', (err) => this.runner.onError(err, 'wake queue'));
    this.queue = queue;
    const worker = new Worker(QUEUE, (job: Job<WakeJobData>) => this.process(job), {
      connection: this.connection(),
      prefix: this.prefix,
      concurrency: this.concurrency,
    });
    worker.on('error', (err) => this.runner.onError(err, 'wake worker'));
    this.worker = worker;
    this.runner.startHeartbeat();
    await this.signal.start();
    // Everything pending, once: what Redis lost comes back, what it still has is not doubled.
    await this.push({ all: true });
    this.relay();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.signal.stop();
    clearTimeout(this.timer);
    for (const timer of this.localTimers.values()) clearTimeout(timer);
    this.localTimers.clear();
    await Promise.all(this.localClaims);
    await this.relaying;
    // close() lets running jobs (and so their handlers) finish first.
    await this.worker?.close();
    await this.runner.drain();
    await this.queue?.close();
  }

  nudge(): void {
    this.relay();
  }

  /** One wake-up: wait out any early firing, then claim the row if it is still this generation. */
  private async process(job: Job<WakeJobData>): Promise<void> {
    const { id, generation, at } = job.data;
    if (!this.runner.has(job.name)) {
      // A process without this topic's handler (a mixed deployment): leave the row pending; the
      // sweep of overdue rows pushes it again for a process that has one.
      this.runner.onError(new Error(`no handler for wake topic ${job.name}`), 'wake worker');
      return;
    }
    const early = Date.parse(at) - this.runner.clock.now().getTime();
    if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
    const now = this.runner.clock.now();
    const row = await wakeRepository.claimOne(
      this.db.kysely,
      id,
      generation,
      now.toISOString(),
      this.runner.lease(now),
    );
    // Superseded, cancelled, done, or claimed by another worker: nothing to do.
    if (!row) return;
    // A failed handler leaves the row pending with a new try, which the relay pushes.
    await this.runner.launch(row, () => this.relay());
  }

  /** A timer of this process for `atMs`, unless one is set for that instant or it is too far off. */
  private armLocal(atMs: number): void {
    if (!this.started || this.localTimers.has(atMs)) return;
    const delay = atMs - this.runner.clock.now().getTime();
    if (delay > LOCAL_HORIZON_MS) return;
    const timer = setTimeout(
      () => {
        this.localTimers.delete(atMs);
        const claim = this.claimLocal(atMs).finally(() => this.localClaims.delete(claim));
        this.localClaims.add(claim);
      },
      Math.max(0, delay),
    );
    timer.unref();
    this.localTimers.set(atMs, timer);
  }

  /** Claims and runs what is due at `atMs`; a timer that fired before it by the clock waits again. */
  private async claimLocal(atMs: number): Promise<void> {
    if (!this.started) return;
    const now = this.runner.clock.now();
    if (now.getTime() < atMs) return this.armLocal(atMs);
    try {
      await this.runner.claimAndLaunch(LOCAL_CLAIM, now, () => this.relay());
    } catch (err) {
      this.runner.onError(err, 'wake timer');
    }
  }

  /** Runs a relay pass now, or right after the one in progress; never two at once. */
  private relay(): void {
    if (!this.started) return;
    if (this.relaying) {
      this.relayAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.relaying = this.relayPass()
      .catch((err: unknown) => this.runner.onError(err, 'wake relay'))
      .then(() => {
        this.relaying = undefined;
        if (!this.started) return;
        if (this.relayAgain) {
          this.relayAgain = false;
          this.relay();
          return;
        }
        this.timer = setTimeout(() => this.relay(), this.pollMs);
        this.timer.unref();
      });
  }

  private async relayPass(): Promise<void> {
    const now = this.runner.clock.now();
    await wakeRepository.reclaimExpired(this.db.kysely, now.toISOString());
    await this.runner.housekeeping(now);
    await this.push({});
    if (now.getTime() - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = now.getTime();
      await this.push({ dueBefore: new Date(now.getTime() - OVERDUE_MS).toISOString() });
    }
  }

  /** Pushes pending rows to Redis page by page, then marks them pushed (unless they moved on). */
  private async push(options: { all?: boolean; dueBefore?: string }): Promise<void> {
    const queue = this.queue;
    if (!queue) return;
    let afterId = '';
    for (;;) {
      const rows = await wakeRepository.toPush(this.db.kysely, PAGE, { ...options, afterId });
      if (!rows.length) return;
      const now = Date.now();
      await queue.addBulk(
        rows.map((r) => ({
          name: r.topic,
          data: { id: r.id, generation: r.generation, at: r.at } satisfies WakeJobData,
          opts: { jobId: wakeJobId(r), delay: Math.max(0, Date.parse(r.at) - now) },
        })),
      );
      await wakeRepository.markPushed(this.db.kysely, rows);
      for (const r of rows) this.armLocal(Date.parse(r.at));
      if (rows.length < PAGE) return;
      afterId = (rows[rows.length - 1] as WakeRow).id;
    }
  }
}
