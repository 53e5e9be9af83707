import { offsetAt } from './vtimezone.js';

/**
 * An instant that ical-generator can write as local time in a named zone. Given a plain Date it
 * writes the *host's* local time after TZID=…, which is wrong on any server not running in the
 * exercise's zone; given a date of the shape @date-fns/tz's TZDate has (`internal`, `withTimeZone`,
 * `tzComponents`) it asks the date for its wall-clock fields. This supplies that shape from Intl
 * data, so no time-zone library is needed.
 */
export class ZonedDate extends Date {
  readonly internal: Date;
  private readonly wall: Date;

  constructor(
    ms: number,
    readonly timeZone: string | null = null,
  ) {
    super(ms);
    this.internal = new Date(ms);
    // A Date whose UTC fields are the zone's wall clock, read by the local getters below.
    this.wall = new Date(timeZone ? ms + offsetAt(timeZone, ms) * 60_000 : ms);
  }

  withTimeZone(zone?: string | null): ZonedDate {
    return new ZonedDate(this.getTime(), zone ?? null);
  }

  tzComponents(): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
    return {
      year: this.getFullYear(),
      month: this.getMonth() + 1,
      day: this.getDate(),
      hour: this.getHours(),
      minute: this.getMinutes(),
      second: this.getSeconds(),
    };
  }

  override getFullYear(): number {
    return this.timeZone ? this.wall.getUTCFullYear() : super.getFullYear();
  }
  override getMonth(): number {
    return this.timeZone ? this.wall.getUTCMonth() : super.getMonth();
  }
  override getDate(): number {
    return this.timeZone ? this.wall.getUTCDate() : super.getDate();
  }
  override getHours(): number {
    return this.timeZone ? this.wall.getUTCHours() : super.getHours();
  }
  override getMinutes(): number {
    return this.timeZone ? this.wall.getUTCMinutes() : super.getMinutes();
  }
  override getSeconds(): number {
    return this.timeZone ? this.wall.getUTCSeconds() : super.getSeconds();
  }
}
