/**
 * Exact sign of the 2-D orientation determinant. Everything that decides "inside" goes through here,
 * so points on edges and vertices get the same answer however the index reaches them.
 */

// Shewchuk's first-stage error bound: when |det| exceeds it, the floating-point sign is the true sign.
const EPSILON = 2 ** -53;
const ERR_BOUND = (3 + 16 * EPSILON) * EPSILON;

/**
 * Sign of (b − a) × (p − a): > 0 when p lies left of the directed line a→b, < 0 right, 0 exactly on it.
 * Only the sign is meaningful; the value is exact in sign for all finite inputs.
 */
export function orient(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const left = (bx - ax) * (py - ay);
  const right = (by - ay) * (px - ax);
  const det = left - right;
  const bound = ERR_BOUND * (Math.abs(left) + Math.abs(right));
  if (det > bound || -det > bound) return det;
  return orientExact(ax, ay, bx, by, px, py);
}

/** The slow path: every finite double times 2^1074 is an integer, so BigInt arithmetic is exact. */
export function orientExact(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const [xa, ya, xb, yb, xp, yp] = [ax, ay, bx, by, px, py].map(toScaledBigInt) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const det = (xb - xa) * (yp - ya) - (yb - ya) * (xp - xa);
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}

const view = new DataView(new ArrayBuffer(8));

/** x · 2^1074 as an exact BigInt (x finite). */
export function toScaledBigInt(x: number): bigint {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const negative = hi >>> 31 === 1;
  const exponent = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exponent !== 0) mantissa = (mantissa | (1n << 52n)) << BigInt(exponent - 1);
  return negative ? -mantissa : mantissa;
}
