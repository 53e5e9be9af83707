import type { AppContext } from '../services/context.js';
import type { OutboxSource, RenderTarget } from '../services/outbox/source.js';

interface Open {
  targets: RenderTarget[];
  prepared: Promise<unknown>;
}

/**
 * Gathers the renders of one claimed batch by source, so that a source's `prepare` runs once for
 * every delivery of it that is rendered together rather than once per delivery. A batch stays open
 * until its source has loaded — at least until the dispatcher has started every send of the claim,
 * which it does in one synchronous pass — and a render that comes later opens a new one, so none
 * waits on a batch it is not in.
 */
export class RenderBatches {
  private readonly open = new Map<string, Open>();

  constructor(private readonly ctx: AppContext) {}

  /** What `source.prepare` gave for the batch `target` is rendered in; undefined for sources without one. */
  preparedFor(
    key: string,
    source: OutboxSource,
    loaded: Promise<unknown>,
    target: RenderTarget,
  ): Promise<unknown> {
    const prepare = source.prepare?.bind(source);
    if (!prepare) return Promise.resolve(undefined);
    let batch = this.open.get(key);
    if (!batch) {
      const targets: RenderTarget[] = [];
      const prepared = loaded.then((s) => {
        this.open.delete(key);
        return s === undefined ? undefined : prepare(this.ctx, s, targets);
      });
      // Each render awaits it and handles its failure; this keeps an unawaited copy from being reported.
      prepared.catch(() => undefined);
      batch = { targets, prepared };
      this.open.set(key, batch);
    }
    batch.targets.push(target);
    return batch.prepared;
  }
}
