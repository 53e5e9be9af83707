import { randomBytes, randomUUID } from 'node:crypto';
import { retryDelayMs } from '../core/outbox/backoff.js';
import { deliveryIds, RANDOM_BYTES_PER_ID } from '../core/outbox/delivery-id.js';
import { FanOutRefused, type AudienceMember } from '../services/outbox/source.js';
import type { AppContext } from '../services/context.js';
import { publishEvent } from '../services/events/events.service.js';
import { keepPlaceIndex } from '../services/subscriptions/place-index.js';
import { onOutboxWrite, outboxWritten } from '../services/outbox/wake.js';
import { failedWith } from '../channels/channel.js';
import { deliveryRepository, failureColumns, type NewDelivery } from '../store/delivery.repository.js';
import { fanOutRepository, type FanOutLease } from '../store/fanout.repository.js';
import type { FanOutRow } from '../store/outbox-tables.js';
import { WorkLoop } from './work-loop.js';

export interface FanOutWorkerOptions {
  pollMs?: number;
  /** How long a claimed fan-out stays ours without progress; renewed with every batch. */
  leaseMs?: number;
  /** Wait after the first failed expansion; doubles after each further one, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long failed expansions are retried before the fan-out is marked failed for a person to see. */
  horizonMs?: number;
  /** How often, between fan-outs, the place index is brought up to date; 0 never. */
  placeIndexEveryMs?: number;
  log?: (level: 'warn' | 'error' | 'info', message: string) => void;
}

/**
 * Expands fan-out records into deliveries, a batch per transaction, each batch renewing the
 * worker's lease and adding to the record's counts. A worker that dies leaves its record to be
 * claimed again once the lease runs out; the resumed expansion starts over and the outbox's
 * unique key drops every delivery already written, so nobody is written twice. An expansion that
 * throws (the database went away, the audience query failed) waits with a growing back-off and is
 * tried again, so a publication is never left unsent by a passing fault; only after the retry
 * horizon is the fan-out marked failed, where a person sees it and can send it again.
 */
export class FanOutWorker {
  private readonly leaseMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly horizonMs: number;
  private readonly log: NonNullable<FanOutWorkerOptions['log']>;
  private readonly loop: WorkLoop;
  private unlisten: (() => void) | undefined;
  private readonly placeIndexEveryMs: number;
  private placeIndexNext = Number.NEGATIVE_INFINITY;
  private placeIndexReadAfter = Number.NEGATIVE_INFINITY;
  private placeIndexSeen: string | undefined;
  private placeIndexKept: Promise<void> | undefined;

  constructor(
    private readonly ctx: AppContext,
    options: FanOutWorkerOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5 * 60_000;
    this.horizonMs = options.horizonMs ?? ctx.config.outboxRetryHorizonMs;
    this.log = options.log ?? (() => undefined);
    this.placeIndexEveryMs = options.placeIndexEveryMs ?? 5_000;
    this.loop = new WorkLoop(
      () => this.runOnce(),
      options.pollMs ?? 1000,
      (err) => this.log('error', `fan-out: ${(err as Error).message}`),
    );
  }

  start(): void {
    this.unlisten = onOutboxWrite(this.ctx.db, () => setTimeout(() => this.loop.wake(), 20).unref());
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.unlisten?.();
    await this.loop.stop();
    await this.placeIndexKept;
  }

  /** Expands every waiting fan-out; returns how many were handled. */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  private lease(): FanOutLease {
    return { owner: randomUUID(), until: this.until() };
  }

  private until(): string {
    return new Date(this.ctx.clock.now().getTime() + this.leaseMs).toISOString();
  }

