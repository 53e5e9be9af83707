import { describe, expect, it } from 'vitest';
import { receiverSecret } from '../../src/channels/webhook/signature.js';
import { dabyl } from '../support/dabyl-bin.js';

const KEY = 'a-signing-key-of-at-least-32-characters';

describe('dabyl webhook secret', () => {
  it("prints the receiver's own secret, the one its signatures verify with", async () => {
    const url = 'https://hooks.example.kz/dabyl';
    const run = await dabyl(['webhook', 'secret', url], {
      DABYL_WEBHOOK_SIGNING_KEY: KEY,
      DABYL_DATA_DIR: ':memory:',
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(receiverSecret(KEY, url));
  });

  it('refuses a private address, and says when there is no key to derive from', async () => {
    const bad = await dabyl(['webhook', 'secret', 'https://10.0.0.5/in'], {
      DABYL_WEBHOOK_SIGNING_KEY: KEY,
      DABYL_DATA_DIR: ':memory:',
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/url: must not point at a private/);
    const none = await dabyl(['webhook', 'secret', 'https://hooks.example.kz/'], {
      DABYL_DATA_DIR: ':memory:',
    });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/DABYL_WEBHOOK_SIGNING_KEY is not set/);
    const short = await dabyl(['webhook', 'secret', 'https://hooks.example.kz/'], {
      DABYL_WEBHOOK_SIGNING_KEY: 'short',
      DABYL_DATA_DIR: ':memory:',
    });
    expect(short.code).toBe(3);
    expect(short.stderr).toMatch(/DABYL_WEBHOOK_SIGNING_KEY: must be at least 32 characters/);
  });
});
