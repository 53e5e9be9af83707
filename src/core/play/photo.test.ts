import { describe, expect, it } from 'vitest';
import { checkPhoto, MAX_PHOTO_BYTES, sniffPhoto } from './photo.js';

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const webp = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ');

describe('player photos', () => {
  it('reads the picture type from the bytes', () => {
    expect(sniffPhoto(png)).toBe('image/png');
    expect(sniffPhoto(jpeg)).toBe('image/jpeg');
    expect(sniffPhoto(webp)).toBe('image/webp');
    expect(sniffPhoto(new TextEncoder().encode('<svg onload=alert(1)>'))).toBeNull();
  });

  it('refuses an empty, oversize, unknown or mislabelled picture', () => {
    expect(checkPhoto(png, 'image/png')).toBeNull();
    expect(checkPhoto(new Uint8Array(), 'image/png')).toEqual({ kind: 'empty' });
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set(png);
    expect(checkPhoto(big, 'image/png')).toEqual({ kind: 'too_large', bytes: MAX_PHOTO_BYTES + 1 });
    expect(checkPhoto(new TextEncoder().encode('%PDF-1.7'), 'image/png')).toEqual({ kind: 'not_a_picture' });
    expect(checkPhoto(jpeg, 'image/png')).toEqual({
      kind: 'type_mismatch',
      said: 'image/png',
      found: 'image/jpeg',
    });
  });
});
