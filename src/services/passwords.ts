import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { badField } from '../errors.js';

// argon2id with the OWASP-recommended floor (19 MiB, 2 passes); @node-rs/argon2 defaults to argon2id.
const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;

export function checkPasswordRules(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw badField(field, 'min_length', { min: MIN_PASSWORD_LENGTH });
  if (password.length > 256) throw badField(field, 'max_length', { max: 256 });
}

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A password a person can type from a printout: 20 characters without look-alikes. */
export function randomPassword(length = 20): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length; i++) {
    const b = bytes[i % bytes.length]!;
    // Rejection sampling keeps every character equally likely.
    if (b < 256 - (256 % alphabet.length)) out += alphabet[b % alphabet.length];
  }
  return out;
}

/** Verifying against this when the user does not exist keeps unknown and known names equally slow. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword(randomPassword()));
