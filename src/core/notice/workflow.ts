import type { NoticeStatus } from './notice.js';

/*
 * The life of a notice's working copy, as pure rules.
 *
 *   draft ──submit──▶ review ──publish (another person)──▶ published
 *     ▲                 │                                      │
 *     └──── edit ───────┘◀──────── edit (a correction) ────────┘
 *   published (or being corrected) ──cancel──▶ cancelled      ──expire (after ends_at)──▶ expired
 *
 * Publishing a notice never published is revision 1, a CAP Alert; publishing a correction is
 * revision n+1, a CAP Update; cancelling is revision n+1, a CAP Cancel. While a correction is a
 * draft or in review the public keeps reading the last published revision.
 */

export const NOTICE_ACTIONS = ['edit', 'submit', 'return', 'publish', 'cancel', 'expire'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

export interface WorkflowNotice {
  status: NoticeStatus;
  /** The newest published revision; 0 before the first publication. */
  revision: number;
  submittedBy: string | null;
  endsAt: string;
}

export interface WorkflowActor {
  userId: string | null;
  canDraft: boolean;
  canPublish: boolean;
}

/** Why an action is refused: a stable code, the HTTP status and a sentence for the person. */
export interface Refusal {
  code:
    | 'notice_permission'
    | 'notice_own_draft'
    | 'notice_state'
    | 'notice_closed'
    | 'notice_not_published'
    | 'notice_not_over';
  status: 403 | 409;
  reason: string;
}

export interface WorkflowFacts {
  /** Everyone who wrote the working copy since the last publication (creator, editors, submitter). */
  drafters: ReadonlySet<string>;
  now: Date;
}

const refuse = (code: Refusal['code'], status: Refusal['status'], reason: string): Refusal => ({
  code,
  status,
  reason,
});

const closed = (n: WorkflowNotice): Refusal | null =>
  n.status === 'cancelled'
    ? refuse('notice_closed', 409, 'The notice was cancelled; it can no longer change.')
    : n.status === 'expired'
      ? refuse('notice_closed', 409, 'The notice has expired; it can no longer change.')
      : null;

/** Whether `actor` may take `action` on `notice` now; null when allowed, else the reason. */
export function refusal(
  action: NoticeAction,
  notice: WorkflowNotice,
  actor: WorkflowActor,
  facts: WorkflowFacts,
): Refusal | null {
  switch (action) {
    case 'edit':
      if (!actor.canDraft)
        return refuse('notice_permission', 403, 'Only a person who drafts notices may edit.');
      return closed(notice);
    case 'submit':
      if (!actor.canDraft)
        return refuse(
          'notice_permission',
          403,
          'Only a person who drafts notices may submit one for review.',
        );
      if (notice.status === 'review') return refuse('notice_state', 409, 'The notice is already in review.');
      if (notice.status === 'published')
        return refuse('notice_state', 409, 'The notice is published as it is; edit it first to correct it.');
      return closed(notice);
    case 'return':
      if (!actor.canDraft && !actor.canPublish)
        return refuse(
          'notice_permission',
          403,
          'Only a person who drafts or publishes notices may send one back.',
        );
      return notice.status === 'review'
        ? null
        : refuse('notice_state', 409, 'Only a notice in review can be sent back to its drafter.');
    case 'publish':
      if (!actor.canPublish)
        return refuse('notice_permission', 403, 'Only a person allowed to publish notices may publish.');
      if (notice.status !== 'review')
        return (
          closed(notice) ??
          refuse(
            'notice_state',
            409,
            notice.status === 'published'
              ? 'This version is published already.'
              : 'The notice must be submitted for review before it is published.',
          )
        );
      if (actor.userId === null || facts.drafters.has(actor.userId) || actor.userId === notice.submittedBy)
        return refuse(
          'notice_own_draft',
          403,
          'You drafted or submitted this version; another person must review and publish it.',
        );
      return null;
    case 'cancel':
      if (!actor.canPublish)
        return refuse('notice_permission', 403, 'Only a person allowed to publish notices may cancel one.');
      return (
        closed(notice) ??
        (notice.revision < 1
          ? refuse('notice_not_published', 409, 'The notice was never published; there is nothing to cancel.')
          : null)
      );
    case 'expire':
      return (
        closed(notice) ??
        (notice.revision < 1
          ? refuse('notice_not_published', 409, 'Only a published notice expires.')
          : Date.parse(notice.endsAt) > facts.now.getTime()
            ? refuse('notice_not_over', 409, "The notice's window has not ended yet.")
            : null)
      );
  }
}

/** The status an allowed action leaves the working copy in. */
export function statusAfter(action: NoticeAction): NoticeStatus {
  switch (action) {
    case 'edit':
    case 'return':
      return 'draft';
    case 'submit':
      return 'review';
    case 'publish':
      return 'published';
    case 'cancel':
      return 'cancelled';
    case 'expire':
      return 'expired';
  }
}

/** The CAP msgType a publication or cancellation goes out as. */
export function capKindOf(action: 'publish' | 'cancel', revision: number): 'Alert' | 'Update' | 'Cancel' {
  if (action === 'cancel') return 'Cancel';
  return revision < 1 ? 'Alert' : 'Update';
}

/** Every action with its refusal (null: allowed), for a console that explains a disabled button. */
export function actionsFor(
  notice: WorkflowNotice,
  actor: WorkflowActor,
  facts: WorkflowFacts,
): Record<Exclude<NoticeAction, 'expire'>, Refusal | null> {
  return {
    edit: refusal('edit', notice, actor, facts),
    submit: refusal('submit', notice, actor, facts),
    return: refusal('return', notice, actor, facts),
    publish: refusal('publish', notice, actor, facts),
    cancel: refusal('cancel', notice, actor, facts),
  };
}
