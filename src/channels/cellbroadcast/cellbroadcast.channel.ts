import type { CbcCentreConfig } from '../../config/config.js';
import {
  ChannelError,
  notConfiguredFault,
  expectKind,
  type Channel,
  type ChannelLimits,
  type Outgoing,
  type SendResult,
} from '../channel.js';
import type { DeliveryFault } from '../../core/messages/messages.js';
import { CB_MAX_PAGES } from '../../core/cellbroadcast/pages.js';
import { capAdapter, type CapSigner } from './cap.adapter.js';
import type { CbcAdapter } from './centre.js';
import { ecbeAdapter } from './ecbe.adapter.js';

const NOT_CONFIGURED = notConfiguredFault('cellbroadcast', 'DABYL_CBC_CENTRES');

export interface CellBroadcastOptions {
  /** The operators' centres, by name; none: not configured, deliveries wait. */
  centres: readonly CbcCentreConfig[];
  /** How long one request to a centre may take. */
  timeoutMs: number;
  /**
   * Signs the CAP a CAP centre is posted with the organisation's key, or throws: the page texts it
   * carries are final only once exercise traffic has been marked, so it is signed here, last.
   */
  sign: CapSigner;
}

/**
 * Public warnings to the operators' Cell Broadcast Centres (docs/decisions/0041-cell-broadcast.md).
 * A delivery's address is the name of a configured centre; each centre speaks ECBE (the Osmocom
 * CBC's REST interface) or CAP over HTTPS, as its configuration says. Each centre is a peer of its
 * own: one operator's centre being down holds only its own deliveries.
 */
export class CellBroadcastChannel implements Channel {
  readonly name = 'cellbroadcast';
  readonly kind = 'cellbroadcast';
  readonly limits: ChannelLimits = { maxSegments: CB_MAX_PAGES };
  readonly configured: boolean;
  readonly notConfigured: DeliveryFault | null;
  private readonly adapters = new Map<string, CbcAdapter>();

  constructor(options: CellBroadcastOptions) {
    for (const c of options.centres)
      this.adapters.set(
        c.name,
        c.protocol === 'ecbe'
          ? ecbeAdapter(c, options.timeoutMs)
          : capAdapter(c, options.timeoutMs, options.sign),
      );
    this.configured = this.adapters.size > 0;
    this.notConfigured = this.configured ? null : NOT_CONFIGURED;
  }

  /** The serial number (ECBE) is made from this; CAP centres get the alert's own identifier. */
  dedupKey(deliveryId: string): string {
    return `cbc_${deliveryId}`;
  }

  peerOf(address: string): string | null {
    return address;
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    const o = expectKind(outgoing, 'cellbroadcast');
    if (!this.configured) throw new ChannelError(NOT_CONFIGURED, true);
    const adapter = this.adapters.get(o.to);
    if (!adapter)
      throw new ChannelError(
        { reason: 'cbc_unknown_centre', params: { centre: o.to, setting: 'DABYL_CBC_CENTRES' } },
        false,
      );
    return { providerId: await adapter.send(this.dedupKey(o.deliveryId), o.message, o.attempt) };
  }

  async verify(): Promise<void> {
    // The ECBE interface has no read-only request to ask; each centre answers for itself on each send.
    if (!this.configured) throw new ChannelError(NOT_CONFIGURED, true);
  }

  async close(): Promise<void> {}
}
