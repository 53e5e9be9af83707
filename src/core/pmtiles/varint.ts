/**
 * Unsigned LEB128 varints as PMTiles directories write them. Values go up to 2^53 (byte offsets
 * in archives of many gigabytes), past what 32-bit bit operations hold, so this multiplies.
 */

export class VarintReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  next(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.bytes.length) throw new RangeError('the directory ends inside a number');
      const byte = this.bytes[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new RangeError('a directory number is longer than 2^56');
  }
}
