import mqtt from 'mqtt';
import {
  ackTopic,
  commandTopic,
  decodeCommand,
  statusTopic,
  type SirenCommand,
} from '../core/siren/command.js';

/** How a simulated controller behaves. */
export interface SimulatorOptions {
  url: string;
  prefix: string;
  /** The siren's command key (base64url), as `dabyl siren add` printed it. */
  key: string;
  /** Hears commands but never acknowledges (a siren whose radio link is one-way broken). */
  silent?: boolean;
  /** Acknowledges every command twice (a controller that repeats itself). */
  ackTwice?: boolean;
  battery?: number;
  mains?: boolean;
  fault?: string | null;
  /** Where each event goes, one JSON object a line; stdout by default. */
  out?: (line: string) => void;
}

/**
 * A siren controller for tests and demonstrations, run as its own process (`dabyl siren simulate`):
 * it listens on `<prefix>/command`, checks each command's signature, acts once per command id,
 * acknowledges on `<prefix>/ack`, and reports its battery, mains and fault on `<prefix>/status`
 * when it connects. Each thing it does is one JSON line, so a test reads what the siren heard.
 * Resolves with a stop function once it is subscribed.
 */
export async function runSirenSimulator(o: SimulatorOptions): Promise<() => Promise<void>> {
  const out = o.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const key = Buffer.from(o.key, 'base64url');
  const done = new Set<string>();
  const client = mqtt.connect(o.url, {
    clientId: `siren-sim-${o.prefix.replace(/\W/g, '-')}-${process.pid}`,
    reconnectPeriod: 500,
    // Subscriptions are made anew on every connection (see ready), not replayed by the client.
    resubscribe: false,
  });
  client.on('error', (err) => out(JSON.stringify({ event: 'error', message: err.message })));
  const ack = (c: SirenCommand) =>
    client.publishAsync(ackTopic(o.prefix), JSON.stringify({ id: c.id, result: 'done' }), { qos: 1 });
  client.on('message', (_topic, payload) => {
    let command: SirenCommand;
    try {
      command = decodeCommand(payload, key);
    } catch (err) {
      out(JSON.stringify({ event: 'rejected', message: (err as Error).message }));
      return;
    }
    const repeat = done.has(command.id);
    done.add(command.id);
    out(JSON.stringify({ event: 'command', repeat, ...command }));
    if (o.silent) return;
    void (async () => {
      await ack(command);
      if (o.ackTwice) await ack(command);
      out(JSON.stringify({ event: 'ack', id: command.id, times: o.ackTwice ? 2 : 1 }));
    })().catch((err: unknown) => out(JSON.stringify({ event: 'error', message: (err as Error).message })));
  });
  // On every connection, the first and each after the broker was away: subscribe, then report.
  const ready = async () => {
    await client.subscribeAsync(commandTopic(o.prefix), { qos: 1 });
    await client.publishAsync(
      statusTopic(o.prefix),
      JSON.stringify({ battery: o.battery ?? 100, mains: o.mains ?? true, fault: o.fault ?? null }),
      // Retained: whoever subscribes later still learns the siren's last state at once.
      { qos: 1, retain: true },
    );
    out(JSON.stringify({ event: 'ready', prefix: o.prefix }));
  };
  await new Promise<void>((resolve) =>
    client.on('connect', () => {
      ready()
        .then(resolve)
        .catch((err: unknown) => out(JSON.stringify({ event: 'error', message: (err as Error).message })));
    }),
  );
  return async () => {
    await client.endAsync();
  };
}
