import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { ackTopic, decodeAck, decodeStatus, statusTopic } from '../../core/siren/command.js';
import { sirenRepository } from '../../store/siren.repository.js';
import type { AppContext } from '../context.js';
import { onSirenRegistryChange } from './registry-changed.js';

export interface SirenListenerOptions {
  /** How often the registry is read again for sirens added or moved elsewhere; `refresh()` at once. */
  refreshMs?: number;
  log?: (level: 'warn' | 'error' | 'info', message: string) => void;
}

const COMMAND_ID = /^siren_(.+)$/;

/**
 * Hears what the siren controllers say: acknowledgements on `<prefix>/ack` and their state on
 * `<prefix>/status`, for every siren in the registry. An acknowledgement marks the command's
 * delivery as delivered, once: a second acknowledgement of the same command changes nothing. The
 * subscriptions are QoS 1; the registry is read again every so often (and on `refresh()`), so a
 * siren added in another process is heard too.
 */
export class SirenListener {
  private client: MqttClient | undefined;
  private subscribed = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private unlisten: (() => void) | undefined;
  private readonly log: NonNullable<SirenListenerOptions['log']>;
  /** Acknowledgements heard and counted, and those that repeated one already counted. */
  readonly counts = { acks: 0, repeated: 0, statuses: 0, refused: 0 };
  /** Connections made and subscribed so far (a reconnection after a broker outage adds one). */
  sessions = 0;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: SirenListenerOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
  }

  /** Connects and subscribes; resolves once the registry's sirens are subscribed. */
  async start(): Promise<void> {
    const url = this.ctx.config.mqttUrl;
    if (!url) return;
    const client = mqtt.connect(url, {
      clientId: `dabyl-listener-${randomBytes(6).toString('hex')}`,
      reconnectPeriod: 1000,
      connectTimeout: this.ctx.config.mqttTimeoutMs,
    });
    client.on('error', () => undefined);
    client.on('message', (topic, payload) => {
      this.heard(topic, payload).catch((err: unknown) =>
        this.log('warn', `siren: could not record what ${topic} said: ${(err as Error).message}`),
      );
    });
    // A new connection has a new session: subscribe again.
    let first: () => void = () => undefined;
    const subscribedOnce = new Promise<void>((resolve) => (first = resolve));
    client.on('connect', () => {
      this.subscribed.clear();
      this.refresh()
        .then(() => {
          this.sessions++;
          first();
        })
        .catch((err: unknown) => this.log('warn', `siren: could not subscribe: ${(err as Error).message}`));
    });
    this.client = client;
    this.unlisten = onSirenRegistryChange(this.ctx.db, () => {
      this.refresh().catch((err: unknown) =>
        this.log('warn', `siren: could not subscribe: ${(err as Error).message}`),
      );
    });
    await subscribedOnce;
    this.timer = setInterval(
      () => void this.refresh().catch(() => undefined),
      this.options.refreshMs ?? 30_000,
    );
    this.timer.unref();
  }

  /** Subscribes to the sirens added since the last look, and lets go of those removed or moved. */
  async refresh(): Promise<void> {
    const client = this.client;
    if (!client?.connected) return;
    const prefixes = new Set(await sirenRepository.prefixes(this.ctx.db.kysely));
    const add = [...prefixes].filter((p) => !this.subscribed.has(p));
    const drop = [...this.subscribed].filter((p) => !prefixes.has(p));
    if (add.length) {
      await client.subscribeAsync(
        add.flatMap((p) => [ackTopic(p), statusTopic(p)]),
        { qos: 1 },
      );
      for (const p of add) this.subscribed.add(p);
    }
    if (drop.length) {
      await client.unsubscribeAsync(drop.flatMap((p) => [ackTopic(p), statusTopic(p)]));
      for (const p of drop) this.subscribed.delete(p);
    }
  }

  private async heard(topic: string, payload: Buffer): Promise<void> {
    const db = this.ctx.db.kysely;
    const at = this.ctx.clock.now().toISOString();
    if (topic.endsWith('/ack')) {
      const prefix = topic.slice(0, -'/ack'.length);
      const ack = decodeAck(payload);
      const deliveryId = COMMAND_ID.exec(ack.id)?.[1];
      if (!deliveryId) throw new Error(`ack: ${ack.id} is not a Dabyl command id`);
      const receipt = ack.result === 'done' ? 'ACK' : `REFUSED: ${ack.reason ?? ''}`.trim();
      const first = await sirenRepository.acknowledge(db, deliveryId, prefix, receipt, at);
      await sirenRepository.seen(db, prefix, at);
      if (first) this.counts.acks++;
      else this.counts.repeated++;
      if (ack.result === 'refused') this.counts.refused++;
    } else if (topic.endsWith('/status')) {
      const prefix = topic.slice(0, -'/status'.length);
      await sirenRepository.recordStatus(db, prefix, decodeStatus(payload), at);
      this.counts.statuses++;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.unlisten?.();
    const client = this.client;
    this.client = undefined;
    await client?.endAsync(true);
  }
}
