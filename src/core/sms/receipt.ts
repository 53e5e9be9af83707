/**
 * SMSC delivery receipts, as deliver_sm carries them: the message_state and receipted_message_id
 * TLVs when the SMSC sends them (SMPP 3.4 and later), otherwise the de-facto text of SMPP 3.4
 * Appendix B: "id:… sub:… dlvrd:… submit date:… done date:… stat:DELIVRD err:… text:…".
 */

export const RECEIPT_STATES = [
  'ENROUTE',
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
] as const;
export type ReceiptState = (typeof RECEIPT_STATES)[number];

/** The message_state TLV's values (SMPP 3.4 §5.2.28) in the text's words. */
const BY_MESSAGE_STATE: Record<number, ReceiptState> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

export interface Receipt {
  /** The message_id the SMSC gave in its submit_sm_resp. */
  messageId: string;
  state: ReceiptState;
  /** The network's error code, when the receipt gives one other than zero. */
  error: string | null;
  /** No later receipt will follow for this message (every state but ENROUTE and ACCEPTD). */
  final: boolean;
}

export interface ReceiptFields {
  text: string;
  receiptedMessageId?: string | null | undefined;
  messageState?: number | null | undefined;
}

const field = (text: string, name: string): string | undefined =>
  new RegExp(`(?:^|\\s)${name}:(\\S+)`, 'i').exec(text)?.[1];

/** The receipt a deliver_sm carries, or null when neither the TLVs nor the text make one. */
export function parseReceipt(f: ReceiptFields): Receipt | null {
  const messageId = f.receiptedMessageId || field(f.text, 'id');
  const stat = f.messageState != null ? BY_MESSAGE_STATE[f.messageState] : undefined;
  const word = (stat ?? field(f.text, 'stat'))?.toUpperCase();
  if (!messageId || !word) return null;
  const state = (RECEIPT_STATES as readonly string[]).includes(word) ? (word as ReceiptState) : 'UNKNOWN';
  const err = field(f.text, 'err');
  return {
    messageId,
    state,
    error: err && !/^0+$/.test(err) ? err : null,
    final: state !== 'ENROUTE' && state !== 'ACCEPTD',
  };
}

/**
 * The state of a whole message from its parts' receipts: delivered when every part is, failed
 * with the first part's failure when any part failed for good, otherwise still open (null).
 */
export function messageReceipt(parts: readonly (ReceiptState | null)[]): ReceiptState | null {
  const failed = parts.find((s) => s !== null && s !== 'DELIVRD' && s !== 'ENROUTE' && s !== 'ACCEPTD');
  if (failed) return failed;
  return parts.length > 0 && parts.every((s) => s === 'DELIVRD') ? 'DELIVRD' : null;
}
