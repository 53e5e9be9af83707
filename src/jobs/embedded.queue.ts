import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.js';
import { jobRepository } from '../store/job.repository.js';
import type { JobRow } from '../store/schema.js';
import {
  backoffDelay,
  checkJobId,
  checkJobName,
  checkPolicy,
  emptyCounts,
  startDelay,
  type BulkJob,
  type EnqueueOptions,
  type FailedJob,
  type JobCounts,
  type JobHandler,
  type JobQueue,
  type RetryPolicy,
} from './queue.js';

export interface EmbeddedQueueOptions {
  /** Longest sleep between polls; enqueues and finished jobs in this process wake it sooner. */
  pollMs?: number;
  /** How long a claimed job stays ours without a heartbeat before another poller may take it. */
  leaseMs?: number;
  /** How long completed jobs (and so their ids' de-duplication) are kept. */
  retentionMs?: number;
  clock?: { now(): Date };
  /** Where poller and bookkeeping errors go; the poller keeps going after them. */
  onError?: (err: unknown, where: string) => void;
}

interface Definition {
  handler: JobHandler<unknown>;
  policy: RetryPolicy;
}

const HOUR = 3_600_000;

/**
 * Jobs kept in the application database, so they survive restarts and need nothing but the
 * database. The state machine lives in conditional UPDATEs (see jobRepository): timers here only
 * decide when to look again, never what happens to a job.
 */
