import { localToInstant, offsetOf, parseOffset, timeError, type TimeError } from '../msel/time.js';
import type { CellValue } from './sheet.js';

/**
 * Reading cell values the way planners write them. Times come as offsets ("H+02:30"), as local
 * text ("25.10.2026 09:30", "09:30" on the exercise's day), as Excel dates or as raw Excel serial
 * numbers; anything without a zone is wall-clock time in the exercise's IANA zone.
 */

export interface TimeContext {
  zone: string;
  startex: Date;
  /** The exercise's first day in its zone, for times given without a date. */
  startDay: { year: number; month: number; day: number };
}

type Day = { year: number; month: number; day: number };
type Result = { minutes: number } | TimeError;

/** Excel counts days from 1899-12-30 (the 1900 leap-year bug folded in). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function realDay(d: Day): boolean {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return t.getUTCFullYear() === d.year && t.getUTCMonth() === d.month - 1 && t.getUTCDate() === d.day;
}

function fromLocal(day: Day, hour: number, minute: number, ctx: TimeContext, shown: string): Result {
  if (!realDay(day)) return timeError('sheet_not_real_date', { value: shown });
  if (hour > 23 || minute > 59) return timeError('sheet_not_real_time', { value: shown });
  const at = localToInstant(ctx.zone, { ...day, hour, minute });
  if ('error' in at) return at;
  return { minutes: offsetOf(ctx.startex, at) };
}

/** Wall-clock fields of a zone-less Date (as exceljs gives Excel dates). */
function dateParts(d: Date) {
  return {
    day: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() },
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes() + (d.getUTCSeconds() >= 30 ? 1 : 0),
  };
}

/** An Excel serial (days since 1899-12-30, fraction = time of day) as wall-clock fields. */
export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH + Math.round(serial * DAY_MS));
}

/** A date cell alone ("25.10.2026", a Date, a serial): the day it names. */
export function readDay(v: CellValue): Day | TimeError | null {
  if (v === null || v === '') return null;
  if (v instanceof Date) return dateParts(v).day;
  if (typeof v === 'number') return dateParts(serialToDate(v)).day;
  const t = String(v).trim();
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (m) return { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return timeError('sheet_not_a_date', { value: t });
}

/**
 * Minutes from STARTEX for a time cell. `day` is the row's date column, if the sheet has one.
 * Returns the error rather than throwing so the importer reports it against the row.
 */
export function readTime(v: CellValue, ctx: TimeContext, day: Day | null = null): Result | null {
  if (v === null || v === '') return null;
  const onDay = day ?? ctx.startDay;
  if (v instanceof Date) {
    const p = dateParts(v);
    // Excel keeps a time without a date as a fraction of 1899-12-30.
    const noDate = p.day.year === 1899 && p.day.month === 12 && p.day.day === 30;
    return fromLocal(noDate ? onDay : p.day, p.hour, p.minute, ctx, v.toISOString().slice(0, 16));
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0 || v > 2_958_465) return timeError('sheet_not_excel_date', { value: v });
    const p = dateParts(serialToDate(v));
    return fromLocal(v < 1 ? onDay : p.day, p.hour, p.minute, ctx, String(v));
  }
  if (typeof v === 'boolean') return timeError('sheet_not_time_value', { value: String(v) });
  const t = v.trim();
  // H+ in English, Ч+ (час) in Russian, С+ (сағат) in Kazakh.
  if (/^[HhЧчСс]\s*[+-]/.test(t) || /^[+-]\d+$/.test(t)) {
    const o = parseOffset(t.replace(/^[ЧчСс]/, 'H'));
    return 'error' in o ? o : { minutes: o.minutes };
  }
  if (/(Z|[+-]\d\d:?\d\d)$/.test(t) && /^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const at = Date.parse(t);
    if (!Number.isFinite(at)) return timeError('sheet_not_date_time', { value: t });
    return { minutes: offsetOf(ctx.startex, new Date(at)) };
  }
  let m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})[ T,]+(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(t);
  if (m)
    return fromLocal(
      { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) },
      Number(m[4]),
      Number(m[5]),
      ctx,
      t,
    );
  m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(t);
  if (m)
    return fromLocal(
      { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) },
      Number(m[4]),
      Number(m[5]),
      ctx,
      t,
    );
  m = /^(\d{1,2})[:.](\d{2})(?::\d{2})?$/.exec(t);
  if (m) return fromLocal(onDay, Number(m[1]), Number(m[2]), ctx, t);
  return timeError('sheet_not_a_time', { value: t });
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', '+', 'да', 'д', 'иә', 'ия', 'v', '✓']);
const NO = new Set(['no', 'n', 'false', '0', '-', 'нет', 'н', 'жоқ', '']);

/** A yes/no cell in any of our languages; null when it is neither. */
export function readBoolean(v: CellValue): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  const t = String(v).trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** A decimal number, accepting a comma as the decimal mark ("49,8047"). */
export function readNumber(v: CellValue): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^[+-]?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Splits a list cell ("Police; SOBR", one per line) into its items. */
export function readList(v: CellValue): string[] {
  if (v === null) return [];
  return String(v)
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Splits a cell by line breaks only: for items that may themselves contain ";" (critical tasks). */
export function readLines(v: CellValue): string[] {
  if (v === null) return [];
  return String(v)
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}
