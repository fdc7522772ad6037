// `list[T]` bodies: items validated at their index, with Pydantic's
// `list_type` and `too_short` (checked after the items, as Pydantic does).

import { issue } from "./issues.js";
import { INVALID, schema, type Schema } from "./core.js";

export function list<T>(item: Schema<T>, options: { minLength?: number } = {}): Schema<T[]> {
  const { minLength } = options;
  return schema({ type: "array", items: item.json, ...(minLength !== undefined && { minItems: minLength }) }, (input, loc, issues) => {
    if (!Array.isArray(input)) {
      issues.push(issue("list_type", loc, "Input should be a valid list", input));
      return INVALID;
    }
    const out: T[] = [];
    let ok = true;
    input.forEach((value, index) => {
      const parsed = item.parse(value, [...loc, index], issues);
      if (parsed === INVALID) ok = false;
      else out.push(parsed);
    });
    if (!ok) return INVALID;
    if (minLength !== undefined && out.length < minLength) {
      issues.push(
        issue(
          "too_short",
          loc,
          `List should have at least ${minLength} item${minLength === 1 ? "" : "s"} after validation, not ${out.length}`,
          input,
          {
            field_type: "List",
            min_length: minLength,
            actual_length: out.length,
          },
        ),
      );
      return INVALID;
    }
    return out;
  });
}
