import type { ChannelKind, ChannelMessage } from '../../channels/channel.js';
import type { RecipientKind } from '../../core/outbox/traffic.js';
import type { FanOutRow } from '../../store/outbox-tables.js';
import type { AppContext } from '../context.js';
import { deliveryText, type DeliveryFault } from '../../core/messages/messages.js';
import type { NewEvent } from '../events/events.service.js';

/** Whom one delivery of a fan-out goes to. */
export interface AudienceMember {
  recipientKind: RecipientKind;
  recipientId: string;
  channel: string;
  address: string;
  language: string;
}

/** What a renderer is told about the person and the way a message reaches them. */
export interface RenderTarget {
  language: string;
  /** The kind of message the channel carries. */
  kind: ChannelKind;
  recipientKind: RecipientKind;
  recipientId: string | null;
  /** The delivery being sent; absent for a preview, which goes to nobody. */
  deliveryId?: string | null;
}

/**
 * One kind of thing Dabyl sends (a notice revision; later an inject, an alert, a reminder). The
 * outbox knows sources only through this: the fan-out worker asks whom a source reaches, the
 * dispatcher asks what it says to one person on one channel. Marking exercise traffic is not the
 * renderer's business: the dispatcher does it for every source alike.
 */
export interface OutboxSource<S = unknown, P = unknown> {
  readonly kind: string;
  /** The source as it was at `sequence`; undefined when it is gone. */
  load(ctx: AppContext, sourceId: string, sequence: number): Promise<S | undefined>;
  /**
   * What the renders of a batch of this source's deliveries share, read or written once for all of
   * them (an inject's links for players without an account: one read and one write a batch, not
   * two a delivery). The dispatcher calls it once for the deliveries of a claim that it renders
   * together and hands the result to each of their renders; a failure is a passing one, and they
   * are tried again. Sources whose messages need nothing per recipient from the database leave it
   * out.
   */
  prepare?(ctx: AppContext, source: S, targets: readonly RenderTarget[]): Promise<P>;
  /**
   * The message for one person; throws a permanent ChannelError when the source cannot be said
   * on that kind of channel or in any language the person reads. `prepared`: what `prepare` gave
   * for a batch holding this target; absent when the source is rendered alone (a preview).
   */
  render(ctx: AppContext, source: S, target: RenderTarget, prepared?: P): Promise<ChannelMessage>;
  /**
   * Everyone a fan-out of this source reaches, in batches. Called again from the start when a
   * fan-out is resumed after a crash; the outbox's unique key drops what was already written.
   */
  audience(ctx: AppContext, fanout: FanOutRow): AsyncIterable<AudienceMember[]>;
  /**
   * What the live screens of these sources are told when some of their deliveries moved (sent,
   * failed): the dispatcher asks once per batch. Sources without screens that follow their
   * deliveries leave it out.
   */
  announce?(ctx: AppContext, sourceIds: readonly string[]): Promise<NewEvent[]>;
}

export type OutboxSources = ReadonlyMap<string, OutboxSource>;

/**
 * A source refusing a fan-out for good: it breaks a rule (an exercise's alert asked for as actual
 * traffic), so trying again later cannot help. The worker marks it failed at once instead of
 * retrying it as it would a passing fault.
 */
export class FanOutRefused extends Error {
  constructor(readonly fault: DeliveryFault) {
    super(deliveryText('en', fault));
    this.name = 'FanOutRefused';
  }
}
