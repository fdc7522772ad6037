// Discriminated unions (`Field(discriminator=…)`) and literals, with
// Pydantic's errors: a missing tag is `union_tag_not_found`, an unknown one
// `union_tag_invalid`, and a member's own errors sit under `loc + [tag]`.

import { issue, type Issue } from "./issues.js";
import { INVALID, isPlainObject, schema, type JsonSchema, type Schema } from "./core.js";
import { pythonStr } from "./python.js";

/** `Literal["x"]`: only that string, else `literal_error`. */
export const literal = <V extends string>(value: V): Schema<V> =>
  schema({ type: "string", const: value }, (input, loc, issues) => {
    if (input === value) return value;
    issues.push(issue("literal_error", loc, `Input should be '${value}'`, input, { expected: `'${value}'` }));
    return INVALID;
  });

export interface TaggedUnionOptions {
  /** The tag's key in the input object. */
  key: string;
  /** Each tag and the member that parses it, in the union's order. */
  members: Readonly<Record<string, Schema<unknown> & { json: JsonSchema }>>;
  /** Extra tags accepted by `members` but not published (legacy inputs). */
  hiddenTags?: readonly string[];
  /** A tag that maps onto a published member before validation (e.g. legacy `free` → `fixed`). */
  rewrite?: (input: Record<string, unknown>) => Record<string, unknown>;
}

export function taggedUnion<T>(options: TaggedUnionOptions): Schema<T> {
  const hidden = new Set(options.hiddenTags ?? []);
  const published = Object.entries(options.members).filter(([tag]) => !hidden.has(tag));
  const expected = Object.keys(options.members)
    .map((t) => `'${t}'`)
    .join(", ");
  const discriminator = `'${options.key}'`;
  // Published as anyOf: the tag selects exactly one member, but where a member's tag is optional
  // (it has a default) `oneOf` reads to linters and generators as overlapping branches.
  const json: JsonSchema = {
    anyOf: [...new Set(published.map(([, m]) => m.json))],
    discriminator: {
      propertyName: options.key,
      mapping: Object.fromEntries(published.map(([tag, m]) => [tag, (m.json.$ref as string) ?? tag])),
    },
  };
  return schema(json, (raw, loc, issues) => {
    if (!isPlainObject(raw)) {
      issues.push(issue("model_attributes_type", loc, "Input should be a valid dictionary or object to extract fields from", raw));
      return INVALID;
    }
    const input = options.rewrite ? options.rewrite(raw) : raw;
    if (!Object.prototype.hasOwnProperty.call(input, options.key)) {
      issues.push(
        issue("union_tag_not_found", loc, `Unable to extract tag using discriminator ${discriminator}`, input, { discriminator }),
      );
      return INVALID;
    }
    const tag = input[options.key];
    const member = typeof tag === "string" && Object.prototype.hasOwnProperty.call(options.members, tag) ? options.members[tag] : undefined;
    if (member === undefined) {
      const rendered = pythonStr(tag);
      issues.push(
        issue(
          "union_tag_invalid",
          loc,
          `Input tag '${rendered}' found using ${discriminator} does not match any of the expected tags: ${expected}`,
          input,
          {
            discriminator,
            tag: rendered,
            expected_tags: expected,
          },
        ),
      );
      return INVALID;
    }
    return member.parse(input, [...loc, tag as string], issues) as T;
  });
}

/**
 * A plain ("smart") union: the first member that accepts the input wins;
 * when none does, every member's issues are reported, each under the
 * member's name (`loc + [name]`).
 */
export function smartUnion<T>(members: readonly (readonly [name: string, member: Schema<unknown>])[], json?: JsonSchema): Schema<T> {
  return schema(json ?? { anyOf: members.map(([, m]) => m.json) }, (input, loc, issues) => {
    const collected: Issue[] = [];
    for (const [name, member] of members) {
      const own: Issue[] = [];
      const value = member.parse(input, [...loc, name], own);
      if (value !== INVALID && own.length === 0) return value as T;
      collected.push(...own);
    }
    issues.push(...collected);
    return INVALID;
  });
}
