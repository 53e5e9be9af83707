import type { Channel, Outgoing, SendResult } from '../../src/channels/channel.js';

/**
 * The channel the benches' dispatchers hand deliveries to in place of e-mail: it counts them and
 * notes when the first and the last came, so a bench measures the wing and not a mail server.
 */
export class CountingChannel implements Channel {
  readonly name = 'email';
  readonly kind = 'email';
  readonly limits = {};
  readonly configured = true;
  readonly notConfigured = null;
  count = 0;
  first = 0;
  last = 0;
  dedupKey(id: string) {
    return id;
  }
  async send(o: Outgoing): Promise<SendResult> {
    this.count++;
    this.last = performance.now();
    if (this.first === 0) this.first = this.last;
    return { providerId: o.deliveryId };
  }
  async verify() {}
  async close() {}
}
