import { describe, expect, it } from 'vitest';
import { receiverSecret, signWebhook, verifyWebhook } from './signature.js';

const KEY = 'k'.repeat(40);

describe('webhook signatures', () => {
  it('give each receiver its own secret, stable for its URL', () => {
    const a = receiverSecret(KEY, 'https://a.example.kz/hook');
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(receiverSecret(KEY, 'https://a.example.kz/hook?x=1')).toBe(a);
    expect(receiverSecret(KEY, 'https://b.example.kz/hook')).not.toBe(a);
    expect(receiverSecret(`${KEY}2`, 'https://a.example.kz/hook')).not.toBe(a);
  });

  it('verify what was signed, and nothing changed, replayed late or signed for another', () => {
    const secret = receiverSecret(KEY, 'https://a.example.kz/hook');
    const body = '{"alert":"x"}';
    const headers = {
      id: 'msg_1',
      timestamp: '1700000000',
      signature: signWebhook(secret, 'msg_1', 1700000000, body),
    };
    expect(verifyWebhook(secret, headers, body, 1700000010)).toBe(true);
    expect(verifyWebhook(secret, headers, '{"alert":"y"}', 1700000010)).toBe(false);
    expect(verifyWebhook(secret, { ...headers, id: 'msg_2' }, body, 1700000010)).toBe(false);
    expect(verifyWebhook(secret, headers, body, 1700001000)).toBe(false);
    expect(verifyWebhook(receiverSecret(KEY, 'https://b.example.kz/hook'), headers, body, 1700000010)).toBe(
      false,
    );
    expect(
      verifyWebhook(secret, { ...headers, signature: `v1,bogus ${headers.signature}` }, body, 1700000010),
    ).toBe(true);
  });
});
