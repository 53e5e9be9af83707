import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/config.js';
import { keysDir } from './secrets.js';

/*
 * The installation's VAPID key pair (RFC 8292) identifies this server to the browsers' push
 * services. Every push subscription a browser made is bound to the public key it was made with, so
 * a new pair would end every subscription at once: it is made once, kept beside the secrets key, and
 * read by every process of a scaled installation.
 */

/** P-256 keys in the form browsers and the web-push library take: base64url, public uncompressed. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const FILE = 'vapid.json';
const memoryKeys = new WeakMap<Config, VapidKeys>();

function makeKeys(): VapidKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = Buffer.concat([
    Buffer.from([4]),
    Buffer.from(jwk.x!, 'base64url'),
    Buffer.from(jwk.y!, 'base64url'),
  ]);
  return {
    publicKey: raw.toString('base64url'),
    privateKey: privateKey.export({ format: 'jwk' }).d!,
  };
}

function parse(file: string, text: string): VapidKeys {
  const keys = JSON.parse(text) as Partial<VapidKeys>;
  if (
    typeof keys.publicKey !== 'string' ||
    typeof keys.privateKey !== 'string' ||
    Buffer.from(keys.publicKey, 'base64url').length !== 65 ||
    Buffer.from(keys.privateKey, 'base64url').length !== 32
  )
    throw new Error(`${file} does not hold a VAPID key pair (publicKey, privateKey: P-256, base64url)`);
  return { publicKey: keys.publicKey, privateKey: keys.privateKey };
}

/** The VAPID key pair, made (mode 0600) on first use and the same ever after. */
export function vapidKeys(config: Config): VapidKeys {
  if (config.dataDir === ':memory:') {
    let keys = memoryKeys.get(config);
    if (!keys) memoryKeys.set(config, (keys = makeKeys()));
    return keys;
  }
  const dir = keysDir(config);
  const file = path.join(dir, FILE);
  try {
    return parse(file, readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting together keep the first one's pair.
    writeFileSync(file, JSON.stringify(makeKeys()), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return vapidKeys(config);
}
