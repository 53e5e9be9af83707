/**
 * What a player's photo may be: a picture the console can show, within a size a phone on a slow
 * network can send. Its type is read from its first bytes, not trusted from the client.
 */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** 5 MiB: a phone's camera picture, once the console has scaled it down, is far below it. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** The picture type the bytes begin with, or null when they are none of the accepted ones. */
export function sniffPhoto(bytes: Uint8Array): PhotoType | null {
  const at = (i: number, ...b: number[]) => b.every((x, k) => bytes[i + k] === x);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

export type PhotoProblem =
  | { kind: 'empty' }
  | { kind: 'too_large'; bytes: number }
  | { kind: 'not_a_picture' }
  | { kind: 'type_mismatch'; said: string; found: PhotoType };

/** Why a photo is refused, or null when it is accepted. */
export function checkPhoto(bytes: Uint8Array, said: string): PhotoProblem | null {
  if (bytes.length === 0) return { kind: 'empty' };
  if (bytes.length > MAX_PHOTO_BYTES) return { kind: 'too_large', bytes: bytes.length };
  const found = sniffPhoto(bytes);
  if (!found) return { kind: 'not_a_picture' };
  if (found !== said) return { kind: 'type_mismatch', said, found };
  return null;
}
