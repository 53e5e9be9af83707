import { describe, expect, it } from 'vitest';
import { messageReceipt, parseReceipt } from './receipt.js';

describe('delivery receipts', () => {
  it('reads the SMPP 3.4 Appendix B text', () => {
    expect(
      parseReceipt({
        text: 'id:0123456789 sub:001 dlvrd:001 submit date:2610250500 done date:2610250501 stat:DELIVRD err:000 text:EXERCISE EXERCISE',
      }),
    ).toEqual({ messageId: '0123456789', state: 'DELIVRD', error: null, final: true });
    expect(parseReceipt({ text: 'id:ab12 sub:001 dlvrd:000 stat:UNDELIV err:034 text:' })).toMatchObject({
      state: 'UNDELIV',
      error: '034',
      final: true,
    });
  });

  it('prefers the TLVs to the text', () => {
    expect(
      parseReceipt({ text: 'id:wrong stat:UNDELIV', receiptedMessageId: 'm-7', messageState: 2 }),
    ).toMatchObject({ messageId: 'm-7', state: 'DELIVRD' });
    expect(parseReceipt({ text: '', receiptedMessageId: 'm-8', messageState: 1 })).toMatchObject({
      state: 'ENROUTE',
      final: false,
    });
  });

  it('is null for a text that is no receipt, and UNKNOWN for a state word it does not know', () => {
    expect(parseReceipt({ text: 'Иду на точку сбора' })).toBeNull();
    expect(parseReceipt({ text: 'id:1 stat:WEIRD' })).toMatchObject({ state: 'UNKNOWN' });
  });

  it('makes one state of a message from its parts', () => {
    expect(messageReceipt(['DELIVRD', 'DELIVRD'])).toBe('DELIVRD');
    expect(messageReceipt(['DELIVRD', null])).toBeNull();
    expect(messageReceipt(['DELIVRD', 'ENROUTE'])).toBeNull();
    expect(messageReceipt(['DELIVRD', 'UNDELIV', null])).toBe('UNDELIV');
    expect(messageReceipt([])).toBeNull();
  });
});