  async runOnce(): Promise<number> {
    const lease = this.lease();
    const fanout = await fanOutRepository.claim(
      this.ctx.db.kysely,
      this.ctx.clock.now().toISOString(),
      lease,
    );
    if (!fanout) {
      this.keepPlaceIndex();
      return 0;
    }
    // A large audience can take longer to work out than a lease lasts (a million places read before
    // the first batch): renewed on a timer as well as with each batch, so no other worker takes
    // over an expansion that is alive and starts it again.
    const renew = setInterval(() => {
      lease.until = this.until();
      fanOutRepository
        .renew(this.ctx.db.kysely, fanout.id, lease)
        .catch((err: unknown) =>
          this.log('warn', `fan-out: lease renewal failed: ${(err as Error).message}`),
        );
    }, this.leaseMs / 3);
    renew.unref();
    try {
      await this.expand(fanout, lease);
    } catch (err) {
      await this.failed(fanout, lease, err);
    } finally {
      clearInterval(renew);
    }
    return 1;
  }

  /**
   * Between fan-outs, brings this process's place index up to date, so that an alert's expansion
   * finds it current rather than reading a million places first (seconds before its first
   * delivery). Not awaited: a fan-out that comes meanwhile is claimed at once, and its residents
   * wait only for what is left of the read, behind its sirens and earlier recipients.
   */
  private keepPlaceIndex(): void {
    const now = performance.now();
    if (!this.placeIndexEveryMs || this.placeIndexKept || now < this.placeIndexNext) return;
    this.placeIndexNext = now + this.placeIndexEveryMs;
    // A patch takes milliseconds; reading every place again takes seconds of this process's and
    // the database's time, and during a bulk import every look finds more than a tenth changed.
    // So a full read waits ten times as long as the last one took, unless the subscribers have
    // stopped changing since the last look (the import is over: read now, before an alert comes).
    const mayRead = (version: string) => now >= this.placeIndexReadAfter || version === this.placeIndexSeen;
    this.placeIndexKept = keepPlaceIndex(this.ctx.db, mayRead)
      .then(({ version, did }) => {
        this.placeIndexSeen = version;
        if (did === 'read') this.placeIndexReadAfter = performance.now() + 10 * (performance.now() - now);
      })
      .catch((err: unknown) => this.log('warn', `fan-out: place index: ${(err as Error).message}`))
      .finally(() => {
        this.placeIndexKept = undefined;
      });
  }

  /** Back to waiting with a back-off, or failed for good once the horizon has passed. */
  private async failed(fanout: FanOutRow, lease: FanOutLease, err: unknown): Promise<void> {
    const now = this.ctx.clock.now();
    const since = fanout.retrying_since ?? now.toISOString();
    const db = this.ctx.db.kysely;
    const refused = err instanceof FanOutRefused;
    const fault = refused ? err.fault : failedWith(err);
    if (refused || now.getTime() - Date.parse(since) >= this.horizonMs) {
      const columns = failureColumns(
        refused
          ? fault
          : { reason: 'gave_up', params: { hours: Math.round(this.horizonMs / 3_600_000) }, cause: fault },
      );
      this.log('error', `fan-out ${fanout.id} failed: ${columns.last_error}`);
      await fanOutRepository.finish(db, fanout.id, lease, {
        status: 'failed',
        finished_at: now.toISOString(),
        ...columns,
      });
    } else {
      const next = new Date(
        now.getTime() + retryDelayMs(this.backoffMs, fanout.attempts, this.maxBackoffMs),
      ).toISOString();
      const columns = failureColumns(fault);
      this.log(
        'warn',
        `fan-out ${fanout.id}: try ${fanout.attempts} failed (${columns.last_error}); next at ${next}`,
      );
      await fanOutRepository.retryLater(db, fanout.id, lease, {
        next_attempt_at: next,
        retrying_since: since,
        ...columns,
      });
    }
    this.announce(fanout);
  }

