// A small schema layer: each schema both validates input (reporting issues in
// Pydantic's exact vocabulary, which Polar's clients and tests depend on) and
// describes itself as JSON Schema for the OpenAPI document. One definition
// therefore feeds validation and documentation.

import { issue, type Issue, type Loc } from "./issues.js";

export const INVALID: unique symbol = Symbol("invalid");
export type Invalid = typeof INVALID;

export type JsonSchema = Record<string, unknown>;

export interface Schema<T> {
  /** JSON Schema (OpenAPI 3.1 dialect) for this value. */
  readonly json: JsonSchema;
  /** Validates and converts; pushes issues and returns INVALID on failure. */
  parse(input: unknown, loc: Loc, issues: Issue[]): T | Invalid;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

export const schema = <T>(json: JsonSchema, parse: Schema<T>["parse"]): Schema<T> => ({ json, parse });

/** Attaches documentation (title, description, examples…) to a schema's JSON form. */
export const describe = <T>(inner: Schema<T>, doc: JsonSchema): Schema<T> => ({ json: { ...inner.json, ...doc }, parse: inner.parse });

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Python's len(): code points, not UTF-16 units. */
export const codePointLength = (value: string): number => {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

/**
 * codePointLength for comparing with limits up to `limit`. A string of more than twice that many
 * UTF-16 units is longer anyway, and is not walked (a 10 MiB field costs nothing to refuse).
 */
export const boundedCodePointLength = (value: string, limit: number): number =>
  value.length > 2 * limit ? value.length : codePointLength(value);

const characters = (n: number) => (n === 1 ? "character" : "characters");

export interface StringOptions {
  minLength?: number;
  /** Checked on the raw input, before trimming (Polar's order). */
  maxLength?: number;
  trim?: boolean;
  /** Polar's Schema base rejects U+0000 in every string it validates. */
  rejectNul?: boolean;
}

export const NUL_MESSAGE = "Value error, This value contains invalid characters";

export const UNICODE_MESSAGE = "Input should be a valid string, unable to parse raw data as a unicode string";

/**
 * Pydantic's `string_unicode`: a string that is not valid Unicode. Only a JSON escape of a lone
 * surrogate (`"\ud800"`) produces one; neither UTF-8 nor either database can hold it (it would be
 * stored as U+FFFD, silently changing the client's data), so every string validator refuses it
 * through this one check.
 */
export const unicodeIssue = (input: string, loc: Loc): Issue | undefined =>
  input.isWellFormed() ? undefined : issue("string_unicode", loc, UNICODE_MESSAGE, input);

export const string = (options: StringOptions = {}): Schema<string> =>
  schema(
    {
      type: "string",
      ...(options.minLength !== undefined && { minLength: options.minLength }),
      ...(options.maxLength !== undefined && { maxLength: options.maxLength }),
    },
    (input, loc, issues) => {
      if (typeof input !== "string") {
        issues.push(issue("string_type", loc, "Input should be a valid string", input));
        return INVALID;
      }
      if (options.rejectNul && input.includes("\u0000")) {
        issues.push(issue("value_error", loc, NUL_MESSAGE, input, { error: {} }));
        return INVALID;
      }
      const unicode = unicodeIssue(input, loc);
      if (unicode) {
        issues.push(unicode);
        return INVALID;
      }
      if (options.maxLength !== undefined && boundedCodePointLength(input, options.maxLength) > options.maxLength) {
        const max = options.maxLength;
        issues.push(issue("string_too_long", loc, `String should have at most ${max} ${characters(max)}`, input, { max_length: max }));
        return INVALID;
      }
      const value = options.trim ? input.trim() : input;
      if (options.minLength !== undefined && codePointLength(value) < options.minLength) {
        const min = options.minLength;
        issues.push(issue("string_too_short", loc, `String should have at least ${min} ${characters(min)}`, input, { min_length: min }));
        return INVALID;
      }
      return value;
    },
  );

/** `X | None`: null passes through, anything else goes to the inner schema (no extra loc segment, as in Pydantic). */
export const nullable = <T>(inner: Schema<T>): Schema<T | null> =>
  schema({ anyOf: [inner.json, { type: "null" }] }, (input, loc, issues) => (input === null ? null : inner.parse(input, loc, issues)));

/** Maps blank strings to null after the inner schema accepted them (Polar's "empty string is None"). */
export const blankAsNull = (inner: Schema<string | null>): Schema<string | null> =>
  schema(inner.json, (input, loc, issues) => {
    const value = inner.parse(input, loc, issues);
    return value === "" ? null : value;
  });

/** Pydantic's rendering of a list of choices: `'a', 'b' or 'c'`. */
export const expectedList = (values: readonly string[]): string => {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
};

export const enumeration = <V extends string>(values: readonly V[], title?: string): Schema<V> => {
  const allowed = new Set<string>(values);
  const expected = expectedList(values);
  return schema({ type: "string", enum: [...values], ...(title && { title }) }, (input, loc, issues) => {
    if (typeof input === "string" && allowed.has(input)) return input as V;
    issues.push(issue("enum", loc, `Input should be ${expected}`, input, { expected }));
    return INVALID;
  });
};

export interface FieldSpec<T> {
  schema: Schema<T>;
  /** Missing key → `missing` issue. */
  required?: boolean;
  /** Value used when the key is absent (not applied when `required`). */
  default?: () => T;
  /** Documentation-only: hidden fields are accepted but not published. */
  hidden?: boolean;
}

export type Fields = Record<string, FieldSpec<unknown>>;

type FieldValue<F> = F extends FieldSpec<infer T> ? T : never;
/** Parsed object: only keys present in the input (or defaulted) exist, so PATCH can tell "absent" from "null". */
export type ObjectOf<F extends Fields> = { [K in keyof F]?: FieldValue<F[K]> };

export interface ObjectOptions {
  title: string;
  /** Issue produced when the input is not an object. */
  notAnObject?: { type: string; msg: string; ctx?: Record<string, unknown> };
  /** Pydantic's `extra="forbid"`: each unknown key is an `extra_forbidden` issue, after the fields' own. */
  forbidExtra?: boolean;
}

export const DICT_OR_OBJECT = { type: "model_attributes_type", msg: "Input should be a valid dictionary or object to extract fields from" };

export const object = <F extends Fields>(fields: F, options: ObjectOptions): Schema<ObjectOf<F>> & { fields: F } => {
  const entries = Object.entries(fields);
  const notAnObject = options.notAnObject ?? {
    type: "model_type",
    msg: `Input should be a valid dictionary or instance of ${options.title}`,
    ctx: { class_name: options.title },
  };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, spec] of entries) {
    if (spec.hidden) continue;
    properties[key] = spec.default && !spec.required ? { ...spec.schema.json, default: jsonDefault(spec.default()) } : spec.schema.json;
    if (spec.required) required.push(key);
  }
  const json: JsonSchema = {
    type: "object",
    title: options.title,
    properties,
    ...(required.length > 0 && { required }),
    ...(options.forbidExtra && { additionalProperties: false }),
  };
  const parse: Schema<ObjectOf<F>>["parse"] = (input, loc, issues) => {
    if (!isPlainObject(input)) {
      issues.push(issue(notAnObject.type, loc, notAnObject.msg, input, notAnObject.ctx));
      return INVALID;
    }
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const [key, spec] of entries) {
      if (!Object.prototype.hasOwnProperty.call(input, key)) {
        if (spec.required) {
          issues.push(issue("missing", [...loc, key], "Field required", input));
          ok = false;
        } else if (spec.default) {
          out[key] = spec.default();
        }
        continue;
      }
      const value = spec.schema.parse(input[key], [...loc, key], issues);
      if (value === INVALID) ok = false;
      else out[key] = value;
    }
    if (options.forbidExtra) {
      for (const [key, value] of Object.entries(input)) {
        if (Object.prototype.hasOwnProperty.call(fields, key)) continue;
        issues.push(issue("extra_forbidden", [...loc, key], "Extra inputs are not permitted", value));
        ok = false;
      }
    }
    return ok ? (out as ObjectOf<F>) : INVALID;
  };
  return { json, parse, fields };
};

const jsonDefault = (value: unknown): unknown => (value instanceof Object && !Array.isArray(value) ? { ...value } : value);

/** Adds a whole-object check that runs only when every field passed (Pydantic's model validator "after"). */
export const refine = <T>(inner: Schema<T>, check: (value: T, input: unknown, loc: Loc) => Issue | undefined): Schema<T> =>
  schema(inner.json, (input, loc, issues) => {
    const value = inner.parse(input, loc, issues);
    if (value === INVALID) return INVALID;
    const problem = check(value, input, loc);
    if (problem) {
      issues.push(problem);
      return INVALID;
    }
    return value;
  });
