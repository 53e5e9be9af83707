import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config.js';

/*
 * The installation's secrets key seals what must not be readable from the database alone (TOTP
 * secrets). It lives in a file beside the data, not in the database, so a copy of the database or
 * of a backup does not carry it; every API process of a scaled installation reads the same file.
 */

const FILE = 'secrets.key';
const memoryKeys = new WeakMap<Config, Buffer>();

/** Where the keys of an installation live: `${DABYL_DATA_DIR}/keys`. */
export const keysDir = (config: Config): string => path.join(config.dataDir, 'keys');

/** The 32-byte secrets key, made (mode 0600) on first use. */
export function secretsKey(config: Config): Buffer {
  if (config.dataDir === ':memory:') {
    // An in-memory installation keeps nothing across restarts, its key included.
    let key = memoryKeys.get(config);
    if (!key) memoryKeys.set(config, (key = randomBytes(32)));
    return key;
  }
  const dir = keysDir(config);
  const file = path.join(dir, FILE);
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte key`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting together keep the first one's key.
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return secretsKey(config);
}

/** AES-256-GCM; the text form is `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function seal(key: Buffer, plain: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens what {@link seal} wrote; throws when the key is another or the text was changed. */
export function open(key: Buffer, sealed: string): Buffer {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
}
