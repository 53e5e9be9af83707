/**
 * The jobs port. Everything that runs later or elsewhere (inject firing, outbox dispatch, alert
 * fan-out, housekeeping) goes through this interface; the embedded adapter keeps jobs in the
 * application database, the BullMQ adapter keeps them in Redis. A job only wakes code: its handler
 * changes state with a conditional write, so running it twice is harmless and running it once is
 * what the queue promises.
 */

/** How a job kind retries and how many of it one process runs at the same time. */
export interface RetryPolicy {
  /** Total tries, the first included; after the last one the job lands in the dead-letter list. */
  readonly attempts: number;
  /** Wait before try n+1: `delayMs` (fixed) or `delayMs * 2^(n-1)` (exponential). */
  readonly backoff: { readonly type: 'exponential' | 'fixed'; readonly delayMs: number };
  /** Handlers of this name running at once in one queue instance. */
  readonly concurrency: number;
}

/** What a handler learns about the run it is part of. */
export interface JobRun {
  readonly id: string;
  readonly name: string;
  /** 1 on the first try. */
  readonly attempt: number;
}

/** Resolves when the work is done; a throw (or rejection) counts as a failed attempt. */
export type JobHandler<P = unknown> = (payload: P, run: JobRun) => Promise<void>;

export interface EnqueueOptions {
  /** Makes enqueue idempotent: while a job with this id is known, enqueueing it again does nothing. */
  readonly jobId?: string;
  /** Earliest start, relative to now. */
  readonly delayMs?: number;
  /** Earliest start, absolute; wins over `delayMs`. */
  readonly runAt?: Date;
}

export interface BulkJob<P = unknown> {
  readonly name: string;
  readonly payload: P;
  readonly options?: EnqueueOptions;
}

/** Counts for one job name; `delayed` holds jobs waiting for their time, retries included. */
export interface JobCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** A job that used up its attempts: the dead-letter list a person can act on. */
export interface FailedJob {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly error: string;
  readonly failedAt: Date | null;
}

/** The queue contract both adapters meet; `queue.contract.ts` is its executable form. */
export interface JobQueue {
  readonly kind: 'embedded' | 'bullmq';
  /**
   * Declares a job kind. Every process defines the same jobs at start-up, processing or not, so
   * that enqueueing an unknown name fails loudly instead of leaving a job nobody will ever run.
   */
  define<P>(name: string, handler: JobHandler<P>, policy: RetryPolicy): void;
  /** Stores a job and returns its id (the given `jobId`, or a generated one). */
  enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<string>;
  /** Many jobs in one round trip; ids in the order given. */
  enqueueBulk(jobs: readonly BulkJob[]): Promise<string[]>;
  /** Begins processing defined jobs; only the `worker` and `all` roles call it. */
  start(): Promise<void>;
  /**
   * Stops taking jobs and waits for running handlers to finish, then lets go of connections; the
   * application database stays open (its owner closes it). Open a new queue rather than restarting.
   */
  stop(): Promise<void>;
  /** Counts per defined job name. */
  stats(): Promise<Record<string, JobCounts>>;
  /** The dead-letter list of one job name, most recent first. */
  failed(name: string, limit?: number): Promise<FailedJob[]>;
  /** Puts a dead-lettered job back to run again with fresh attempts; false if no such failed job. */
  retry(jobId: string): Promise<boolean>;
}

const NAME = /^[a-z][a-z0-9._-]{0,99}$/;

/** Job names are queue names in Redis too, so both adapters accept only this safe shape. */
export function checkJobName(name: string): void {
  if (!NAME.test(name)) throw new Error(`job name "${name}" must match ${NAME.source}`);
}

/**
 * BullMQ refuses ids with `:` (its key separator) and all-digit ids (its own counter's space); the
 * embedded adapter refuses them too so that code written against one runs on the other.
 */
export function checkJobId(id: string): void {
  if (id === '' || id.length > 200 || id.includes(':') || /^\d+$/.test(id)) {
    throw new Error(`job id "${id}" must be 1–200 characters, not all digits, without ":"`);
  }
}

export function checkPolicy(name: string, policy: RetryPolicy): void {
  const ok =
    Number.isInteger(policy.attempts) &&
    policy.attempts >= 1 &&
    Number.isInteger(policy.concurrency) &&
    policy.concurrency >= 1 &&
    policy.backoff.delayMs >= 0;
  if (!ok) throw new Error(`job ${name}: attempts and concurrency must be ≥ 1, backoff delay ≥ 0`);
}

/** Wait before the try after failed try number `attempt` (1-based); the same formula as BullMQ's. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const { type, delayMs } = policy.backoff;
  return type === 'fixed' ? delayMs : Math.round(delayMs * 2 ** (attempt - 1));
}

/** Milliseconds from now until the job may start. */
export function startDelay(options: EnqueueOptions | undefined, now: number): number {
  if (options?.runAt) return Math.max(0, options.runAt.getTime() - now);
  return Math.max(0, options?.delayMs ?? 0);
}

export const emptyCounts = (): JobCounts => ({ waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 });
