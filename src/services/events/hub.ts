import pg from 'pg';
import type { AppContext } from '../context.js';
import {
  eventWindow,
  notifyChannel,
  onLocalEvent,
  readEventsAfter,
  type StreamEvent,
} from './events.service.js';

export interface HubOptions {
  /** The safety-net poll: catches what a lost notification or a listener reconnect missed. */
  pollMs?: number;
  log?: (level: 'warn' | 'error', message: string) => void;
}

/** A connected reader as the hub sees it: it is handed every new batch, in order. */
export type Subscriber = (batch: readonly StreamEvent[]) => void;

/**
 * The one listener of a process. It learns that events were committed (PostgreSQL LISTEN/NOTIFY,
 * which every API process receives at commit; on SQLite the in-process nudge), reads the new
 * events once, and hands the batch to every connected reader; readers filter it by the policy.
 * A modest poll backs both up. It starts with its first reader.
 */
export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private last = 0;
  private starting: Promise<void> | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private client: pg.Client | null = null;
  private unhookLocal: (() => void) | null = null;
  private readonly pollMs: number;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: HubOptions = {},
  ) {
    this.pollMs = options.pollMs ?? (ctx.db.engine === 'postgres' ? 2000 : 1000);
  }

  /** The newest event this hub has handed out: a reader with no resume point starts here. */
  get lastSeq(): number {
    return this.last;
  }

  start(): Promise<void> {
    // A failed start (the database away) is tried again by the next reader, not remembered.
    this.starting ??= this.open().catch((err: unknown) => {
      this.starting = null;
      throw err;
    });
    return this.starting;
  }

  private async open(): Promise<void> {
    this.last = (await eventWindow(this.ctx)).last;
    if (this.ctx.db.engine === 'postgres') await this.listen();
    else this.unhookLocal = onLocalEvent(this.ctx.db, () => this.wake());
    this.timer = setInterval(() => this.wake(), this.pollMs);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    const url = this.ctx.config.databaseUrl;
    if (!url) throw new Error('the event hub needs DABYL_DATABASE_URL on PostgreSQL');
    const client = new pg.Client({ connectionString: url });
    client.on('notification', () => this.wake());
    client.on('error', (err) => {
      this.options.log?.('warn', `events: listener connection lost (${err.message}); reconnecting`);
      this.client = null;
      client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.relisten(), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN "${notifyChannel(this.ctx.db)}"`);
    this.client = client;
  }

  private async relisten(): Promise<void> {
    try {
      await this.listen();
      this.wake(); // whatever committed while we were not listening
    } catch (err) {
      this.options.log?.('warn', `events: cannot listen yet (${(err as Error).message})`);
      if (!this.stopped) setTimeout(() => void this.relisten(), 2000).unref();
    }
  }

  /** Something may have been committed: read it (once, however many wakes arrive meanwhile). */
  wake(): void {
    if (this.stopped || !this.starting) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const batch = await readEventsAfter(this.ctx, this.last, 500);
        if (batch.length === 0) return;
        this.last = batch[batch.length - 1]!.seq;
        for (const s of this.subscribers) s(batch);
        if (batch.length < 500) return;
      }
    } catch (err) {
      if (!this.stopped)
        this.options.log?.('error', `events: reading new events failed: ${(err as Error).message}`);
    }
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get readers(): number {
    return this.subscribers.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.unhookLocal?.();
    this.subscribers.clear();
    await this.draining;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}
