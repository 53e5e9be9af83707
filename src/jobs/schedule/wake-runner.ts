import { randomUUID } from 'node:crypto';
import type { Db } from '../../store/db.js';
import type { WakeRow } from '../../store/schema.js';
import { wakeRepository, type WakeLease } from '../../store/wake.repository.js';
import { checkTopic, wakeRetryDelay, type HandleOptions, type WakeHandler } from './scheduler.js';

export interface WakeRunnerOptions {
  /** How long a claimed wake stays ours without renewal; a dead process's claims return after it. */
  leaseMs?: number;
  /** Wait after a handler's first failure; doubles after each further one. */
  retryBaseMs?: number;
  /** The longest wait between tries; a failing wake is retried at this pace for ever. */
  retryMaxMs?: number;
  /** How long done and cancelled wakes are kept (for screens and inquiries) before they are deleted. */
  retentionMs?: number;
  clock?: { now(): Date };
  onError?: (err: unknown, where: string) => void;
}

/**
 * What both adapters share once a wake is claimed: the topic's handler, the lease kept alive while
 * it runs, and the outcome written only while this holder still holds the same generation.
 */
export class WakeRunner {
  readonly owner = randomUUID();
  readonly leaseMs: number;
  readonly clock: { now(): Date };
  readonly onError: (err: unknown, where: string) => void;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly retentionMs: number;
  private lastPrune = 0;
  private readonly handlers = new Map<
    string,
    { handler: WakeHandler<unknown>; laneOf?: (key: string) => string }
  >();
  /** Per lane (HandleOptions.laneOf), the end of the last handler started in it. */
  private readonly lanes = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    options: WakeRunnerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.retryMaxMs = options.retryMaxMs ?? 5 * 60_000;
    this.retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000;
    this.clock = options.clock ?? { now: () => new Date() };
    this.onError = options.onError ?? (() => undefined);
  }

  handle<P>(topic: string, handler: WakeHandler<P>, options: HandleOptions = {}): void {
    checkTopic(topic);
    if (this.handlers.has(topic)) throw new Error(`wake topic ${topic} already has a handler`);
    this.handlers.set(topic, {
      handler: handler as WakeHandler<unknown>,
      ...(options.laneOf ? { laneOf: options.laneOf } : {}),
    });
  }

  topics(): string[] {
    return [...this.handlers.keys()];
  }

  has(topic: string): boolean {
    return this.handlers.has(topic);
  }

  get running(): number {
    return this.inFlight.size;
  }

  lease(now = this.clock.now()): WakeLease {
    return { owner: this.owner, until: new Date(now.getTime() + this.leaseMs).toISOString() };
  }

  startHeartbeat(): void {
    this.heartbeat ??= setInterval(() => void this.renewLeases(), this.leaseMs / 3);
    this.heartbeat.unref();
  }

  /** Waits for every running handler, then stops renewing leases. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight.values()]);
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  /** Deletes old finished wakes, at most once an hour per process. */
  async housekeeping(now: Date): Promise<void> {
    if (now.getTime() - this.lastPrune < 3_600_000) return;
    this.lastPrune = now.getTime();
    await wakeRepository.prune(this.db.kysely, new Date(now.getTime() - this.retentionMs).toISOString());
  }

  /**
   * Runs a claimed wake in the background; `settled` is called when it is over, whatever happened,
   * with the time of its next try (epoch ms) if the handler failed.
   */
  launch(row: WakeRow, settled: (retryAt: number | undefined) => void): Promise<void> {
    let retryAt: number | undefined;
    const run = this.execute(row)
      .then((at) => void (retryAt = at))
      .catch((err: unknown) => this.onError(err, `wake ${row.topic} ${row.key}`))
      .finally(() => {
        this.inFlight.delete(row.id);
        settled(retryAt);
      });
    this.inFlight.set(row.id, run);
    return run;
  }

  /**
   * Claims up to `limit` wakes of this runner's topics due at `now` (earliest first, skipping rows
   * another scheduler holds) and launches each; returns how many it claimed.
   */
  async claimAndLaunch(
    limit: number,
    now: Date,
    settled: (retryAt: number | undefined) => void,
  ): Promise<number> {
    const rows = await wakeRepository.claimDue(
      this.db.kysely,
      this.db.engine,
      this.topics(),
      limit,
      now.toISOString(),
      this.lease(now),
    );
    for (const row of rows) void this.launch(row, settled);
    return rows.length;
  }

  /** One try; resolves to the next try's time when the handler failed. */
  private async execute(row: WakeRow): Promise<number | undefined> {
    const declared = this.handlers.get(row.topic);
    if (!declared) throw new Error(`no handler for wake topic ${row.topic}`);
    let failure: unknown;
    let ok = true;
    const call = () =>
      declared.handler({
        topic: row.topic,
        key: row.key,
        at: new Date(row.at),
        generation: row.generation,
        payload: JSON.parse(row.payload) as unknown,
        attempt: row.attempts,
      });
    try {
      await this.inLane(declared.laneOf ? `${row.topic}\n${declared.laneOf(row.key)}` : null, call);
    } catch (err) {
      ok = false;
      failure = err;
    }
    const now = this.clock.now();
    if (ok) {
      await wakeRepository.complete(this.db.kysely, row, this.owner, now.toISOString());
      return undefined;
    }
    const message = failure instanceof Error ? failure.message : String(failure);
    this.onError(failure, `wake ${row.topic} ${row.key} try ${row.attempts}`);
    const at = new Date(now.getTime() + wakeRetryDelay(row.attempts, this.retryBaseMs, this.retryMaxMs));
    await wakeRepository.retryLater(
      this.db.kysely,
      row,
      this.owner,
      at.toISOString(),
      message,
      now.toISOString(),
    );
    return at.getTime();
  }

  /** Runs `work` after whatever was started before it in the same lane (at once with no lane). */
  private inLane<T>(lane: string | null, work: () => Promise<T>): Promise<T> {
    if (lane === null) return work();
    const before = this.lanes.get(lane) ?? Promise.resolve();
    const mine = before.then(work, work);
    const end = mine.catch(() => undefined);
    this.lanes.set(lane, end);
    // The lane is forgotten once its last handler is over, so the map holds only lanes in use.
    void end.then(() => {
      if (this.lanes.get(lane) === end) this.lanes.delete(lane);
    });
    return mine;
  }

  private async renewLeases(): Promise<void> {
    try {
      await wakeRepository.extendLease(this.db.kysely, [...this.inFlight.keys()], this.lease());
    } catch (err) {
      this.onError(err, 'wake lease renewal');
    }
  }
}
