// Billing periods: `count` × interval from a start, month and year periods
// landing on the anchor day (the start's day of month) clamped to the month's
// length, so Jan 31 → Feb 28 → Mar 31. Times of day are kept, in UTC.
import type { RecurringInterval } from "../products/index.js";

const DAY_MS = 86_400_000;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

function addMonths(from: Date, months: number, anchorDay: number): Date {
  const total = from.getUTCFullYear() * 12 + from.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(anchorDay, daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day, from.getUTCHours(), from.getUTCMinutes(), from.getUTCSeconds(), from.getUTCMilliseconds()));
}

/** The end of the period that starts at `from`. */
export function periodEnd(from: Date, interval: RecurringInterval, count: number, anchorDay = from.getUTCDate()): Date {
  switch (interval) {
    case "day":
      return new Date(from.getTime() + count * DAY_MS);
    case "week":
      return new Date(from.getTime() + 7 * count * DAY_MS);
    case "month":
      return addMonths(from, count, anchorDay);
    case "year":
      return addMonths(from, 12 * count, anchorDay);
  }
}
