// Numbers and booleans in request bodies, validated as Pydantic's lax mode
// validates JSON: integers also accept integral floats and numeric strings,
// booleans also accept 0/1 and Pydantic's boolean spellings.

import { issue, type Issue, type Loc } from "./issues.js";
import { INVALID, schema, type Invalid, type Schema } from "./core.js";
import { JsonFloat } from "./floats.js";
import { LAX_FALSE, LAX_TRUE } from "./scalars.js";

export interface IntegerBounds {
  ge?: number;
  gt?: number;
  le?: number;
  lt?: number;
}

const INTEGER_TEXT = /^\s*[+-]?\d+(_\d+)*\s*$/;

function readInteger(input: unknown, loc: Loc, issues: Issue[]): number | Invalid {
  if (typeof input === "boolean") return input ? 1 : 0;
  const value = input instanceof JsonFloat ? input.value : input;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      issues.push(issue("finite_number", loc, "Input should be a finite number", input));
      return INVALID;
    }
    if (!Number.isInteger(value)) {
      issues.push(issue("int_from_float", loc, "Input should be a valid integer, got a number with a fractional part", input));
      return INVALID;
    }
    return value;
  }
  if (typeof value === "string") {
    if (INTEGER_TEXT.test(value)) return Number(value.replace(/_/g, ""));
    issues.push(issue("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", input));
    return INVALID;
  }
  issues.push(issue("int_type", loc, "Input should be a valid integer", input));
  return INVALID;
}

/** Pydantic's bound checks, in its order (gt, ge, lt, le); each reports its own ctx. */
export function checkBounds(value: number, bounds: IntegerBounds, loc: Loc, input: unknown, issues: Issue[]): boolean {
  const fail = (type: string, words: string, key: string, limit: number) => {
    issues.push(issue(type, loc, `Input should be ${words} ${limit}`, input, { [key]: limit }));
    return false;
  };
  if (bounds.gt !== undefined && !(value > bounds.gt)) return fail("greater_than", "greater than", "gt", bounds.gt);
  if (bounds.ge !== undefined && !(value >= bounds.ge)) return fail("greater_than_equal", "greater than or equal to", "ge", bounds.ge);
  if (bounds.lt !== undefined && !(value < bounds.lt)) return fail("less_than", "less than", "lt", bounds.lt);
  if (bounds.le !== undefined && !(value <= bounds.le)) return fail("less_than_equal", "less than or equal to", "le", bounds.le);
  return true;
}

export const INT32 = { ge: -2147483648, le: 2147483647 } as const;

export const integer = (bounds: IntegerBounds = {}): Schema<number> =>
  schema(
    {
      type: "integer",
      // Only the stricter of two bounds on one side is published (both at once is ambiguous to readers).
      ...(bounds.ge !== undefined && !(bounds.gt !== undefined && bounds.gt >= bounds.ge) && { minimum: bounds.ge }),
      ...(bounds.gt !== undefined && !(bounds.ge !== undefined && bounds.ge > bounds.gt) && { exclusiveMinimum: bounds.gt }),
      ...(bounds.le !== undefined && !(bounds.lt !== undefined && bounds.lt <= bounds.le) && { maximum: bounds.le }),
      ...(bounds.lt !== undefined && !(bounds.le !== undefined && bounds.le < bounds.lt) && { exclusiveMaximum: bounds.lt }),
    },
    (input, loc, issues) => {
      const value = readInteger(input, loc, issues);
      if (value === INVALID) return INVALID;
      return checkBounds(value, bounds, loc, input, issues) ? value : INVALID;
    },
  );

export const boolean = (): Schema<boolean> =>
  schema({ type: "boolean" }, (input, loc, issues) => {
    if (typeof input === "boolean") return input;
    if (input === 0 || input === 1) return input === 1;
    if (typeof input === "string") {
      const lowered = input.toLowerCase();
      if (LAX_TRUE.has(lowered)) return true;
      if (LAX_FALSE.has(lowered)) return false;
      issues.push(issue("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", input));
      return INVALID;
    }
    issues.push(issue("bool_type", loc, "Input should be a valid boolean", input));
    return INVALID;
  });

export interface DecimalOptions {
  gt?: number;
  maxDigits?: number;
  decimalPlaces?: number;
}

const DECIMAL_TEXT = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/;

/**
 * A decimal given as a JSON number or numeric string, returned as its exact
 * text in plain notation (no exponent), e.g. "0.5". Digits are counted the way
 * Python's Decimal counts them (leading zeros and trailing fractional zeros excluded).
 */
export const decimal = (options: DecimalOptions = {}, json: Record<string, unknown> = {}): Schema<string> =>
  schema(json, (input, loc, issues) => {
    let text: string;
    if (input instanceof JsonFloat) text = String(input.value);
    else if (typeof input === "number") text = Number.isFinite(input) ? String(input) : "";
    else if (typeof input === "string") text = input;
    else {
      issues.push(issue("decimal_type", loc, "Decimal input should be an integer, float, string or Decimal object", input));
      return INVALID;
    }
    const match = DECIMAL_TEXT.exec(text);
    if (!match || (match[2] === "" && (match[3] ?? "") === "")) {
      issues.push(issue("decimal_parsing", loc, "Input should be a valid decimal", input));
      return INVALID;
    }
    const [, sign, whole, fraction = "", exponentText] = match;
    // Shift the point by the exponent to get plain digits.
    let digits = (whole + fraction).replace(/^0+/, "");
    let scale = fraction.length - Number(exponentText ?? 0);
    if (digits === "") digits = "0";
    if (scale < 0) {
      digits = digits === "0" ? "0" : digits + "0".repeat(-scale);
      scale = 0;
    }
    const padded = digits.padStart(scale + 1, "0");
    const intPart = padded.slice(0, padded.length - scale).replace(/^0+(?=\d)/, "");
    const fracPart = scale > 0 ? padded.slice(padded.length - scale) : "";
    const normalizedFraction = fracPart.replace(/0+$/, "");
    const significantWhole = intPart === "0" ? "" : intPart;
    const places = normalizedFraction.length;
    const totalDigits = significantWhole.length + places || 1;
    const value = Number(`${sign}${intPart}.${fracPart || "0"}`);
    if (options.gt !== undefined && !(value > options.gt)) {
      issues.push(issue("greater_than", loc, `Input should be greater than ${options.gt}`, input, { gt: options.gt }));
      return INVALID;
    }
    if (options.maxDigits !== undefined && totalDigits > options.maxDigits) {
      const n = options.maxDigits;
      issues.push(
        issue("decimal_max_digits", loc, `Decimal input should have no more than ${n} digit${n === 1 ? "" : "s"} in total`, input, {
          max_digits: n,
        }),
      );
      return INVALID;
    }
    if (options.decimalPlaces !== undefined && places > options.decimalPlaces) {
      const n = options.decimalPlaces;
      issues.push(
        issue("decimal_max_places", loc, `Decimal input should have no more than ${n} decimal place${n === 1 ? "" : "s"}`, input, {
          decimal_places: n,
        }),
      );
      return INVALID;
    }
    const body = normalizedFraction ? `${intPart}.${normalizedFraction}` : intPart;
    return sign === "-" && body !== "0" ? `-${body}` : body;
  });
