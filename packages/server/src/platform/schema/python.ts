// How Python prints JSON values inside Pydantic's messages (e.g. the tag of a
// discriminated union: `Input tag 'None' found using 'type' …`). A huge value
// is cut past ECHO_LIMIT characters, as echoed inputs are (see echo.ts).

import { isPlainObject } from "./core.js";
import { ECHO_LIMIT, ELISION, cutString } from "./echo.js";
import { JsonFloat, pythonFloatRepr } from "./floats.js";

/** Python's str() of a JSON value. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return cutString(value, ECHO_LIMIT);
  if (typeof value === "number") return String(value);
  if (value instanceof JsonFloat) return pythonFloatRepr(value.value);
  return pythonRepr(value, ECHO_LIMIT);
}

/** Python's repr() of a JSON value, written only until it is longer than `limit`. */
export function pythonRepr(value: unknown, limit = ECHO_LIMIT): string {
  let text = "";
  const write = (item: unknown): void => {
    if (typeof item === "string") text += `'${cutString(item, limit).replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
    else if (Array.isArray(item)) {
      text += "[";
      for (let i = 0; i < item.length && text.length <= limit; i++) {
        if (i > 0) text += ", ";
        write(item[i]);
      }
      text += "]";
    } else if (isPlainObject(item) && !(item instanceof JsonFloat)) {
      text += "{";
      const keys = Object.keys(item);
      for (let i = 0; i < keys.length && text.length <= limit; i++) {
        if (i > 0) text += ", ";
        write(keys[i]);
        text += ": ";
        write(item[keys[i]]);
      }
      text += "}";
    } else text += pythonStr(item);
  };
  write(value);
  return text.length > limit ? text.slice(0, limit) + ELISION : text;
}
