/** Visiting the repeated parts of an alert with their element paths. */
import type { CapAlert, CapArea, CapInfo, CapResource } from '../model.js';
import type { RuleContext } from './rule.js';

/** Calls `fn` for each info block with its path (`/alert/info[0]`). */
export function eachInfo(alert: CapAlert, fn: (info: CapInfo, path: string) => void): void {
  alert.info.forEach((info, i) => fn(info, `/alert/info[${i}]`));
}

/** Calls `fn` for each area of each info block with its path. */
export function eachArea(alert: CapAlert, fn: (area: CapArea, path: string, info: CapInfo) => void): void {
  eachInfo(alert, (info, p) => info.area.forEach((area, a) => fn(area, `${p}/area[${a}]`, info)));
}

/** Calls `fn` for each resource of each info block with its path. */
export function eachResource(alert: CapAlert, fn: (resource: CapResource, path: string) => void): void {
  eachInfo(alert, (info, p) => info.resource.forEach((r, i) => fn(r, `${p}/resource[${i}]`)));
}

/** Calls `fn` for every polygon and circle text with its path. */
export function eachShape(
  alert: CapAlert,
  fn: (text: string, path: string, kind: 'polygon' | 'circle') => void,
): void {
  eachArea(alert, (area, p) => {
    area.polygon.forEach((t, i) => fn(t, `${p}/polygon[${i}]`, 'polygon'));
    area.circle.forEach((t, i) => fn(t, `${p}/circle[${i}]`, 'circle'));
  });
}

/**
 * {@link eachShape} over `ctx.alert`, from the list that `ctx.geometry` makes once per validation
 * (seven rules visit the shapes in turn).
 */
export function eachShapeOf(
  ctx: RuleContext,
  fn: (text: string, path: string, kind: 'polygon' | 'circle') => void,
): void {
  for (const e of ctx.geometry.shapes(ctx.alert)) fn(e.text, e.path, e.kind);
}
