import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.js';
import { vapidKeys } from './vapid.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-vapid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the VAPID key pair', () => {
  it('is made once, private to the server, and the same after a restart', () => {
    const first = vapidKeys(loadConfig({ DABYL_DATA_DIR: dir }));
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(Buffer.from(first.privateKey, 'base64url')).toHaveLength(32);
    const file = path.join(dir, 'keys', 'vapid.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A new process: a new Config read from the same environment.
    expect(vapidKeys(loadConfig({ DABYL_DATA_DIR: dir }))).toEqual(first);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
  });

  it('refuses a damaged key file instead of quietly making a new pair', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'dabyl-vapid-'));
    vapidKeys(loadConfig({ DABYL_DATA_DIR: other }));
    writeFileSync(path.join(other, 'keys', 'vapid.json'), '{"publicKey":"x","privateKey":"y"}');
    expect(() => vapidKeys(loadConfig({ DABYL_DATA_DIR: other }))).toThrow(/does not hold a VAPID key pair/);
    rmSync(other, { recursive: true, force: true });
  });
});
