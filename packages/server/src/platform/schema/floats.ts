// JSON floats the way Polar (Python) keeps them. Python reads `1.0` as a
// float and writes it back as `1.0`, and prints floats with its own rules
// (`1e-05`, `1e+16`); a JS number cannot remember that it was written as a
// float. So request bodies, stored JSON and responses go through these
// helpers, which carry float literals as JsonFloat values.

import { randomBytes } from "node:crypto";
import { JsonParser, inSlices } from "./json-parser.js";

export class JsonFloat {
  constructor(readonly value: number) {}

  /** JSON.stringify writes a marker; stringifyJson turns it into the bare literal. */
  toJSON(): string {
    // Python would print a bare Infinity/NaN, which strict JSON parsers reject: send it as text.
    if (!Number.isFinite(this.value)) return String(this.value);
    return `${MARK}${pythonFloatRepr(this.value)}`;
  }
}

// A per-process nonce: a client cannot forge a marker inside its own strings.
const MARK = `\u0000float-${randomBytes(6).toString("hex")}:`;
const MARK_ESCAPED = JSON.stringify(MARK).slice(1, -1);
const MARKED_LITERAL = new RegExp(`"${MARK_ESCAPED.replace(/\\/g, "\\\\")}(-?[0-9][0-9.e+-]*)"`, "g");

/** Python's repr of a float: fixed notation for exponents -4..15, else `1.5e+16` / `1e-05`. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (Object.is(value, -0)) return "-0.0";
  const [mantissa, exponentText] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent >= -4 && exponent < 16) {
    const fixed = String(value);
    return Number.isInteger(value) ? `${fixed}.0` : fixed;
  }
  const sign = exponent < 0 ? "-" : "+";
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
}

const toJsonFloat = (value: number) => new JsonFloat(value);

/**
 * JSON.parse, except that numbers written as floats come back as JsonFloat. Throws SyntaxError like
 * JSON.parse, or JsonLimitExceeded (see json-parser.ts). One linear pass.
 */
export function parseJson(text: string): unknown {
  return JsonParser.parse(text, toJsonFloat);
}

/**
 * About how much text one slice of parseJsonInSlices reads before giving the event loop back: a few
 * milliseconds of work even for the slowest shapes (many small keys, floats).
 */
export const PARSE_SLICE_CHARS = 128 * 1024;

/** parseJson for large texts: parses in slices, letting other requests run in between. */
export async function parseJsonInSlices(text: string, sliceChars = PARSE_SLICE_CHARS): Promise<unknown> {
  const parser = new JsonParser(text, toJsonFloat);
  await inSlices((chars) => parser.advance(chars), sliceChars);
  return parser.value;
}

/** JSON.stringify that writes JsonFloat values as Python would. */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value);
  return text.includes(MARK_ESCAPED) ? text.replace(MARKED_LITERAL, "$1") : text;
}
