import type { Pt } from './projection.js';

/** A numbered badge: where its thing is, and where the badge is drawn. */
export interface PlacedBadge {
  number: number;
  at: Pt;
  drawn: Pt;
}

const GAP = 3;

/**
 * Places numbered badges so none covers another. Badges closer than a diameter are gathered into a
 * group and set on a ring around the group's middle, in number order from the top, far enough apart
 * that neighbours do not touch; a group that then meets another is merged with it and set again.
 * Each badge keeps where its thing really is, so the map can draw a short line back to it. Clusters
 * ("3 drills here") would hide which number is where; a ring keeps every number readable.
 */
export function placeBadges(
  badges: readonly { number: number; at: Pt }[],
  radius: number,
  width: number,
  height: number,
): PlacedBadge[] {
  const apart = 2 * radius + GAP;
  // Each group: the indexes of its badges. Starts one badge per group.
  let groups: number[][] = badges.map((_, i) => [i]);
  let drawn: Pt[] = badges.map((b) => b.at);
  for (let round = 0; round <= badges.length; round++) {
    const merged = mergeTouching(groups, drawn, apart);
    if (merged.length === groups.length && round > 0) break;
    groups = merged;
    drawn = layout(groups, badges, radius, width, height);
  }
  return badges.map((b, i) => ({ number: b.number, at: b.at, drawn: drawn[i]! }));
}

function mergeTouching(groups: number[][], drawn: Pt[], apart: number): number[][] {
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const groupOf = new Map<number, number>();
  groups.forEach((g, gi) => g.forEach((b) => groupOf.set(b, gi)));
  for (let a = 0; a < drawn.length; a++)
    for (let b = a + 1; b < drawn.length; b++) {
      const [ax, ay] = drawn[a]!;
      const [bx, by] = drawn[b]!;
      if (Math.hypot(ax - bx, ay - by) < apart - 0.01) parent[find(groupOf.get(a)!)] = find(groupOf.get(b)!);
    }
  const out = new Map<number, number[]>();
  groups.forEach((g, gi) => {
    const root = find(gi);
    out.set(root, [...(out.get(root) ?? []), ...g]);
  });
  return [...out.values()];
}

function layout(
  groups: number[][],
  badges: readonly { number: number; at: Pt }[],
  radius: number,
  width: number,
  height: number,
): Pt[] {
  const drawn: Pt[] = badges.map((b) => b.at);
  const apart = 2 * radius + GAP;
  for (const group of groups) {
    const members = [...group].sort((a, b) => badges[a]!.number - badges[b]!.number);
    const k = members.length;
    const cx = members.reduce((s, i) => s + badges[i]!.at[0], 0) / k;
    const cy = members.reduce((s, i) => s + badges[i]!.at[1], 0) / k;
    if (k === 1) {
      drawn[members[0]!] = clamp([cx, cy], radius, width, height);
      continue;
    }
    // Neighbours on the ring are one chord apart: chord = 2R·sin(π/k) ≥ apart.
    const ring = apart / (2 * Math.sin(Math.PI / k));
    // Near an edge the ring's middle moves inwards so no badge is pushed onto another by clamping.
    const [mx, my] = clamp([cx, cy], ring + radius, width, height);
    members.forEach((i, j) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * j) / k;
      drawn[i] = [mx + ring * Math.cos(angle), my + ring * Math.sin(angle)];
    });
  }
  return drawn;
}

function clamp([x, y]: Pt, margin: number, width: number, height: number): Pt {
  const m = Math.min(margin + 2, width / 2, height / 2);
  return [Math.min(Math.max(x, m), width - m), Math.min(Math.max(y, m), height - m)];
}
