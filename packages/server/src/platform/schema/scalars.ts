// Scalars as they arrive in query strings (always text), parsed the way
// Pydantic's lax mode parses them.

import { issue, type Issue, type Loc } from "./issues.js";
import { INVALID, type Invalid } from "./core.js";

/** The spellings Pydantic's lax mode reads as booleans (compared lower-cased). */
export const LAX_TRUE: ReadonlySet<string> = new Set(["1", "on", "t", "true", "y", "yes"]);
export const LAX_FALSE: ReadonlySet<string> = new Set(["0", "off", "f", "false", "n", "no"]);

export function parseQueryBoolean(input: string, loc: Loc, issues: Issue[]): boolean | Invalid {
  const lowered = input.toLowerCase();
  if (LAX_TRUE.has(lowered)) return true;
  if (LAX_FALSE.has(lowered)) return false;
  issues.push(issue("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", input));
  return INVALID;
}

const INTEGER = /^[+-]?\d+(_\d+)*$/;
const DECIMAL = /^[+-]?\d+(_\d+)*\.\d*$/;

export function parseQueryInteger(input: string, loc: Loc, issues: Issue[], greaterThan?: number): number | Invalid {
  const text = input.trim();
  let value: number;
  if (INTEGER.test(text)) value = Number(text.replace(/_/g, ""));
  else if (DECIMAL.test(text)) {
    value = Number(text.replace(/_/g, ""));
    // Pydantic only strips a zero fraction from strings ("2.0", "2."); "1.5" is unparseable, not int_from_float.
    if (!Number.isInteger(value) || !/\.0*$/.test(text)) {
      issues.push(issue("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", input));
      return INVALID;
    }
  } else {
    issues.push(issue("int_parsing", loc, "Input should be a valid integer, unable to parse string as an integer", input));
    return INVALID;
  }
  if (!Number.isSafeInteger(value)) value = value > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  if (greaterThan !== undefined && !(value > greaterThan)) {
    issues.push(issue("greater_than", loc, `Input should be greater than ${greaterThan}`, input, { gt: greaterThan }));
    return INVALID;
  }
  return value;
}
