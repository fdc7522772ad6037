// What a 422 echoes back. Pydantic puts each failing input, whole, in the
// issue's `input` (and metadata keys in `loc`), and Polar's clients see
// exactly that, so inputs of normal size are echoed unchanged. A huge input
// (a 10 MiB array sent as `metadata`) would make the answer bigger than the
// request and take seconds to write, so past a size budget the echo is cut
// the way Python's reprlib and Pydantic's error display shorten values: a
// long string keeps its head and tail around "...", an array or object keeps
// its first items and ends with a "..." item (an `"...": "..."` entry).

import { MAX_ISSUES, type Issue, type Loc } from "./issues.js";
import { JsonFloat } from "./floats.js";

/** An input whose JSON is at most about this many characters is echoed exactly. */
export const ECHO_LIMIT = 64 * 1024;
/** All echoes of one answer together stay within about this many characters. */
export const ECHO_TOTAL_LIMIT = 1024 * 1024;
/** What each echo may still use once the total is spent. */
const ECHO_FLOOR = 256;
export const ELISION = "...";

/** The issues as a 422 body lists them: at most MAX_ISSUES, inputs and `loc` keys within the echo budget. */
export function echoIssues(issues: readonly Issue[]): Issue[] {
  let left = ECHO_TOTAL_LIMIT;
  const limit = () => Math.max(ECHO_FLOOR, Math.min(ECHO_LIMIT, left));
  return issues.slice(0, MAX_ISSUES).map((item) => {
    let loc: Loc = item.loc;
    for (let i = 0; i < loc.length; i++) {
      const part = loc[i];
      if (typeof part !== "string" || part.length <= ECHO_FLOOR) continue;
      const cut = cutString(part, limit());
      left -= cut.length;
      if (cut !== part) loc = [...loc.slice(0, i), cut, ...loc.slice(i + 1)];
    }
    const echoed = echoValue(item.input, limit());
    left -= echoed.size;
    return echoed.value === item.input && loc === item.loc ? item : { ...item, loc, input: echoed.value };
  });
}

/** `value` itself when its JSON fits in about `limit` characters, else a cut copy that does. */
export function echoValue(value: unknown, limit: number): { value: unknown; size: number } {
  const size = jsonSize(value, limit);
  if (size <= limit) return { value, size };
  const budget = { left: limit };
  const cut = cutValue(value, budget);
  return { value: cut, size: limit - budget.left };
}

/** About the length of JSON.stringify(value), or something above `limit` as soon as it exceeds it. */
function jsonSize(value: unknown, limit: number): number {
  if (typeof value === "string") return value.length + 2;
  if (Array.isArray(value)) {
    let size = 2;
    for (const item of value) {
      size += jsonSize(item, limit - size) + 1;
      if (size > limit) return size;
    }
    return size;
  }
  if (isRecord(value)) {
    let size = 2;
    for (const key of Object.keys(value)) {
      size += key.length + 4 + jsonSize(value[key], limit - size);
      if (size > limit) return size;
    }
    return size;
  }
  return scalarSize(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !(value instanceof JsonFloat);

const scalarSize = (value: unknown): number =>
  value instanceof JsonFloat ? String(value.value).length + 2 : typeof value === "number" ? String(value).length : 5;

/** A copy of `value` within `budget.left` characters (roughly), spending the budget as it goes. */
function cutValue(value: unknown, budget: { left: number }): unknown {
  if (typeof value === "string") {
    const cut = cutString(value, Math.max(budget.left - 2, ELISION.length));
    budget.left -= cut.length + 2;
    return cut;
  }
  if (Array.isArray(value)) {
    budget.left -= 2;
    const out: unknown[] = [];
    for (const item of value) {
      if (budget.left <= ELISION.length + 3) {
        out.push(ELISION);
        budget.left -= ELISION.length + 3;
        break;
      }
      out.push(cutValue(item, budget));
      budget.left -= 1;
    }
    return out;
  }
  if (isRecord(value)) {
    budget.left -= 2;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (budget.left <= 2 * ELISION.length + 6) {
        setOwn(out, ELISION, ELISION);
        budget.left -= 2 * ELISION.length + 6;
        break;
      }
      const cutKey = cutString(key, Math.max(budget.left / 2, ELISION.length));
      budget.left -= cutKey.length + 4;
      setOwn(out, cutKey, cutValue(value[key], budget));
    }
    return out;
  }
  budget.left -= scalarSize(value);
  return value;
}

/** `__proto__` is an ordinary key in parsed JSON; assigning it would set the prototype instead. */
const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/** The string itself if at most `limit` long, else its head and tail around "..." (never splitting a surrogate pair). */
export function cutString(value: string, limit: number): string {
  if (value.length <= limit) return value;
  const keep = Math.max(0, Math.floor(limit) - ELISION.length);
  let headEnd = Math.ceil(keep / 2);
  let tailStart = value.length - (keep - headEnd);
  if (isHighSurrogate(value.charCodeAt(headEnd - 1))) headEnd--;
  if (isLowSurrogate(value.charCodeAt(tailStart))) tailStart++;
  return value.slice(0, headEnd) + ELISION + value.slice(tailStart);
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
