import type { CapInfo } from '../../cap/model.js';
import type { PushMessage } from '../../channels/channel.js';

/*
 * An alert as a browser notification: the headline as its title, what happened and what to do as
 * its body, the public site to open. Every message of one thread shares a tag, so an Update or a
 * Cancel replaces the notification it corrects instead of sitting beside it.
 */

const DAY_S = 24 * 3600;

/** Immediate or Extreme wakes the device now; the rest may wait for its next wake-up. */
function urgencyOf(info: CapInfo): PushMessage['urgency'] {
  if (info.urgency === 'Immediate' || info.severity === 'Extreme') return 'high';
  if (info.urgency === 'Expected' || info.severity === 'Severe') return 'normal';
  return 'low';
}

export function alertPush(info: CapInfo, threadId: string, url: string, now: Date): PushMessage {
  const body = [info.description, info.instruction].filter((s) => s && s.trim()).join('\n');
  // A device that comes back after the alert ended is not woken for it.
  const ttlSeconds = info.expires
    ? Math.max(0, Math.min(28 * DAY_S, Math.floor((Date.parse(info.expires) - now.getTime()) / 1000)))
    : DAY_S;
  return {
    kind: 'webpush',
    title: info.headline ?? info.event,
    body,
    url,
    tag: `alert-${threadId}`,
    ttlSeconds,
    urgency: urgencyOf(info),
  };
}