  private async expand(fanout: FanOutRow, lease: FanOutLease): Promise<void> {
    const { ctx } = this;
    const source = ctx.sources.get(fanout.source_kind);
    if (!source) throw new Error(`no outbox source of kind ${fanout.source_kind} in this version`);
    // On PostgreSQL the next batch is written while the last one's is still in the database, so
    // the database's insert work (most of a large fan-out) runs on two cores, not one. SQLite has
    // one connection: its batches go one after another.
    const depth = ctx.db.engine === 'postgres' ? WRITES_AT_ONCE : 1;
    const writing = new Set<Promise<number | null>>();
    let lost = false;
    let failure: { err: unknown } | undefined;
    let matched = 0;
    try {
      for await (const batch of source.audience(ctx, fanout)) {
        if (failure) throw failure.err;
        if (lost) break;
        matched += batch.length;
        const write = this.write(fanout, lease, this.rows(fanout, batch), matched);
        writing.add(write);
        void write.then(
          (ours) => {
            writing.delete(write);
            if (ours === null) lost = true;
          },
          (err: unknown) => {
            writing.delete(write);
            failure ??= { err };
          },
        );
        if (writing.size >= depth) {
          const began = performance.now();
          await Promise.race(writing);
          // A batch blocks the process while it is written (on SQLite the writer also holds the one
          // connection): a pause of a fifth of the wait lets the dispatcher's sends move meanwhile —
          // an SMTP send needs several turns of the event loop — so the first people are reached
          // while the rest are still being written, not after.
          await new Promise((resolve) => setTimeout(resolve, Math.max(1, (performance.now() - began) / 5)));
        }
      }
      await Promise.all(writing);
      if (failure) throw failure.err;
    } catch (err) {
      // Nothing left running against the record when the caller marks it for a retry.
      await Promise.allSettled(writing);
      throw err;
    }
    if (lost) {
      this.log('warn', `fan-out ${fanout.id}: another worker took it over; stopping here`);
      return;
    }
    await fanOutRepository.finish(ctx.db.kysely, fanout.id, lease, {
      status: 'done',
      finished_at: ctx.clock.now().toISOString(),
      last_error: null,
    });
    this.announce(fanout);
  }

  /** One batch's delivery rows, with ids in time order (see core/outbox/delivery-id.ts). */
  private rows(fanout: FanOutRow, batch: readonly AudienceMember[]): NewDelivery[] {
    const at = this.ctx.clock.now();
    const now = at.toISOString();
    const ids = deliveryIds(at.getTime(), randomBytes(RANDOM_BYTES_PER_ID * batch.length));
    return batch.map((m, i) => ({
      id: ids[i]!,
      source_kind: fanout.source_kind,
      source_id: fanout.source_id,
      sequence: fanout.sequence,
      recipient_kind: m.recipientKind,
      recipient_id: m.recipientId,
      channel: m.channel,
      address: m.address,
      language: m.language,
      mode: fanout.mode,
      exercise_id: fanout.exercise_id,
      priority: fanout.priority,
      status: 'pending',
      next_attempt_at: now,
      created_at: now,
    }));
  }

  /**
   * Writes a batch and its progress in one transaction, renewing the lease; how many rows were new,
   * or null when the record is no longer ours (nothing of the batch is then kept).
   */
  private async write(
    fanout: FanOutRow,
    lease: FanOutLease,
    rows: NewDelivery[],
    matched: number,
  ): Promise<number | null> {
    const { ctx } = this;
    lease.until = this.until();
    const ours = await ctx.db.kysely
      .transaction()
      .execute(async (trx) => {
        const written = await deliveryRepository.insertMany(trx, ctx.db.engine, rows);
        if (!(await fanOutRepository.progress(trx, fanout.id, lease, { matched, written })))
          throw new LostLease();
        return written;
      })
      .catch((err: unknown) => {
        if (err instanceof LostLease) return null;
        throw err;
      });
    if (ours === null) return null;
    if (ours > 0) void outboxWritten(ctx.db);
    this.announce(fanout);
    return ours;
  }

  /** Tells live screens a fan-out moved (coalesced by publishEvent). */
  private announce(fanout: FanOutRow): void {
    publishEvent(this.ctx, { type: 'outbox.changed', payload: { fanout: fanout.id } }).catch((err: unknown) =>
      this.log('warn', `fan-out: could not announce progress: ${(err as Error).message}`),
    );
  }
}

class LostLease extends Error {}

/** Batches written at once on PostgreSQL: one in the database while the next is prepared and sent. */
const WRITES_AT_ONCE = 2;
