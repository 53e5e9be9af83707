/**
 * What an SMSC's command_status means for a submit: nothing accepted either way, but may a later
 * try succeed? Refusals of the address, the text or the encoding are permanent; a full queue, a
 * throttle, a system error or a bind in the wrong state are temporary. A code we do not know is
 * taken as temporary: retried until the outbox's horizon rather than an alert lost to a guess.
 */

const NAMES: Record<number, string> = {
  0x01: 'ESME_RINVMSGLEN (message length invalid)',
  0x04: 'ESME_RINVBNDSTS (incorrect bind status)',
  0x05: 'ESME_RALYBND (already bound)',
  0x08: 'ESME_RSYSERR (system error)',
  0x0a: 'ESME_RINVSRCADR (invalid source address)',
  0x0b: 'ESME_RINVDSTADR (invalid destination address)',
  0x0d: 'ESME_RBINDFAIL (bind failed)',
  0x0e: 'ESME_RINVPASWD (invalid password)',
  0x0f: 'ESME_RINVSYSID (invalid system_id)',
  0x14: 'ESME_RMSGQFUL (message queue full)',
  0x43: 'ESME_RINVESMCLASS (invalid esm_class)',
  0x45: 'ESME_RSUBMITFAIL (submit failed)',
  0x48: 'ESME_RINVSRCTON (invalid source TON)',
  0x49: 'ESME_RINVSRCNPI (invalid source NPI)',
  0x50: 'ESME_RINVDSTTON (invalid destination TON)',
  0x51: 'ESME_RINVDSTNPI (invalid destination NPI)',
  0x58: 'ESME_RTHROTTLED (throttling error)',
  0x62: 'ESME_RINVEXPIRY (invalid validity period)',
  0x64: 'ESME_RX_T_APPN (temporary application error)',
  0x65: 'ESME_RX_P_APPN (permanent application error)',
  0x66: 'ESME_RX_R_APPN (message rejected)',
  0xc0: 'ESME_RINVTLVSTREAM (invalid TLV stream)',
  0xfe: 'ESME_RDELIVERYFAILURE (delivery failure)',
  0xff: 'ESME_RUNKNOWNERR (unknown error)',
  0x101: 'ESME_RPROHIBITED (prohibited)',
  0x104: 'ESME_RINVDCS (invalid data_coding)',
};

/** Refusals that no later try of the same message to the same address can overcome. */
const PERMANENT = new Set([
  0x01, 0x0a, 0x0b, 0x43, 0x48, 0x49, 0x50, 0x51, 0x62, 0x65, 0x66, 0xc0, 0x101, 0x104,
]);

/** Refusals that say "slow down": the bind backs off before its next submit. */
const SLOW_DOWN = new Set([0x14, 0x58]);

export const ESME_RTHROTTLED = 0x58;

export const smppStatusName = (status: number): string =>
  NAMES[status] ?? `command_status 0x${status.toString(16).padStart(8, '0')}`;

export const isPermanentRefusal = (status: number): boolean => PERMANENT.has(status);

export const asksToSlowDown = (status: number): boolean => SLOW_DOWN.has(status);
