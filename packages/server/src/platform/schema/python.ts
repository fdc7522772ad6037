// How Python prints JSON values inside Pydantic's messages (e.g. the tag of a
// discriminated union: `Input tag 'None' found using 'type' …`).

import { isPlainObject } from "./core.js";
import { JsonFloat, pythonFloatRepr } from "./floats.js";

/** Python's str() of a JSON value. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (value instanceof JsonFloat) return pythonFloatRepr(value.value);
  return pythonRepr(value);
}

/** Python's repr() of a JSON value. */
export function pythonRepr(value: unknown): string {
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (isPlainObject(value)) return `{${Object.entries(value).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(", ")}}`;
  return pythonStr(value);
}
