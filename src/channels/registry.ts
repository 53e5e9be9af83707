import type { Config } from '../config/config.js';
import type { Channel } from './channel.js';
import { EmailChannel } from './email/email.channel.js';

/*
 * The channels of one configuration, made once and shared by everything in the process that sends
 * (the outbox dispatcher, the confirmation e-mail), so the SMTP pool is one pool.
 */

const made = new WeakMap<Config, Map<string, Channel>>();

export function channelsFor(config: Config): ReadonlyMap<string, Channel> {
  let channels = made.get(config);
  if (!channels) {
    channels = new Map<string, Channel>([
      ['email', new EmailChannel({ smtpUrl: config.smtpUrl, from: config.mailFrom })],
    ]);
    made.set(config, channels);
  }
  return channels;
}

/** Closes the pools; a later {@link channelsFor} makes fresh ones. */
export async function closeChannels(config: Config): Promise<void> {
  const channels = made.get(config);
  made.delete(config);
  await Promise.all([...(channels?.values() ?? [])].map((c) => c.close()));
}
