import type { Channel } from '../channels/channel.js';
import { ChannelError } from '../channels/channel.js';
import { NOTICE_LANGUAGES, type NoticeLanguage, type NoticeSnapshot } from '../core/notice/notice.js';
import type { AppContext } from '../services/context.js';
import { noticeMail } from '../services/subscriptions/mail.render.js';
import { onOutboxWrite } from '../services/subscriptions/outbox-wake.js';
import { manageLink, unsubscribeLink } from '../services/subscriptions/subscriptions.service.js';
import { manageTokenFor } from '../services/subscriptions/tokens.js';
import { deliveryRepository, type DeliveryLease } from '../store/delivery.repository.js';
import type { DeliveryRow } from '../store/public-tables.js';

export interface DispatcherOptions {
  /** Longest sleep between looks at the outbox; a publication in this process wakes it at once. */
  pollMs?: number;
  /** How long a claimed delivery stays ours before another dispatcher may take it over. */
  leaseMs?: number;
  /** Deliveries claimed at a time, per channel. */
  batch?: number;
  /** Tries before a delivery becomes a dead letter. */
  maxAttempts?: number;
  /** Wait after the first failed try; doubles after each further one. */
  backoffMs?: number;
  /** Where problems go (a channel without configuration, a send that failed). */
  log?: (level: 'warn' | 'error' | 'info', message: string) => void;
}

/** Wait after failed try number `attempt` (1-based): `base`, 2×, 4×, … */
export const retryDelayMs = (base: number, attempt: number): number => base * 2 ** (attempt - 1);

/**
 * Sends the outbox. The database decides: a delivery is claimed by a conditional UPDATE with a
 * lease, and its outcome is written only while that lease is still ours, so any number of
 * dispatchers in any number of processes share the work and no delivery is sent twice by them. The
 * timer and the in-process wake-up only say when to look.
 */
export class OutboxDispatcher {
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private readonly maxAttempts: number;
  private readonly backoffMs: number;
  private readonly log: NonNullable<DispatcherOptions['log']>;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private started = false;
  private unlisten: (() => void) | undefined;
  private warnedUnconfigured = new Set<string>();

  constructor(
    private readonly ctx: AppContext,
    private readonly channels: ReadonlyMap<string, Channel>,
    options: DispatcherOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.batch = options.batch ?? 50;
    this.maxAttempts = options.maxAttempts ?? 6;
    this.backoffMs = options.backoffMs ?? 30_000;
    this.log = options.log ?? (() => undefined);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.unlisten = onOutboxWrite(this.ctx.db, () => this.wakeSoon());
    this.wake();
  }

  async stop(): Promise<void> {
    this.started = false;
    this.unlisten?.();
    clearTimeout(this.timer);
    await this.running;
  }

