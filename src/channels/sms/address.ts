import { ChannelError } from '../channel.js';

/** SMPP addresses: type of number (TON), numbering plan (NPI) and the digits or name. */
export interface Address {
  addr: string;
  ton: number;
  npi: number;
}

/** A phone number as SMPP wants it: international digits (TON 1, NPI 1) without the plus. */
export function destination(to: string): Address {
  const compact = to.replace(/[\s()-]/g, '');
  if (!/^\+?\d{5,15}$/.test(compact)) throw new ChannelError({ reason: 'sms_number', params: { to } }, false);
  return { addr: compact.replace(/^\+/, ''), ton: compact.startsWith('+') ? 1 : 0, npi: 1 };
}

/** The sender: a name (TON 5 alphanumeric) or a number. */
export function senderAddress(source: string): Address {
  if (/^\+?\d{3,15}$/.test(source))
    return { addr: source.replace(/^\+/, ''), ton: source.startsWith('+') ? 1 : 0, npi: 1 };
  if (!/^[\x20-\x7e]{1,11}$/.test(source))
    throw new RangeError('the SMS sender must be a number or at most 11 printable ASCII characters');
  return { addr: source, ton: 5, npi: 0 };
}