export class EmbeddedJobQueue implements JobQueue {
  readonly kind = 'embedded';
  private readonly defs = new Map<string, Definition>();
  private readonly running = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly owner = randomUUID();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly retentionMs: number;
  private readonly clock: { now(): Date };
  private readonly onError: (err: unknown, where: string) => void;
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAgain = false;
  private lastReclaim = 0;
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    options: EmbeddedQueueOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 1000;
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * HOUR;
    this.clock = options.clock ?? { now: () => new Date() };
    this.onError = options.onError ?? (() => undefined);
  }

  define<P>(name: string, handler: JobHandler<P>, policy: RetryPolicy): void {
    checkJobName(name);
    checkPolicy(name, policy);
    if (this.defs.has(name)) throw new Error(`job ${name} is already defined`);
    this.defs.set(name, { handler: handler as JobHandler<unknown>, policy });
    this.wake();
  }

  async enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<string> {
    const [id] = await this.enqueueBulk([{ name, payload, ...(options ? { options } : {}) }]);
    return id as string;
  }

  async enqueueBulk(jobs: readonly BulkJob[]): Promise<string[]> {
    const now = this.clock.now().getTime();
    const rows = jobs.map(({ name, payload, options }) => {
      if (!this.defs.has(name)) throw new Error(`job ${name} is not defined`);
      if (options?.jobId !== undefined) checkJobId(options.jobId);
      return {
        id: options?.jobId ?? randomUUID(),
        name,
        payload: JSON.stringify(payload ?? null),
        runAt: new Date(now + startDelay(options, now)).toISOString(),
      };
    });
    await jobRepository.insert(this.db.kysely, rows, new Date(now).toISOString());
    this.wake();
    return rows.map((r) => r.id);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.heartbeat = setInterval(() => void this.renewLeases(), this.leaseMs / 3);
    this.heartbeat.unref();
    this.wake();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    clearTimeout(this.timer);
    await this.polling;
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
    clearInterval(this.heartbeat);
  }

  async stats(): Promise<Record<string, JobCounts>> {
    const names = [...this.defs.keys()];
    const now = this.clock.now().toISOString();
    const { byStatus, delayed } = await jobRepository.counts(this.db.kysely, names, now);
    const out: Record<string, JobCounts> = Object.fromEntries(names.map((n) => [n, emptyCounts()]));
    for (const r of byStatus) {
      const counts = out[r.name];
      if (counts && r.status in counts) counts[r.status as keyof JobCounts] = Number(r.n);
    }
    for (const r of delayed) {
      const counts = out[r.name];
      if (counts) {
        counts.delayed = Number(r.n);
        counts.waiting -= counts.delayed;
      }
    }
    return out;
  }

  async failed(name: string, limit = 100): Promise<FailedJob[]> {
    const rows = await jobRepository.failed(this.db.kysely, name, limit);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      payload: JSON.parse(r.payload) as unknown,
      attempts: r.attempts,
      error: r.last_error ?? '',
      failedAt: r.finished_at ? new Date(r.finished_at) : null,
    }));
  }

  async retry(jobId: string): Promise<boolean> {
    const done = await jobRepository.retry(this.db.kysely, jobId, this.clock.now().toISOString());
    if (done) this.wake();
    return done;
  }

  /** Runs a poll now, or right after the one in progress; never two at once. */
  private wake(): void {
    if (!this.started) return;
    if (this.polling) {
      this.pollAgain = true;
      return;
    }
    clearTimeout(this.timer);
    this.polling = this.poll()
      .catch((err: unknown) => {
        this.onError(err, 'poll');
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
        this.timer = setTimeout(() => this.wake(), sleepMs);
        this.timer.unref();
      });
  }

  /** Claims what is due and has room, starts it, and returns how long to sleep. */
  private async poll(): Promise<number> {
    const now = this.clock.now();
    await this.housekeeping(now.getTime());
    const at = now.toISOString();
    const lease = { owner: this.owner, until: new Date(now.getTime() + this.leaseMs).toISOString() };
    const roomLeft: string[] = [];
    for (const [name, def] of this.defs) {
      if (!this.started) return this.pollMs;
      const room = def.policy.concurrency - (this.running.get(name) ?? 0);
      if (room <= 0) continue;
      const rows = await jobRepository.claim(this.db.kysely, this.db.engine, name, room, at, lease);
      for (const row of rows) this.launch(row, def);
      if (rows.length === room) this.pollAgain = true;
      else roomLeft.push(name);
    }
    const next = await jobRepository.nextRunAt(this.db.kysely, roomLeft);
    if (next === undefined) return this.pollMs;
    // A due job another poller holds row-locked shows up as "due now"; a short floor avoids spinning.
    return Math.min(this.pollMs, Math.max(10, Date.parse(next) - this.clock.now().getTime()));
  }

  private async housekeeping(now: number): Promise<void> {
    if (now - this.lastReclaim >= Math.min(this.leaseMs / 2, 10_000)) {
      this.lastReclaim = now;
      await jobRepository.reclaimExpired(this.db.kysely, new Date(now).toISOString());
    }
    if (now - this.lastPrune >= HOUR) {
      this.lastPrune = now;
      await jobRepository.prune(this.db.kysely, new Date(now - this.retentionMs).toISOString());
    }
  }

  private launch(row: JobRow, def: Definition): void {
    this.running.set(row.name, (this.running.get(row.name) ?? 0) + 1);
    const run = this.execute(row, def)
      .catch((err: unknown) => this.onError(err, `job ${row.name} ${row.id}`))
      .finally(() => {
        this.running.set(row.name, (this.running.get(row.name) ?? 1) - 1);
        this.inFlight.delete(row.id);
        this.wake();
      });
    this.inFlight.set(row.id, run);
  }

  /**
   * One attempt. Whatever the handler does, the outcome is written only if this process still
   * holds the job; if its lease was lost meanwhile, the write matches nothing and the job's new
   * holder decides.
   */
  private async execute(row: JobRow, def: Definition): Promise<void> {
    // Only a job reclaimed from a holder that died during its last attempt gets here.
    if (row.attempts > def.policy.attempts) {
      const at = this.clock.now().toISOString();
      return jobRepository.fail(
        this.db.kysely,
        row.id,
        this.owner,
        'holder stopped during the last attempt',
        at,
      );
    }
    let error: unknown;
    let ok = true;
    try {
      await def.handler(JSON.parse(row.payload), { id: row.id, name: row.name, attempt: row.attempts });
    } catch (err) {
      ok = false;
      error = err;
    }
    const now = this.clock.now();
    const at = now.toISOString();
    const kysely = this.db.kysely;
    if (ok) return jobRepository.complete(kysely, row.id, this.owner, at);
    const message = error instanceof Error ? error.message : String(error);
    if (row.attempts >= def.policy.attempts)
      return jobRepository.fail(kysely, row.id, this.owner, message, at);
    const runAt = new Date(now.getTime() + backoffDelay(def.policy, row.attempts)).toISOString();
    return jobRepository.reschedule(kysely, row.id, this.owner, runAt, message, at);
  }

  private async renewLeases(): Promise<void> {
    const until = new Date(this.clock.now().getTime() + this.leaseMs).toISOString();
    try {
      await jobRepository.extendLease(this.db.kysely, [...this.inFlight.keys()], {
        owner: this.owner,
        until,
      });
    } catch (err) {
      this.onError(err, 'lease renewal');
    }
  }
}
