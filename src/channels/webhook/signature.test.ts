import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { receiverSecret, secretKey, signWebhook, signWebhookBytes, verifyWebhook } from './signature.js';

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

  it('sign the bytes that are sent as the text they encode, whatever its script', () => {
    const secret = receiverSecret(KEY, 'https://a.example.kz/hook');
    const body = '{"headline":"Жер сілкінісі","ru":"Землетрясение"}';
    const signature = signWebhookBytes(secretKey(secret), 'msg_1', 1700000000, Buffer.from(body));
    expect(signature).toBe(signWebhook(secret, 'msg_1', 1700000000, body));
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: '1700000000', signature }, body, 1700000000)).toBe(
      true,
    );
    // Standard Webhooks' own definition, worked out apart: HMAC-SHA256 of "id.timestamp.body".
    const reference = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64'))
      .update(`msg_1.1700000000.${body}`, 'utf8')
      .digest('base64');
    expect(signature).toBe(`v1,${reference}`);
  });
});
