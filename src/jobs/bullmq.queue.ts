import { Queue, Worker, type Job, type JobsOptions } from 'bullmq';
import {
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

export interface BullQueueOptions {
  /** Namespace of every Redis key; tests give each run its own. */
  prefix?: string;
  /** How long completed jobs (and so their ids' de-duplication) are kept. */
  retentionMs?: number;
  onError?: (err: unknown, where: string) => void;
}

interface Definition {
  queue: Queue;
  handler: JobHandler<unknown>;
  policy: RetryPolicy;
  worker?: Worker;
}

/**
 * Jobs in Redis through BullMQ, for Dabyl scaled out over several processes: one BullMQ queue
 * (and, when processing, one worker) per job name, so each name has its own concurrency and its
 * own counts. BullMQ's job id is the de-duplication key, as in the embedded adapter.
 */
export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq';
  private readonly defs = new Map<string, Definition>();
  private readonly prefix: string;
  private readonly retentionSeconds: number;
  private readonly onError: (err: unknown, where: string) => void;
  private started = false;

  constructor(
    private readonly url: string,
    options: BullQueueOptions = {},
  ) {
    this.prefix = options.prefix ?? 'dabyl';
    this.retentionSeconds = Math.round((options.retentionMs ?? 7 * 24 * 3_600_000) / 1000);
    this.onError = options.onError ?? (() => undefined);
  }

  /** BullMQ's workers block on Redis and must never give up a command, hence no retry limit. */
  private connection() {
    return { url: this.url, maxRetriesPerRequest: null };
  }

  define<P>(name: string, handler: JobHandler<P>, policy: RetryPolicy): void {
    checkJobName(name);
    checkPolicy(name, policy);
    if (this.defs.has(name)) throw new Error(`job ${name} is already defined`);
    const queue = new Queue(name, {
      connection: this.connection(),
      prefix: this.prefix,
      defaultJobOptions: {
        attempts: policy.attempts,
        backoff: { type: policy.backoff.type, delay: policy.backoff.delayMs },
        removeOnComplete: { age: this.retentionSeconds },
        // Failed jobs are the dead-letter list; a person retries or discards them.
        removeOnFail: false,
      },
    });
    queue.on('error', (err) => this.onError(err, `queue ${name}`));
    const def: Definition = { queue, handler: handler as JobHandler<unknown>, policy };
    this.defs.set(name, def);
    if (this.started) this.startWorker(name, def);
  }

  async enqueue<P>(name: string, payload: P, options?: EnqueueOptions): Promise<string> {
    const job = await this.queueOf(name).add(name, payload, this.jobOptions(options));
    return job.id as string;
  }

  async enqueueBulk(jobs: readonly BulkJob[]): Promise<string[]> {
    const byName = new Map<string, number[]>();
    jobs.forEach((j, i) => byName.set(j.name, [...(byName.get(j.name) ?? []), i]));
    const ids: string[] = new Array<string>(jobs.length);
    for (const [name, indexes] of byName) {
      const added = await this.queueOf(name).addBulk(
        indexes.map((i) => {
          const j = jobs[i] as BulkJob;
          return { name, data: j.payload, opts: this.jobOptions(j.options) };
        }),
      );
      added.forEach((job, k) => (ids[indexes[k] as number] = job.id as string));
    }
    return ids;
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const [name, def] of this.defs) this.startWorker(name, def);
  }

  async stop(): Promise<void> {
    this.started = false;
    const defs = [...this.defs.values()];
    // Workers first: close() lets running handlers finish before the connections go.
    await Promise.all(defs.map((d) => d.worker?.close()));
    await Promise.all(defs.map((d) => d.queue.close()));
    for (const d of defs) delete d.worker;
  }

  async stats(): Promise<Record<string, JobCounts>> {
    const out: Record<string, JobCounts> = {};
    for (const [name, def] of this.defs) {
      const c = await def.queue.getJobCounts(
        'waiting',
        'prioritized',
        'active',
        'delayed',
        'failed',
        'completed',
      );
      out[name] = {
        ...emptyCounts(),
        waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        delayed: c.delayed ?? 0,
        failed: c.failed ?? 0,
        completed: c.completed ?? 0,
      };
    }
    return out;
  }

  async failed(name: string, limit = 100): Promise<FailedJob[]> {
    const jobs = (await this.queueOf(name).getFailed(0, limit - 1)) as Job[];
    return jobs.map((j) => ({
      id: j.id as string,
      name,
      payload: j.data as unknown,
      attempts: j.attemptsMade,
      error: j.failedReason ?? '',
      failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
    }));
  }

  async retry(jobId: string): Promise<boolean> {
    for (const def of this.defs.values()) {
      const job = (await def.queue.getJob(jobId)) as Job | undefined;
      if (job && (await job.isFailed())) {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return true;
      }
    }
    return false;
  }

  private queueOf(name: string): Queue {
    const def = this.defs.get(name);
    if (!def) throw new Error(`job ${name} is not defined`);
    return def.queue;
  }

  private jobOptions(options: EnqueueOptions | undefined): JobsOptions {
    if (options?.jobId !== undefined) checkJobId(options.jobId);
    const delay = startDelay(options, Date.now());
    return { ...(options?.jobId ? { jobId: options.jobId } : {}), ...(delay ? { delay } : {}) };
  }

  private startWorker(name: string, def: Definition): void {
    const worker = new Worker(
      name,
      (job: Job) => def.handler(job.data, { id: job.id as string, name, attempt: job.attemptsStarted }),
      { connection: this.connection(), prefix: this.prefix, concurrency: def.policy.concurrency },
    );
    worker.on('error', (err) => this.onError(err, `worker ${name}`));
    def.worker = worker;
  }
}
