import { randomUUID } from 'node:crypto';
import { ChannelError, failedWith, type Channel, type ChannelMessage } from '../channels/channel.js';
import { deliveryText, type DeliveryFault } from '../core/messages/messages.js';
import { markMessage } from '../channels/mark.js';
import { retryDelayMs } from '../core/outbox/backoff.js';
import {
  isMarked,
  trafficVerdict,
  type ExerciseFacts,
  type RecipientKind,
  type TrafficMode,
} from '../core/outbox/traffic.js';
import type { AppContext } from '../services/context.js';
import { publishEvent } from '../services/events/events.service.js';
import { onOutboxWrite } from '../services/outbox/wake.js';
import { contactGone } from '../services/subscriptions/contact-gone.js';
import { deliveryRepository, failureColumns, type DeliveryLease } from '../store/delivery.repository.js';
import { isPassingStoreFault } from '../store/passing-fault.js';
import type { DeliveryRow } from '../store/outbox-tables.js';
import { ChannelHealth } from './channel-health.js';
import { RenderBatches } from './render-batches.js';
import { SentOutcomes } from './sent-outcomes.js';
import { WorkLoop } from './work-loop.js';

export interface DispatcherOptions {
  /** Longest sleep between looks at the outbox; a write in this process wakes it at once. */
  pollMs?: number;
  /** How long a claim holds without renewal; renewed while its sends are under way. */
  leaseMs?: number;
  /** Deliveries claimed at a time, per channel. */
  batch?: number;
  /** Wait after the first failed try; doubles after each further one, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long temporary failures are retried before a delivery becomes a dead letter. */
  horizonMs?: number;
  /** Where problems go (a channel without configuration, an outage, a dead letter). */
  log?: (level: 'warn' | 'error' | 'info', message: string) => void;
}

interface ExerciseInfo extends ExerciseFacts {
  name: string;
}

/** A claim's sources, each loaded once, and its renders gathered per source for `prepare`. */
interface ClaimRenders {
  loaded: Map<string, Promise<unknown>>;
  batches: RenderBatches;
}

const FAR_FUTURE = '9999-12-31T23:59:59.999Z';
/** Batches whose outcomes may still be being written when the next is claimed. */
const UNRECORDED_BATCHES = 2;

/**
 * Sends the outbox. The database decides: a delivery is claimed by a conditional UPDATE under an
 * owner token with a short lease that is renewed while the sends run, and its outcome is written
 * only while that claim is still ours; a dispatcher that dies leaves its claim to run out in
 * seconds. Just before every send it applies what no caller may forget: the traffic verdict (NO
 * PLAY holds, rehearsal goes to the sink, nothing from an exercise leaves as actual) and the
 * exercise marking on every channel.
 */
