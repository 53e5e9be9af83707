/*
 * What an alert's deliveries did, per message and channel: the live delivery dashboard and the
 * alert-drill report read the same figures. Pure: the store hands over grouped counts and times.
 */

/** Upper edges of the latency buckets, approval → accepted by the channel's provider, in seconds. */
export const LATENCY_EDGES_S = [1, 2, 5, 10, 30, 60, 120, 300, 600, 1800] as const;

/** One group the store counted: deliveries of one message on one channel in one status. */
export interface DeliveryGroup {
  sequence: number;
  channel: string;
  status: string;
  count: number;
  delivered: number;
  firstHandedAt: string | null;
  lastHandedAt: string | null;
}

/** How many deliveries of one message on one channel fell in a latency bucket (index into the edges, or edges.length for beyond). */
export interface LatencyGroup {
  sequence: number;
  channel: string;
  bucket: number;
  count: number;
}

export interface ChannelReport {
  channel: string;
  queued: number;
  sending: number;
  sent: number;
  delivered: number;
  failed: number;
  /** Approval → the first and the last delivery handed to the channel, ms; null before any. */
  firstAfterMs: number | null;
  lastAfterMs: number | null;
  /** Counts per bucket, `LATENCY_EDGES_S` then one beyond the last edge. */
  latency: number[];
}

export interface MessageReport {
  sequence: number;
  approvedAt: string | null;
  total: number;
  channels: ChannelReport[];
}

const since = (at: string | null, approvedAt: string | null): number | null =>
  at && approvedAt ? Math.max(0, Date.parse(at) - Date.parse(approvedAt)) : null;

/** Folds the store's groups into one report per message, channels in name order. */
export function alertDeliveryReport(
  messages: readonly { sequence: number; approvedAt: string | null }[],
  groups: readonly DeliveryGroup[],
  latency: readonly LatencyGroup[],
): MessageReport[] {
  return messages.map(({ sequence, approvedAt }) => {
    const channels = new Map<string, ChannelReport & { first: string | null; last: string | null }>();
    const of = (channel: string) => {
      let c = channels.get(channel);
      if (!c) {
        c = {
          channel,
          queued: 0,
          sending: 0,
          sent: 0,
          delivered: 0,
          failed: 0,
          firstAfterMs: null,
          lastAfterMs: null,
          latency: Array<number>(LATENCY_EDGES_S.length + 1).fill(0),
          first: null,
          last: null,
        };
        channels.set(channel, c);
      }
      return c;
    };
    for (const g of groups) {
      if (g.sequence !== sequence) continue;
      const c = of(g.channel);
      if (g.status === 'pending') c.queued += g.count;
      else if (g.status === 'sending') c.sending += g.count;
      else if (g.status === 'sent') c.sent += g.count;
      else if (g.status === 'dead') c.failed += g.count;
      c.delivered += g.delivered;
      if (g.firstHandedAt && (!c.first || g.firstHandedAt < c.first)) c.first = g.firstHandedAt;
      if (g.lastHandedAt && (!c.last || g.lastHandedAt > c.last)) c.last = g.lastHandedAt;
    }
    for (const l of latency) {
      if (l.sequence !== sequence) continue;
      const c = of(l.channel);
      c.latency[Math.min(Math.max(l.bucket, 0), LATENCY_EDGES_S.length)]! += l.count;
    }
    const list = [...channels.values()]
      .sort((a, b) => a.channel.localeCompare(b.channel))
      .map(({ first, last, ...c }) => ({
        ...c,
        firstAfterMs: since(first, approvedAt),
        lastAfterMs: since(last, approvedAt),
      }));
    const total = list.reduce((n, c) => n + c.queued + c.sending + c.sent + c.failed, 0);
    return { sequence, approvedAt, total, channels: list };
  });
}
