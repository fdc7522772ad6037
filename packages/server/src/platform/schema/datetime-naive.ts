// Date-times as Pydantic reads a plain `datetime` (not `AwareDatetime`, see
// datetime-input.ts) from JSON bodies and query strings: an RFC 3339 / ISO 8601
// text (a bare date means its midnight, no offset means UTC) or a Unix
// timestamp in seconds (milliseconds above 2e10).

import { INVALID, schema, type Invalid, type Schema } from "./core.js";
import { issue, type Issue, type Loc } from "./issues.js";
import { lastValue, type QueryField } from "./query.js";

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T t](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

function fromText(text: string): Date | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", zone] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Math.floor(Number(`0.${frac || "0"}`) * 1000));
  const date = new Date(ms);
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +mo - 1 || date.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) {
    return undefined;
  }
  if (zone && zone !== "Z" && zone !== "z") {
    const sign = zone[0] === "-" ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
    return new Date(ms - offset * 60_000);
  }
  return date;
}

function fromNumber(value: number): Date | undefined {
  if (!Number.isFinite(value)) return undefined;
  const ms = Math.abs(value) > 2e10 ? value : value * 1000;
  const date = new Date(Math.round(ms));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function parseDateTime(input: unknown, loc: Loc, issues: Issue[]): Date | Invalid {
  if (typeof input === "string") {
    const date = fromText(input.trim()) ?? (/^-?\d+(\.\d+)?$/.test(input) ? fromNumber(Number(input)) : undefined);
    if (date) return date;
    issues.push(issue("datetime_from_date_parsing", loc, "Input should be a valid datetime or date, invalid datetime format", input));
    return INVALID;
  }
  if (typeof input === "number" && typeof input !== "boolean") {
    const date = fromNumber(input);
    if (date) return date;
  }
  issues.push(issue("datetime_type", loc, "Input should be a valid datetime", input));
  return INVALID;
}

export const dateTime = (): Schema<Date> => schema({ type: "string", format: "date-time" }, parseDateTime);

/** `?name=<date-time>`, the last one when repeated. */
export function dateTimeParam(description: string): QueryField<Date | undefined> {
  return {
    parameter: (name) => ({
      name,
      in: "query",
      required: false,
      schema: { anyOf: [{ type: "string", format: "date-time" }, { type: "null" }] },
      description,
    }),
    parse(query, name, issues) {
      const text = lastValue(query[name]);
      if (text === undefined) return undefined;
      const value = parseDateTime(text, ["query", name], issues);
      return value === INVALID ? undefined : value;
    },
  };
}
