// Pydantic's `AwareDatetime` for request bodies: an ISO-8601 text with a UTC
// offset, or Unix seconds (milliseconds when larger than 2e10, as Pydantic
// reads them). A text without an offset is `timezone_aware`.

import { issue } from "./issues.js";
import { INVALID, schema, type Schema } from "./core.js";
import { JsonFloat } from "./floats.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MS_THRESHOLD = 2e10;

const parsingIssue = (loc: readonly (string | number)[], input: unknown, error: string) =>
  issue("datetime_from_date_parsing", loc, `Input should be a valid datetime or date, ${error}`, input, { error });

function fromText(text: string, loc: readonly (string | number)[], input: unknown, issues: Parameters<Schema<Date>["parse"]>[2]) {
  if (/^\s*[+-]?\d+(\.\d+)?\s*$/.test(text)) {
    const date = fromNumber(Number(text));
    if (date === INVALID) issues.push(parsingIssue(loc, input, "input is out of range"));
    return date;
  }
  const match = ISO.exec(text);
  if (!match) {
    issues.push(parsingIssue(loc, input, text.length < 10 ? "input is too short" : "invalid datetime format"));
    return INVALID;
  }
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "", offset] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    issues.push(parsingIssue(loc, input, "input is out of range"));
    return INVALID;
  }
  if (offset === undefined) {
    issues.push(issue("timezone_aware", loc, "Input should have timezone info", input));
    return INVALID;
  }
  let offsetMinutes = 0;
  if (offset !== "Z" && offset !== "z") {
    const digits = offset.slice(1).replace(":", "");
    offsetMinutes = (offset[0] === "-" ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0"));
    if (Math.abs(offsetMinutes) >= 24 * 60) {
      issues.push(parsingIssue(loc, input, "timezone offset must be less than 24 hours"));
      return INVALID;
    }
  }
  const millis = Number(fraction.padEnd(3, "0").slice(0, 3));
  const utc = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years below 100 as 19xx.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return new Date(utc.getTime() - offsetMinutes * 60_000);
}

function fromNumber(value: number): Date | typeof INVALID {
  const millis = Math.abs(value) > MS_THRESHOLD ? value : value * 1000;
  const date = new Date(Math.round(millis));
  // Python datetimes span years 1..9999.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999 || date.getUTCFullYear() < 1) return INVALID;
  return date;
}

export const awareDatetime = (): Schema<Date> =>
  schema({ type: "string", format: "date-time" }, (input, loc, issues) => {
    if (typeof input === "string") return fromText(input, loc, input, issues);
    const number = input instanceof JsonFloat ? input.value : typeof input === "number" ? input : undefined;
    if (number !== undefined) {
      const date = Number.isFinite(number) ? fromNumber(number) : INVALID;
      if (date === INVALID)
        issues.push(
          issue("datetime_parsing", loc, "Input should be a valid datetime, dates after 9999 are not supported as unix timestamps", input),
        );
      return date;
    }
    issues.push(issue("datetime_type", loc, "Input should be a valid datetime", input));
    return INVALID;
  });
