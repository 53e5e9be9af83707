import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTICE_STATUSES, type NoticeStatus } from './notice.js';
import {
  actionsFor,
  capKindOf,
  NOTICE_ACTIONS,
  refusal,
  statusAfter,
  type WorkflowNotice,
} from './workflow.js';

const now = new Date('2026-10-20T00:00:00Z');
const pio = (userId: string) => ({ userId, canDraft: true, canPublish: true });
const authoriser = (userId: string) => ({ userId, canDraft: false, canPublish: true });
const director = { userId: 'dir', canDraft: false, canPublish: false };
const notice = (status: NoticeStatus, revision = 0, submittedBy: string | null = null): WorkflowNotice => ({
  status,
  revision,
  submittedBy,
  endsAt: '2026-10-25T14:00:00Z',
});
const facts = (...drafters: string[]) => ({ drafters: new Set(drafters), now });

describe('notice workflow', () => {
  it('goes draft → review → published by a second person', () => {
    expect(refusal('submit', notice('draft'), pio('a'), facts('a'))).toBeNull();
    expect(statusAfter('submit')).toBe('review');
    expect(refusal('publish', notice('review', 0, 'a'), pio('b'), facts('a'))).toBeNull();
    expect(refusal('publish', notice('review', 0, 'a'), authoriser('c'), facts('a'))).toBeNull();
    expect(capKindOf('publish', 0)).toBe('Alert');
    expect(capKindOf('publish', 1)).toBe('Update');
    expect(capKindOf('cancel', 4)).toBe('Cancel');
  });

  it('never lets the drafter, an editor or the submitter publish', () => {
    expect(refusal('publish', notice('review', 0, 'a'), pio('a'), facts('a'))).toMatchObject({
      code: 'notice_own_draft',
      status: 403,
    });
    // b edited a's draft: b is a drafter too.
    expect(refusal('publish', notice('review', 0, 'a'), pio('b'), facts('a', 'b'))?.code).toBe(
      'notice_own_draft',
    );
    // c submitted a draft that a wrote.
    expect(refusal('publish', notice('review', 0, 'c'), pio('c'), facts('a'))?.code).toBe('notice_own_draft');
    // Nobody known: a system actor never publishes.
    expect(
      refusal('publish', notice('review'), { userId: null, canDraft: true, canPublish: true }, facts())?.code,
    ).toBe('notice_own_draft');
  });

  it('publishes only what is in review', () => {
    expect(refusal('publish', notice('draft'), pio('b'), facts('a'))).toMatchObject({
      code: 'notice_state',
      status: 409,
    });
    expect(refusal('publish', notice('published', 1), pio('b'), facts())?.code).toBe('notice_state');
    expect(refusal('publish', notice('cancelled', 2), pio('b'), facts())?.code).toBe('notice_closed');
  });

  it('corrects a published notice through a new draft, and cancels only what was published', () => {
    expect(refusal('edit', notice('published', 1), pio('a'), facts())).toBeNull();
    expect(statusAfter('edit')).toBe('draft');
    expect(refusal('cancel', notice('draft', 1), pio('a'), facts('a'))).toBeNull();
    expect(refusal('cancel', notice('draft', 0), pio('a'), facts())?.code).toBe('notice_not_published');
    expect(
      refusal('cancel', notice('published', 1), { userId: 'x', canDraft: true, canPublish: false }, facts())
        ?.code,
    ).toBe('notice_permission');
  });

  it('expires only a published notice whose window is over', () => {
    const over = { ...notice('published', 1), endsAt: '2026-10-19T00:00:00Z' };
    expect(refusal('expire', over, director, facts())).toBeNull();
    expect(refusal('expire', notice('published', 1), director, facts())?.code).toBe('notice_not_over');
    expect(refusal('expire', { ...over, status: 'cancelled' }, director, facts())?.code).toBe(
      'notice_closed',
    );
    expect(refusal('expire', { ...over, revision: 0, status: 'draft' }, director, facts())?.code).toBe(
      'notice_not_published',
    );
  });

  it('lets a reader do nothing, and explains every refusal', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NOTICE_STATUSES), fc.nat(5), (status, revision) => {
        const all = actionsFor(notice(status, revision), director, facts());
        for (const r of Object.values(all)) expect(r?.status).toBe(403);
        for (const action of NOTICE_ACTIONS) {
          const r = refusal(action, notice(status, revision, 'a'), pio('a'), facts('a'));
          if (r) expect(r.reason.length).toBeGreaterThan(10);
        }
        // Nothing leaves a closed notice.
        if (status === 'cancelled' || status === 'expired')
          for (const action of NOTICE_ACTIONS)
            expect(refusal(action, notice(status, revision, 'a'), pio('b'), facts('a'))).not.toBeNull();
      }),
    );
  });
});