  /** Look at the outbox now (and again right after, if a look is already under way). */
  wake(): void {
    if (!this.started) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: unknown) => this.log('error', `outbox: ${(err as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (!this.started) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else {
          this.timer = setTimeout(() => this.wake(), this.pollMs);
          this.timer.unref();
        }
      });
  }

  /**
   * Deliveries are written inside the publication's transaction, so the nudge arrives before they
   * are visible to another connection: look now and once more shortly after.
   */
  private wakeSoon(): void {
    setTimeout(() => this.wake(), 20).unref();
    setTimeout(() => this.wake(), 300).unref();
  }

  /** Sends everything due now; returns how many deliveries were handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const n = await this.runOnce();
      handled += n;
      if (n === 0 || !this.started) return handled;
    }
  }

  /** One claim per configured channel and the sends it leads to. */
  async runOnce(): Promise<number> {
    let handled = 0;
    for (const channel of this.channels.values()) {
      if (!channel.configured) {
        if (!this.warnedUnconfigured.has(channel.name)) {
          this.warnedUnconfigured.add(channel.name);
          this.log('warn', `outbox: ${channel.name} deliveries wait: ${channel.notConfiguredReason}`);
        }
        continue;
      }
      const now = this.ctx.clock.now();
      const lease = { until: new Date(now.getTime() + this.leaseMs).toISOString() };
      const claimed = await deliveryRepository.claim(
        this.ctx.db.kysely,
        this.ctx.db.engine,
        channel.name,
        this.batch,
        now.toISOString(),
        lease,
      );
      const snapshots = new Map<string, Promise<{ snapshot: NoticeSnapshot; kind: string } | undefined>>();
      await Promise.all(claimed.map((d) => this.deliver(channel, d, lease, snapshots)));
      handled += claimed.length;
    }
    return handled;
  }

  private async deliver(
    channel: Channel,
    d: DeliveryRow,
    lease: DeliveryLease,
    snapshots: Map<string, Promise<{ snapshot: NoticeSnapshot; kind: string } | undefined>>,
  ): Promise<void> {
    const db = this.ctx.db.kysely;
    const key = `${d.notice_id}#${d.revision}`;
    if (!snapshots.has(key)) snapshots.set(key, this.revision(d.notice_id, d.revision));
    try {
      const rev = await snapshots.get(key)!;
      if (!rev) throw new ChannelError(`revision ${d.revision} of notice ${d.notice_id} is gone`, false);
      if (!d.address) throw new ChannelError('the address was erased', false);
      const message = await this.render(d, rev.snapshot, rev.kind as 'Alert' | 'Update' | 'Cancel');
      const { providerId } = await channel.send({
        ...message,
        deliveryId: d.id,
        to: d.address,
        language: d.language,
      });
      const at = this.ctx.clock.now().toISOString();
      await deliveryRepository.finish(db, d.id, lease, {
        status: 'sent',
        sent_at: at,
        provider_id: providerId,
        last_error: null,
      });
    } catch (err) {
      const failure = err instanceof ChannelError ? err : new ChannelError((err as Error).message, true);
      const dead = !failure.temporary || d.attempts >= this.maxAttempts;
      const now = this.ctx.clock.now().getTime();
      await deliveryRepository.finish(db, d.id, lease, {
        status: dead ? 'dead' : 'pending',
        last_error: failure.message.slice(0, 1000),
        next_attempt_at: new Date(dead ? now : now + retryDelayMs(this.backoffMs, d.attempts)).toISOString(),
      });
      this.log(
        dead ? 'error' : 'warn',
        `outbox: delivery ${d.id} ${dead ? 'is a dead letter' : `failed (try ${d.attempts}), retried later`}: ${failure.message}`,
      );
    }
  }

  private async revision(noticeId: string, revision: number) {
    const row = await this.ctx.db.kysely
      .selectFrom('notice_revisions')
      .select(['snapshot', 'kind'])
      .where('notice_id', '=', noticeId)
      .where('revision', '=', revision)
      .executeTakeFirst();
    return row ? { snapshot: JSON.parse(row.snapshot) as NoticeSnapshot, kind: row.kind } : undefined;
  }

  private async render(d: DeliveryRow, snapshot: NoticeSnapshot, kind: 'Alert' | 'Update' | 'Cancel') {
    const lang: NoticeLanguage = (NOTICE_LANGUAGES as readonly string[]).includes(d.language)
      ? (d.language as NoticeLanguage)
      : 'kk';
    const at = this.ctx.clock.now().toISOString();
    const token = d.subscriber_id ? await manageTokenFor(this.ctx.db.kysely, d.subscriber_id, at) : null;
    const base = this.ctx.config.publicUrl.replace(/\/+$/, '');
    const mail = noticeMail(lang, snapshot, kind, {
      noticeUrl: `${base}/${lang}/notices/${encodeURIComponent(snapshot.slug)}`,
      manageUrl: token ? manageLink(this.ctx, lang, token) : null,
      unsubscribeUrl: token ? unsubscribeLink(this.ctx, token) : null,
    });
    return { ...mail, unsubscribeUrl: token ? unsubscribeLink(this.ctx, token) : null };
  }
}
