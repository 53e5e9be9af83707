import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { commandTopic, encodeCommand, TOPIC_PREFIX, type SirenCommand } from '../../core/siren/command.js';
import {
  ChannelError,
  notConfiguredFault,
  expectKind,
  type Channel,
  type ChannelLimits,
  type ChannelLog,
  type Outgoing,
  type SendResult,
} from '../channel.js';
import type { DeliveryFault } from '../../core/messages/messages.js';

const NOT_CONFIGURED = notConfiguredFault('siren', 'DABYL_MQTT_URL');

export interface SirenChannelOptions {
  /** `mqtt://user:pass@host:1883` or `mqtts://…`; undefined: not configured, commands wait. */
  url: string | undefined;
  /** How long a command may wait for the broker (connection and PUBACK) before it is tried later. */
  timeoutMs: number;
  /** The siren's command-signing key by its topic prefix; undefined when no siren has that prefix. */
  keyFor(prefix: string): Promise<Buffer | undefined>;
  clock: { now(): Date };
}

/** The longest announcement a controller's loudspeaker is asked to read out. */
export const SIREN_MAX_ANNOUNCEMENT = 2000;

/**
 * Siren commands over MQTT, published with QoS 1 on `<prefix>/command`: the send succeeds once the
 * broker has acknowledged the command (PUBACK), not when the siren sounds; the siren's own
 * acknowledgement arrives later on `<prefix>/ack` (see the siren listener). The command carries
 * the delivery's de-duplication key, so a retry after a lost PUBACK is the same command to the
 * controller, and it is signed with the siren's own key.
 */
export class SirenChannel implements Channel {
  readonly name = 'siren';
  readonly kind = 'siren';
  readonly limits: ChannelLimits = { maxLength: SIREN_MAX_ANNOUNCEMENT };
  readonly configured: boolean;
  readonly notConfigured: DeliveryFault | null;
  private client: MqttClient | undefined;
  private log: ChannelLog = () => undefined;
  private down = false;

  constructor(private readonly options: SirenChannelOptions) {
    this.configured = Boolean(options.url);
    this.notConfigured = this.configured ? null : NOT_CONFIGURED;
  }

  dedupKey(deliveryId: string): string {
    return `siren_${deliveryId}`;
  }

  useLog(log: ChannelLog): void {
    this.log = log;
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    const o = expectKind(outgoing, 'siren');
    if (!this.options.url) throw new ChannelError(NOT_CONFIGURED, true);
    if (!TOPIC_PREFIX.test(o.to))
      throw new ChannelError({ reason: 'siren_topic', params: { topic: o.to } }, false);
    const m = o.message;
    if ((m.announcement?.length ?? 0) > SIREN_MAX_ANNOUNCEMENT)
      throw new ChannelError(
        { reason: 'siren_announcement_long', params: { max: SIREN_MAX_ANNOUNCEMENT } },
        false,
      );
    const key = await this.options.keyFor(o.to);
    if (!key) throw new ChannelError({ reason: 'siren_unregistered', params: { topic: o.to } }, false);
    const command: SirenCommand = {
      v: 1,
      id: this.dedupKey(o.deliveryId),
      action: m.action,
      pattern: m.pattern,
      announcement: m.announcement,
      alert: m.alertId,
      exercise: m.exercise ?? false,
      issuedAt: this.options.clock.now().toISOString(),
    };
    const client = await this.connected();
    await this.within(
      client.publishAsync(commandTopic(o.to), encodeCommand(command, key), { qos: 1 }),
      'mqtt_no_ack',
    );
    return { providerId: command.id };
  }

  /** The broker connection, made on first use and kept; reconnects by itself after a loss. */
  private async connected(): Promise<MqttClient> {
    if (!this.client) {
      const client = mqtt.connect(this.options.url!, {
        clientId: `dabyl-${randomBytes(6).toString('hex')}`,
        clean: true,
        reconnectPeriod: 1000,
        connectTimeout: this.options.timeoutMs,
        // A command is never queued for a later connection: the outbox keeps it and retries.
        queueQoSZero: false,
      });
      client.on('error', () => undefined);
      client.on('offline', () => {
        if (!this.down) this.log('warn', 'siren: the MQTT broker connection is lost; reconnecting');
        this.down = true;
      });
      client.on('connect', () => {
        if (this.down) this.log('info', 'siren: the MQTT broker connection is back');
        this.down = false;
      });
      this.client = client;
    }
    const client = this.client;
    if (client.connected) return client;
    await this.within(
      new Promise<void>((resolve) => client.once('connect', () => resolve())),
      'mqtt_unreachable',
    );
    return client;
  }

  private async within<T>(work: Promise<T>, reason: 'mqtt_no_ack' | 'mqtt_unreachable'): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ChannelError({ reason }, true)), this.options.timeoutMs);
    });
    try {
      return await Promise.race([work, late]);
    } catch (err) {
      if (err instanceof ChannelError) throw err;
      throw new ChannelError(
        { reason: 'mqtt_failed', params: { detail: (err as Error).message.slice(0, 300) } },
        true,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  async verify(): Promise<void> {
    if (!this.configured) throw new ChannelError(NOT_CONFIGURED, true);
    await this.connected();
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.endAsync(true);
  }
}