export class OutboxDispatcher {
  private readonly leaseMs: number;
  /** When each channel's claims last looked for lapsed leases. */
  private readonly lapsedLookedAt = new Map<string, number>();
  private readonly batch: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly horizonMs: number;
  private readonly log: NonNullable<DispatcherOptions['log']>;
  private readonly loop: WorkLoop;
  private readonly health: ChannelHealth;
  private unlisten: (() => void) | undefined;
  private warnedUnconfigured = new Set<string>();
  private readonly sent: SentOutcomes;
  /** Batches whose sends are done and whose outcomes are being written. */
  private readonly recording = new Set<Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    options: DispatcherOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 15_000;
    this.batch = options.batch ?? 50;
    this.backoffMs = options.backoffMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10 * 60_000;
    this.horizonMs = options.horizonMs ?? ctx.config.outboxRetryHorizonMs;
    this.log = options.log ?? (() => undefined);
    this.sent = new SentOutcomes((outcomes) =>
      deliveryRepository.finishSent(this.ctx.db.kysely, this.ctx.db.engine, outcomes),
    );
    this.health = new ChannelHealth(this.log, () => this.ctx.clock.now().getTime());
    this.loop = new WorkLoop(
      () => this.step(),
      options.pollMs ?? 2000,
      (err) => this.log('error', `outbox: ${(err as Error).message}`),
    );
  }

  start(): void {
    // Deliveries are written inside their writer's transaction, so the nudge arrives before they
    // are visible to another connection: look now and once more shortly after.
    this.unlisten = onOutboxWrite(this.ctx.db, () => {
      setTimeout(() => this.loop.wake(), 20).unref();
      setTimeout(() => this.loop.wake(), 300).unref();
    });
    this.loop.start();
  }

  async stop(): Promise<void> {
    this.unlisten?.();
    await this.loop.stop();
    await this.recorded();
  }

  wake(): void {
    this.loop.wake();
  }

  /** Sends everything due now; returns how many deliveries were handled. */
  drain(): Promise<number> {
    return this.loop.drain();
  }

  /** One claim per channel (and the sink) and the sends it leads to, their outcomes written. */
  async runOnce(): Promise<number> {
    const n = await this.step();
    await this.recorded();
    return n;
  }

  /**
   * The loop's round: a batch's outcomes are still being written while the next batch is claimed
   * and sent (at most {@link UNRECORDED_BATCHES} batches behind), so a claim does not wait for the
   * last batch's commit. Once nothing is due, every outcome is written before the round ends.
   */
  private async step(): Promise<number> {
    const n = await this.claimRound();
    if (n === 0) await this.recorded();
    return n;
  }

  /** Until every batch's outcomes are written. */
  private async recorded(): Promise<void> {
    while (this.recording.size) await Promise.all(this.recording);
  }

  private async claimRound(): Promise<number> {
    let handled = 0;
    for (const channel of this.ctx.channels.byName.values()) {
      if (!channel.configured) {
        if (!this.warnedUnconfigured.has(channel.name)) {
          this.warnedUnconfigured.add(channel.name);
          this.log(
            'warn',
            `outbox: ${channel.name} deliveries wait: ${channel.notConfigured ? deliveryText('en', channel.notConfigured) : ''}`,
          );
        }
        continue;
      }
      // While a channel is down, one delivery at a time probes it; the rest wait without trying. A
      // channel of many peers is never down as a whole: each peer is, in deliver().
      const limit = channel.peerOf ? this.batch : this.health.allowance(channel.name, this.batch);
      if (limit === 0) continue;
      const n = await this.claimAndSend(channel, limit, this.health.isDown(channel.name));
      // Live screens follow the counts; publishEvent coalesces a busy dispatcher's announcements.
      if (n > 0)
        publishEvent(this.ctx, { type: 'outbox.changed', payload: { channel: channel.name } }).catch(
          (err: unknown) =>
            this.log('warn', `outbox: could not announce a change: ${(err as Error).message}`),
        );
      handled += n;
    }
    return handled;
  }

  /** `probe`: the channel was down; try the next delivery now, whatever its own back-off says. */
  private async claimAndSend(channel: Channel, limit: number, probe: boolean): Promise<number> {
    while (this.recording.size >= UNRECORDED_BATCHES) await Promise.race(this.recording);
    const now = this.ctx.clock.now();
    const lease: DeliveryLease = { owner: randomUUID(), until: this.leaseUntil() };
    const claimed = await deliveryRepository.claim(
      this.ctx.db.kysely,
      this.ctx.db.engine,
      channel.name,
      limit,
      now.toISOString(),
      lease,
      probe ? FAR_FUTURE : now.toISOString(),
      this.timeToLookForLapsed(channel.name, now.getTime()),
    );
    if (!claimed.length) return 0;
    const claimedIds = claimed.map((d) => d.id);
    const renew = setInterval(() => {
      lease.until = this.leaseUntil();
      deliveryRepository
        .renew(this.ctx.db.kysely, claimedIds, lease)
        .catch((err: unknown) => this.log('warn', `outbox: lease renewal failed: ${(err as Error).message}`));
    }, this.leaseMs / 3);
    renew.unref();
    const records: Promise<void>[] = [];
    let failure: unknown = null;
    try {
      const exercises = await this.exercises(claimed);
      const renders: ClaimRenders = { loaded: new Map(), batches: new RenderBatches(this.ctx) };
      const held = new Map<string, string[]>();
      await Promise.all(
        claimed.map((d) => this.deliver(channel, d, lease, exercises, renders, held, records)),
      );
      // Released only once the batch's sends are done: a probe in this batch that finds its peer
      // back makes them due at once, where releasing them earlier would leave them for the next probe.
      for (const [key, ids] of held)
        await deliveryRepository.release(
          this.ctx.db.kysely,
          ids,
          lease,
          new Date(this.health.nextProbeAt(key)).toISOString(),
        );
    } catch (err) {
      failure = err;
    }
    // The claim is renewed until its outcomes are written, and the live screens told once they are.
    const recording: Promise<void> = Promise.allSettled(records).then((outcomes) => {
      clearInterval(renew);
      this.recording.delete(recording);
      for (const o of outcomes)
        if (o.status === 'rejected')
          this.log('error', `outbox: an outcome was not written: ${(o.reason as Error).message}`);
      if (failure === null) this.announce(claimed);
    });
    this.recording.add(recording);
    if (failure !== null) throw failure;
    return claimed.length;
  }

  /** Tells the live screens of the batch's sources (an alert's delivery dashboard) that it moved. */
  private announce(rows: readonly DeliveryRow[]): void {
    const byKind = new Map<string, Set<string>>();
    for (const r of rows)
      byKind.set(r.source_kind, (byKind.get(r.source_kind) ?? new Set()).add(r.source_id));
    for (const [kind, ids] of byKind) {
      const source = this.ctx.sources.get(kind);
      if (!source?.announce) continue;
      source
        .announce(this.ctx, [...ids])
        .then((events) => Promise.all(events.map((e) => publishEvent(this.ctx, e))))
        .catch((err: unknown) =>
          this.log('warn', `outbox: could not announce ${kind} deliveries: ${(err as Error).message}`),
        );
    }
  }

  /**
   * Whether this claim also looks for leases that ran out (a dispatcher that died mid-send): at the
   * first claim and then once a third of a lease, not at every claim. On PostgreSQL that read walks
   * every version of a sending delivery the vacuum has not yet removed; with a million deliveries
   * just sent it took 45–143 ms, at every claim. A dead dispatcher's deliveries still go again
   * within a lease and a third.
   */
  private timeToLookForLapsed(channel: string, now: number): boolean {
    const last = this.lapsedLookedAt.get(channel);
    if (last !== undefined && now - last < this.leaseMs / 3 && now >= last) return false;
    this.lapsedLookedAt.set(channel, now);
    return true;
  }

  private leaseUntil(): string {
    return new Date(this.ctx.clock.now().getTime() + this.leaseMs).toISOString();
  }

  /** The exercises of a batch as they are now: read after the claim, right before the sends. */
  private async exercises(rows: readonly DeliveryRow[]): Promise<Map<string, ExerciseInfo>> {
    const ids = [...new Set(rows.map((r) => r.exercise_id).filter((id): id is string => id !== null))];
    if (!ids.length) return new Map();
    const found = await this.ctx.db.kysely
      .selectFrom('exercises')
      .select(['id', 'name', 'no_play_at', 'includes_public'])
      .where('id', 'in', ids)
      .execute();
    return new Map(
      found.map((e) => [
        e.id,
        { name: e.name, halted: e.no_play_at !== null, includesPublic: Number(e.includes_public) === 1 },
      ]),
    );
  }

  private async deliver(
    channel: Channel,
    d: DeliveryRow,
    lease: DeliveryLease,
    exercises: Map<string, ExerciseInfo>,
    renders: ClaimRenders,
    held: Map<string, string[]>,
    records: Promise<void>[],
  ): Promise<void> {
    const db = this.ctx.db.kysely;
    const exercise = d.exercise_id ? exercises.get(d.exercise_id) : undefined;
    const verdict = trafficVerdict(
      {
        mode: d.mode as TrafficMode,
        exerciseId: d.exercise_id,
        recipientKind: d.recipient_kind as RecipientKind,
      },
      exercise,
    );
    if (verdict.action === 'hold') {
      await deliveryRepository.release(db, [d.id], lease, this.ctx.clock.now().toISOString());
      return;
    }
    // Only a send through the channel itself says anything about the channel: the sink answering
    // for a rehearsal must not end an outage, nor a failing sink start one.
    const throughChannel = verdict.action === 'send';
    const health = this.healthKey(channel, d);
    if (throughChannel && health !== channel.name && !this.health.takeProbe(health)) {
      // Its peer is down and another delivery is probing it: wait for the next probe, untried.
      held.set(health, [...(held.get(health) ?? []), d.id]);
      return;
    }
    // Whether the failure, if any, came from the send: one before it (a render) says nothing of the channel.
    let sending = false;
    try {
      if (verdict.action === 'refuse') throw new ChannelError({ reason: verdict.reason }, false);
      if (!d.address) throw new ChannelError({ reason: 'address_erased' }, false);
      const message = await this.render(channel, d, renders);
      const marked = isMarked(d.mode as TrafficMode)
        ? markMessage(message, d.language, exercise?.name ?? null)
        : message;
      const target = throughChannel ? channel : this.ctx.channels.sink;
      sending = true;
      const { providerId } = await target.send({
        deliveryId: d.id,
        to: d.address,
        language: d.language,
        message: marked,
        attempt: d.attempts,
      });
      // The outage is over: what waited for it is due now, not at each delivery's own back-off.
      if (throughChannel && this.health.succeeded(health))
        await deliveryRepository.dueNow(db, channel.name, this.ctx.clock.now().toISOString());
      // Written with the batch's other outcomes, while the next batch goes out; a write that fails
      // is a failed try, as it was when the send itself waited for it, but not the channel's failure.
      records.push(
        this.sent
          .record({ id: d.id, owner: lease.owner, providerId, at: this.ctx.clock.now().toISOString() })
          .catch((err: unknown) => this.failed(channel, d, lease, err, false)),
      );
    } catch (err) {
      await this.failed(channel, d, lease, err, throughChannel && sending);
    }
  }

  /** What an outage is kept against: the channel, or for a channel of many peers the delivery's peer. */
  private healthKey(channel: Channel, d: DeliveryRow): string {
    const peer = d.address && channel.peerOf ? channel.peerOf(d.address) : null;
    return peer ? `${channel.name} (${peer})` : channel.name;
  }

  private async render(channel: Channel, d: DeliveryRow, renders: ClaimRenders): Promise<ChannelMessage> {
    const source = this.ctx.sources.get(d.source_kind);
    if (!source)
      throw new ChannelError({ reason: 'source_unknown', params: { source: d.source_kind } }, false);
    const key = `${d.source_kind}#${d.source_id}#${d.sequence}`;
    if (!renders.loaded.has(key)) renders.loaded.set(key, source.load(this.ctx, d.source_id, d.sequence));
    const loading = renders.loaded.get(key)!;
    const target = {
      language: d.language,
      kind: channel.kind,
      recipientKind: d.recipient_kind as RecipientKind,
      recipientId: d.recipient_id,
      deliveryId: d.id,
    };
    // Joined before the first wait, so that the claim's other deliveries of this source share it.
    const preparing = renders.batches.preparedFor(key, source, loading, target);
    const loaded = await loading;
    if (loaded === undefined)
      throw new ChannelError(
        { reason: 'source_gone', params: { source: d.source_kind, id: d.source_id, sequence: d.sequence } },
        false,
      );
    let prepared: unknown;
    try {
      prepared = await preparing;
    } catch (err) {
      // What a batch shares is read from the database: a failure there passes, and the delivery waits.
      throw new ChannelError(
        { reason: 'source_unprepared', params: { source: d.source_kind, detail: (err as Error).message } },
        true,
      );
    }
    try {
      return await source.render(this.ctx, loaded, target, prepared);
    } catch (err) {
      if (err instanceof ChannelError) throw err;
      // A database read of the renderer's that failed for a moment: the message is fine, try again.
      if (isPassingStoreFault(err))
        throw new ChannelError(
          { reason: 'source_unreadable', params: { source: d.source_kind, detail: (err as Error).message } },
          true,
        );
      // Any other failure of a renderer cannot do better on a later try: the delivery is a dead letter.
      throw new ChannelError(
        {
          reason: 'source_unrenderable',
          params: { source: d.source_kind, language: d.language, detail: (err as Error).message },
        },
        false,
      );
    }
  }

  private async failed(
    channel: Channel,
    d: DeliveryRow,
    lease: DeliveryLease,
    err: unknown,
    throughChannel: boolean,
  ): Promise<void> {
    const failure = err instanceof ChannelError ? err : new ChannelError(failedWith(err), true);
    const now = this.ctx.clock.now().getTime();
    const expired = now - Date.parse(d.created_at) >= this.horizonMs;
    const dead = !failure.temporary || expired;
    const fault: DeliveryFault =
      expired && failure.temporary
        ? {
            reason: 'gave_up',
            params: { hours: Math.round(this.horizonMs / 3_600_000) },
            cause: failure.fault,
          }
        : failure.fault;
    if (failure.temporary && throughChannel) this.health.failed(this.healthKey(channel, d), failure.message);
    const columns = failureColumns(fault);
    await deliveryRepository.finish(this.ctx.db.kysely, d.id, lease, {
      status: dead ? 'dead' : 'pending',
      ...columns,
      next_attempt_at: new Date(
        dead ? now : now + retryDelayMs(this.backoffMs, d.attempts, this.maxBackoffMs),
      ).toISOString(),
    });
    // The provider says the address has ended (an expired push subscription): it goes.
    if (failure.addressGone && throughChannel) await contactGone(this.ctx, d, failure.fault);
    // A channel outage is logged once by ChannelHealth, not once per delivery.
    if (dead) this.log('error', `outbox: delivery ${d.id} is a dead letter: ${columns.last_error}`);
  }
}
