import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSmtp, type TestSmtp } from '../../../test/support/smtp.js';
import { ChannelError, type Outgoing } from '../channel.js';
import { EmailChannel } from './email.channel.js';

describe('the e-mail channel against a real SMTP server', () => {
  let smtp: TestSmtp;
  let channel: EmailChannel;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    channel = new EmailChannel({ smtpUrl: smtp.url, from: 'Dabyl <notices@dabyl.example.kz>' });
  });
  afterAll(async () => {
    await channel.close();
    await smtp.close();
  });

  const message: Outgoing = {
    deliveryId: '0f8fad5b-d9cb-469f-a165-70867728950e',
    to: 'aigerim@example.org',
    toName: 'Айгерим',
    language: 'ru',
    message: {
      kind: 'email',
      subject: 'Учения в Астане: <EXPO>',
      text: 'Это учения.',
      html: '<p>Это учения.</p>',
      unsubscribeUrl: 'https://dabyl.example.kz/unsubscribe?token=abc_DEF-123',
    },
  };

  it('sends with a Message-ID from the delivery id and the RFC 8058 one-click headers', async () => {
    const before = smtp.mails.length;
    const result = await channel.send(message);
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(result.providerId).toBe('<0f8fad5b-d9cb-469f-a165-70867728950e@dabyl.example.kz>');
    expect(mail!.messageId).toBe(result.providerId);
    expect(mail!.subject).toBe('Учения в Астане: <EXPO>');
    const line = (key: string) => mail!.headerLines.find((h) => h.key === key)?.line;
    expect(line('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(line('list-unsubscribe')).toBe(
      'List-Unsubscribe: <https://dabyl.example.kz/unsubscribe?token=abc_DEF-123>',
    );
    expect(mail!.text?.trim()).toBe('Это учения.');
    expect(mail!.html).toContain('<p>Это учения.</p>');
    expect(mail!.to && 'value' in mail!.to ? mail!.to.value[0]?.address : null).toBe('aigerim@example.org');
  });

  it('refuses a line break in a header value before anything is sent', async () => {
    const before = smtp.mails.length;
    const err = await channel
      .send({ ...message, toName: 'Eve\r\nBcc: victim@example.org' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).temporary).toBe(false);
    expect((err as ChannelError).message).toMatch(/^name: .*header injection/);
    await channel.send({ ...message, deliveryId: 'a0000000-0000-4000-8000-000000000001' });
    await smtp.waitFor(before + 1);
    expect(smtp.mails).toHaveLength(before + 1);
  });

  it('says a 4xx reply is temporary and a 5xx reply permanent', async () => {
    smtp.failWith = 451;
    const soft = (await channel.send(message).catch((e: unknown) => e)) as ChannelError;
    smtp.failWith = 550;
    const hard = (await channel.send(message).catch((e: unknown) => e)) as ChannelError;
    smtp.failWith = null;
    expect([soft.temporary, hard.temporary]).toEqual([true, false]);
  });

  it('without DABYL_SMTP_URL is not configured and says why', async () => {
    const none = new EmailChannel({ smtpUrl: undefined, from: 'a@b.kz' });
    expect(none.configured).toBe(false);
    expect(none.notConfigured?.params).toMatchObject({ setting: 'DABYL_SMTP_URL' });
    await expect(none.send(message)).rejects.toThrow(/DABYL_SMTP_URL/);
  });
});
