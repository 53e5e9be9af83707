import { describe, expect, it } from 'vitest';
import { alertRefusal, stateAfterApproval, type WorkflowActor, type WorkflowAlert } from './workflow.js';

const awaiting = (over: Partial<WorkflowAlert> = {}): WorkflowAlert => ({
  state: 'awaiting_approval',
  status: 'Actual',
  drafters: new Set(['pio']),
  submittedBy: 'pio',
  threadCancelled: false,
  latestIssued: false,
  followUpPending: false,
  ...over,
});
const authoriser: WorkflowActor = { userId: 'auth', canDraft: true, canApprove: true };
const pio: WorkflowActor = { userId: 'pio', canDraft: true, canApprove: false };

describe('the two-person rule', () => {
  it('lets another authoriser approve an Actual alert', () => {
    expect(alertRefusal('approve', awaiting(), authoriser)).toBeNull();
  });

  it('never lets the drafter approve their own Actual alert, even holding the authoriser role', () => {
    const drafterAuthoriser = { ...authoriser, userId: 'pio' };
    expect(alertRefusal('approve', awaiting(), drafterAuthoriser)?.code).toBe('alert_own_draft');
    // Whoever edited it along the way is a drafter too, and so is the one who submitted it.
    expect(alertRefusal('approve', awaiting({ drafters: new Set(['pio', 'auth']) }), authoriser)?.code).toBe(
      'alert_own_draft',
    );
    expect(alertRefusal('approve', awaiting({ submittedBy: 'auth' }), authoriser)?.code).toBe(
      'alert_own_draft',
    );
    expect(alertRefusal('approve', awaiting(), { ...authoriser, userId: null })?.code).toBe(
      'alert_own_draft',
    );
  });

  it('needs the authoriser role to approve, whoever drafted', () => {
    expect(alertRefusal('approve', awaiting({ drafters: new Set(['x']) }), pio)?.code).toBe(
      'alert_permission',
    );
  });

  it('lets an exercise team approve its own Exercise or Test alert (still with the role and a second factor)', () => {
    const own = { ...authoriser, userId: 'pio' };
    expect(alertRefusal('approve', awaiting({ status: 'Exercise' }), own)).toBeNull();
    expect(alertRefusal('approve', awaiting({ status: 'Test' }), own)).toBeNull();
  });

  it('approves only what awaits approval, and nothing of a cancelled alert', () => {
    expect(alertRefusal('approve', awaiting({ state: 'draft' }), authoriser)?.code).toBe('alert_state');
    expect(alertRefusal('approve', awaiting({ state: 'sent' }), authoriser)?.code).toBe('alert_state');
    expect(alertRefusal('approve', awaiting({ threadCancelled: true }), authoriser)?.code).toBe(
      'alert_closed',
    );
  });
});

describe('updates and cancellations', () => {
  const sent = awaiting({ state: 'sent', latestIssued: true });
  it('update and cancel start only from the newest issued message', () => {
    expect(alertRefusal('update', sent, pio)).toBeNull();
    expect(alertRefusal('cancel', sent, authoriser)).toBeNull();
    expect(alertRefusal('cancel', sent, pio)?.code).toBe('alert_permission');
    expect(alertRefusal('update', { ...sent, latestIssued: false }, pio)?.code).toBe('alert_state');
    expect(alertRefusal('update', { ...sent, followUpPending: true }, pio)?.code).toBe('alert_state');
    expect(alertRefusal('cancel', { ...sent, threadCancelled: true }, authoriser)?.code).toBe('alert_closed');
  });

  it('ends System and Draft messages issued but sent to nobody', () => {
    expect(stateAfterApproval('Actual')).toBe('sent');
    expect(stateAfterApproval('Exercise')).toBe('sent');
    expect(stateAfterApproval('System')).toBe('approved');
    expect(stateAfterApproval('Draft')).toBe('approved');
  });
});
