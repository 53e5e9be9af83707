import type { NoticeSnapshot } from '../../core/notice/notice.js';
import type { AppContext, Q } from '../context.js';

/** What a publication asks the outbox for: the notice as published and the revision it became. */
export interface FanOutRequest {
  snapshot: NoticeSnapshot;
  revision: number;
  /** The CAP msgType of this revision. */
  kind: 'Alert' | 'Update' | 'Cancel';
}

/**
 * Writes one delivery per subscriber whose places the notice's areas touch (and, for an update
 * or cancellation, per earlier recipient), inside the caller's transaction, so that the
 * publication and its deliveries commit together. Returns the number of deliveries written.
 * The subscription work fills this in; until then a publication notifies nobody.
 */
export async function fanOutNotice(_ctx: AppContext, _trx: Q, _request: FanOutRequest): Promise<number> {
  return 0;
}
