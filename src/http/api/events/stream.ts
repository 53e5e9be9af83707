import type { ServerResponse } from 'node:http';
import { canSeeEvent } from '../../../core/policy/events.js';
import type { Actor } from '../../../core/policy/policy.js';
import type { EventHub } from '../../../services/events/hub.js';
import { eventWindow, readEventsAfter, type StreamEvent } from '../../../services/events/events.service.js';
import type { AppContext } from '../../../services/context.js';
import { exerciseOrganisations } from '../../../services/events/exercise-organisations.js';

/** Heartbeat comments keep proxies from closing an idle stream; each one also re-checks the reader. */
export const HEARTBEAT_MS = 15_000;
/** A reader this far behind (bytes the socket has not taken) is dropped; it resumes on reconnect. */
const MAX_BUFFERED = 1 << 20;

/** Who is reading, asked afresh: null when the credentials no longer let anyone in. */
export type Recheck = () => Promise<Actor | null>;

/** One SSE frame. `data` is one line of JSON, so no newline can split it. */
export function frame(id: number, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Each event's frame, made once however many readers it goes to (a batch is shared by all of them). */
const frames = new WeakMap<StreamEvent, string>();
function frameOf(e: StreamEvent): string {
  let text = frames.get(e);
  if (text === undefined) frames.set(e, (text = frame(e.seq, e.type, wire(e))));
  return text;
}

const wire = (e: StreamEvent) => ({
  seq: e.seq,
  at: e.at,
  type: e.type,
  organisationId: e.organisationId,
  exerciseId: e.exerciseId,
  subjectType: e.subjectType,
  subjectId: e.subjectId,
  payload: e.payload,
});

/**
 * One connected reader. Batches from the hub (and, first, the backlog after its resume point) are
 * handled in order on one promise chain; before each batch the reader's credentials are asked
 * again, so an event is never sent on the strength of a grant already revoked when it committed.
 * Events the policy does not let the reader see are skipped, their number still advancing.
 */
export class EventStream {
  private sent: number;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly ctx: AppContext,
    hub: EventHub,
    private readonly raw: ServerResponse,
    private actor: Actor,
    private readonly recheck: Recheck,
    resumeAfter: number | null,
    private readonly onClose: () => void,
  ) {
    this.sent = hub.lastSeq;
    // Subscribing in the same tick as reading lastSeq: every later batch starts after it, so nothing falls between.
    this.unsubscribe = hub.subscribe((batch) => this.enqueue(() => this.deliver(batch)));
    if (resumeAfter !== null) this.enqueue(() => this.resume(resumeAfter));
    this.heartbeat = setInterval(() => this.enqueue(() => this.beat()), HEARTBEAT_MS);
    this.heartbeat.unref();
    raw.on('close', () => this.close());
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(() => (this.closed ? undefined : step())).catch(() => this.close());
  }

  /** From the resume point to where the live batches begin; a gap the retention made is said plainly. */
  private async resume(after: number): Promise<void> {
    const { first, last } = await eventWindow(this.ctx);
    if (after < first - 1 || after > last) {
      // Events after the reader's point were pruned (or the point is not ours): it must reload.
      this.write(frame(Math.max(this.sent, last), 'reset', { reason: after > last ? 'unknown' : 'expired' }));
      this.sent = Math.max(this.sent, last);
      return;
    }
    this.sent = after;
    for (;;) {
      const batch = await readEventsAfter(this.ctx, this.sent, 500);
      if (batch.length === 0) return;
      await this.deliver(batch);
    }
  }

  private async deliver(batch: readonly StreamEvent[]): Promise<void> {
    const fresh = batch.filter((e) => e.seq > this.sent);
    if (fresh.length === 0) return;
    if (!(await this.stillAllowed())) return;
    const exercises = await exerciseOrganisations(
      this.ctx,
      fresh.flatMap((e) => (e.exerciseId === null ? [] : [e.exerciseId])),
    );
    let out = '';
    for (const e of fresh)
      if (canSeeEvent(this.actor, e, e.exerciseId === null ? undefined : (exercises.get(e.exerciseId) ?? [])))
        out += frameOf(e);
    this.sent = fresh[fresh.length - 1]!.seq;
    if (out) this.write(out);
  }

  private async beat(): Promise<void> {
    if (await this.stillAllowed()) this.write(': heartbeat\n\n');
  }

  private async stillAllowed(): Promise<boolean> {
    const actor = await this.recheck().catch(() => null);
    if (!actor) {
      this.close();
      return false;
    }
    this.actor = actor;
    return true;
  }

  private write(text: string): void {
    if (this.closed) return;
    this.raw.write(text);
    if (this.raw.writableLength > MAX_BUFFERED) this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.unsubscribe();
    this.raw.end();
    this.onClose();
  }
}
