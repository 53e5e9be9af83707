import type { AlertState, AlertStatus } from './alert.js';

/*
 * The life of one alert message, as pure rules.
 *
 *   draft ──submit──▶ awaiting_approval ──approve (authoriser + second factor)──▶ sent
 *     ▲                     │                                                 (approved, for
 *     └────── return ───────┘                                                  System and Draft)
 *
 * From an issued message, an Update (or "all clear") starts a new draft of the thread, and a
 * Cancel is issued at once by an authoriser with a second factor: a correction must not wait for
 * a second round of drafting (DESIGN.md, Safety). An Actual message is never approved by anyone
 * who drafted or submitted it, whatever roles they hold.
 */

export const ALERT_ACTIONS = ['edit', 'submit', 'return', 'approve', 'update', 'cancel'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export interface WorkflowAlert {
  state: AlertState;
  status: AlertStatus;
  drafters: ReadonlySet<string>;
  submittedBy: string | null;
  /** The thread has been cancelled: nothing more comes of it. */
  threadCancelled: boolean;
  /** This message is the newest issued one of its thread (only it can be updated or cancelled). */
  latestIssued: boolean;
  /** A newer message of the thread is being drafted or awaits approval. */
  followUpPending: boolean;
}

export interface WorkflowActor {
  userId: string | null;
  canDraft: boolean;
  canApprove: boolean;
}

export interface AlertRefusal {
  code: 'alert_permission' | 'alert_own_draft' | 'alert_state' | 'alert_closed';
  status: 403 | 409;
  reason: string;
}

const refuse = (
  code: AlertRefusal['code'],
  status: AlertRefusal['status'],
  reason: string,
): AlertRefusal => ({
  code,
  status,
  reason,
});

const issued = (s: AlertState) => s === 'sent' || s === 'approved';

/** Whether `actor` may take `action` on the message now; null when allowed, else why not. */
export function alertRefusal(
  action: AlertAction,
  a: WorkflowAlert,
  actor: WorkflowActor,
): AlertRefusal | null {
  switch (action) {
    case 'edit':
    case 'submit':
      if (!actor.canDraft)
        return refuse('alert_permission', 403, 'Only a person who drafts alerts may do this.');
      if (a.state !== 'draft')
        return refuse(
          'alert_state',
          409,
          a.state === 'awaiting_approval'
            ? 'The alert awaits approval; send it back to change it.'
            : 'The alert was issued; make an update instead.',
        );
      return null;
    case 'return':
      if (!actor.canDraft && !actor.canApprove)
        return refuse(
          'alert_permission',
          403,
          'Only a person who drafts or approves alerts may send one back.',
        );
      return a.state === 'awaiting_approval'
        ? null
        : refuse('alert_state', 409, 'Only an alert awaiting approval can be sent back.');
    case 'approve':
      if (!actor.canApprove)
        return refuse('alert_permission', 403, 'Only an alert authoriser may approve alerts.');
      if (a.state !== 'awaiting_approval')
        return refuse(
          'alert_state',
          409,
          issued(a.state)
            ? 'This alert was approved already.'
            : 'The alert must be submitted for approval first.',
        );
      if (a.threadCancelled)
        return refuse('alert_closed', 409, 'The alert was cancelled; nothing more can be sent in its name.');
      if (
        a.status === 'Actual' &&
        (actor.userId === null || a.drafters.has(actor.userId) || a.submittedBy === actor.userId)
      )
        return refuse(
          'alert_own_draft',
          403,
          'You drafted or submitted this Actual alert; another authoriser must approve it.',
        );
      return null;
    case 'update':
      if (!actor.canDraft)
        return refuse('alert_permission', 403, 'Only a person who drafts alerts may start an update.');
      if (a.threadCancelled)
        return refuse('alert_closed', 409, 'The alert was cancelled; it can no longer be updated.');
      if (!issued(a.state) || !a.latestIssued)
        return refuse('alert_state', 409, 'Only the newest issued message of an alert can be updated.');
      if (a.followUpPending)
        return refuse('alert_state', 409, 'An update of this alert is already being drafted.');
      return null;
    case 'cancel':
      if (!actor.canApprove)
        return refuse('alert_permission', 403, 'Only an alert authoriser may cancel an alert.');
      if (a.threadCancelled) return refuse('alert_closed', 409, 'The alert is cancelled already.');
      if (!issued(a.state) || !a.latestIssued)
        return refuse('alert_state', 409, 'Only the newest issued message of an alert can be cancelled.');
      return null;
  }
}

/** The state an approved message ends in: sent to its audience, or only issued when never sent. */
export const stateAfterApproval = (status: AlertStatus): AlertState =>
  status === 'System' || status === 'Draft' ? 'approved' : 'sent';
