/**
 * A tiny hand-written validation kit shared by the response decoders and the request encoders.
 *
 * A decoder is a plain function: it returns the converted value or throws a `SchemaIssue`. Object
 * and array decoders add the key to the issue's path while the exception unwinds, so the happy
 * path pays nothing for error reporting.
 */

export type Decoder<T> = (value: unknown) => T;

export type Issue = { path: (string | number)[]; message: string };

/** Thrown by decoders; carries the location of the first mismatch. */
export class SchemaIssue extends Error {
  override readonly name: string = "SchemaIssue";
  readonly path: (string | number)[] = [];
  /** One issue (decoding stops at the first); shares `path`, which grows while unwinding. */
  declare readonly issues: Issue[];
  constructor(expected: string, received: unknown) {
    super(`expected ${expected}, received ${received === null ? "null" : typeof received}`);
    this.issues = [{ path: this.path, message: this.message }];
  }
  /** The issue list as JSON, which is what the error messages embed. */
  override toString(): string {
    return JSON.stringify(this.issues);
  }
}

export function fail(expected: string, value: unknown): never {
  throw new SchemaIssue(expected, value);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Runs `decode` on a child value and records `key` in the path if it fails. */
export function at<T>(key: string | number, decode: Decoder<T>, value: unknown): T {
  try {
    return decode(value);
  } catch (err) {
    if (err instanceof SchemaIssue) err.path.unshift(key);
    throw err;
  }
}

export const string: Decoder<string> = (v) => (typeof v === "string" ? v : fail("string", v));
export const number: Decoder<number> = (v) => (typeof v === "number" ? v : fail("number", v));
export const integer: Decoder<number> = (v) => (Number.isInteger(v) ? (v as number) : fail("integer", v));
export const boolean: Decoder<boolean> = (v) => (typeof v === "boolean" ? v : fail("boolean", v));
export const unknown: Decoder<unknown> = (v) => v;

/** ISO 8601 with seconds and an explicit offset, as the API always sends it. */
const ISO_DATE_TIME = /^\d{4}(-\d\d){2}T\d\d(:\d\d){2}(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

export const dateTime: Decoder<Date> = (v) => {
  const date = typeof v === "string" && ISO_DATE_TIME.test(v) && new Date(v);
  // Well-formed but impossible dates (month 13…) give an Invalid Date.
  return date && date.getTime() === date.getTime() ? date : fail("ISO 8601 date-time", v);
};

/** Metadata values: no null, no nested objects. */
export const scalar: Decoder<string | number | boolean> = (v) =>
  typeof v === "string" || typeof v === "boolean" || typeof v === "number" ? v : fail("string, number or boolean", v);

export function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (v) => (v === null ? null : decode(v));
}

/** The key may be absent (undefined) or null. */
export function nullish<T>(decode: Decoder<T>): Decoder<T | null | undefined> {
  return (v) => (v == null ? v : decode(v));
}

export function optional<T>(decode: Decoder<T>): Decoder<T | undefined> {
  return (v) => (v === undefined ? v : decode(v));
}

export function withDefault<T>(decode: Decoder<T>, fallback: T): Decoder<T> {
  return (v) => (v === undefined ? fallback : decode(v));
}

export function array<T>(decode: Decoder<T>): Decoder<T[]> {
  return (v) => {
    if (!Array.isArray(v)) fail("array", v);
    return v.map((item, i) => at(i, decode, item));
  };
}

export function record<T>(decode: Decoder<T>): Decoder<Record<string, T>> {
  return (v) => {
    if (!isObject(v)) fail("object", v);
    const out: Record<string, T> = {};
    for (const key in v) out[key] = at(key, decode, v[key]);
    return out;
  };
}

/** A closed set of string values. `list` is space separated to keep bundles small. */
export function oneOf<T extends string>(list: string, label?: string): Decoder<T> {
  let values: Set<string> | undefined;
  return (v) => {
    values ??= new Set(list.split(" "));
    return typeof v === "string" && values.has(v) ? (v as T) : fail(label ?? `one of ${list.replace(/ /g, ", ")}`, v);
  };
}

export function literal<T extends string>(value: T): Decoder<T> {
  return (v) => (v === value ? value : fail(JSON.stringify(value), v));
}

export const camelCase = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * An object with a fixed set of keys, declared with their wire (snake_case) names: reads
 * snake_case and returns camelCase. Unknown keys are dropped and `undefined` values are left out.
 */
export function object<T>(shape: Record<string, Decoder<unknown>>): Decoder<T> {
  const wire = Object.keys(shape);
  return remap(wire, wire.map(camelCase), Object.values(shape));
}

/** The encoder twin of `object`: reads camelCase and writes the wire names (a separate function, so decode-only bundles skip it). */
export function toWire<T>(shape: Record<string, Decoder<unknown>>): Decoder<T> {
  const wire = Object.keys(shape);
  return remap(wire.map(camelCase), wire, Object.values(shape));
}

function remap<T>(from: string[], to: string[], decoders: Decoder<unknown>[]): Decoder<T> {
  return (v) => {
    if (!isObject(v)) fail("object", v);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < decoders.length; i++) {
      const value = at(from[i]!, decoders[i]!, v[from[i]!]);
      if (value !== undefined) out[to[i]!] = value;
    }
    return out as T;
  };
}

/** Picks the variant by the `type` key (Customer and CustomerState are "individual" or "team"). */
export function byType<T>(individual: Decoder<T>, team: Decoder<T>): Decoder<T> {
  return (v) => {
    const type = isObject(v) ? v["type"] : fail("object", v);
    return type === "individual" ? individual(v) : type === "team" ? team(v) : at("type", (t) => fail('"individual" or "team"', t), type);
  };
}
